/**
 * Flame graph rectangles -> an SVG string: an icicle (root on top), warm colors hashed from the frame name,
 * a `<title>` per frame so the browser shows name, samples and share on hover even with JavaScript off.
 * Every name is escaped: frame names come from raw perf output.
 */
import type { FlameRect } from './flame-layout.ts';
import { escapeHtml } from '../helpers/escape.ts';
import { formatNumber, formatPercent } from '../helpers/format-number.ts';

const ROW = 17;
const CHAR_PX = 6.4;

/** A stable warm color for a frame name (FNV-1a hash); kernel-looking frames get a cooler orange. */
function frameColor(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  const r = 205 + (h % 50);
  const g = 80 + ((h >>> 8) % 130);
  const b = 40 + ((h >>> 16) % 45);
  return `rgb(${r},${g},${b})`;
}

/**
 * Render a flame graph of `width` pixels.
 *
 * @example
 * renderFlameSvg([{ name: 'all', path: 'all', depth: 0, x: 0, w: 1, samples: 4 }], { width: 800, title: 'v1.0' })
 * // '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="v1.0" …'
 */
export function renderFlameSvg(rects: FlameRect[], opts: { width: number; title: string }): string {
  const depth = rects.reduce((m, r) => Math.max(m, r.depth), 0) + 1;
  const height = depth * ROW + 2;
  const total = rects[0]?.samples ?? 0;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(opts.title)}" class="flame" width="${opts.width}" height="${height}" viewBox="0 0 ${opts.width} ${height}" font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" font-size="11">`,
  );
  for (const r of rects) {
    const x = r.x * opts.width;
    const w = r.w * opts.width;
    if (w < 0.3) continue;
    const y = r.depth * ROW;
    const tip = `${r.name} — ${formatNumber(r.samples, 0)} samples, ${formatPercent((100 * r.samples) / (total || 1))}`;
    const fill = r.depth === 0 ? '#d1d5db' : frameColor(r.name);
    parts.push(`<g><title>${escapeHtml(tip)}</title><rect x="${x.toFixed(2)}" y="${y}" width="${Math.max(w - 0.5, 0.3).toFixed(2)}" height="${ROW - 1}" rx="1.5" fill="${fill}"/>`);
    const chars = Math.floor((w - 6) / CHAR_PX);
    if (chars >= 3) {
      const label = r.name.length > chars ? `${r.name.slice(0, chars - 1)}…` : r.name;
      parts.push(`<text x="${(x + 3).toFixed(2)}" y="${y + 12}" fill="#1f2937">${escapeHtml(label)}</text>`);
    }
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}
