/**
 * Colors and Vega-Lite config shared by every chart, so v1.0 and v2.0 have the same color everywhere.
 */
import type { Config } from 'vega-lite';

/** Fixed colors of the two labels of the project; other labels take the palette in order. */
const LABEL_COLORS: Record<string, string> = { 'v1.0': '#3565b5', 'v2.0': '#e06c10' };
/** Lighter tints of the same hues, for the `user` half of stacked CPU charts. */
const LABEL_TINTS: Record<string, string> = { 'v1.0': '#9db8e6', 'v2.0': '#f5b47d' };
const PALETTE = ['#3565b5', '#e06c10', '#2a9d6f', '#8e44ad', '#c0392b', '#7f8c8d'];
const TINTS = ['#9db8e6', '#f5b47d', '#8fd3b6', '#cfa3e0', '#eba39b', '#c5cbcc'];

/** Verdict colors used by the headline chart and the badges' CSS. */
export const VERDICT_COLORS: Record<string, string> = {
  improved: '#1e8e4e',
  regressed: '#c62828',
  'no significant difference': '#6b7280',
  invalid: '#a16207',
};

/**
 * The color of each variant label: `v1.0` and `v2.0` are fixed, other labels follow the palette in the order given.
 *
 * @example
 * variantColors(['v1.0', 'v2.0']) // { domain: ['v1.0', 'v2.0'], range: ['#3565b5', '#e06c10'] }
 */
export function variantColors(labels: string[]): { domain: string[]; range: string[] } {
  const used = new Set(labels.map((l) => LABEL_COLORS[l]).filter(Boolean));
  const free = PALETTE.filter((c) => !used.has(c));
  let k = 0;
  const range = labels.map((l) => LABEL_COLORS[l] ?? free[k++ % free.length]);
  return { domain: [...labels], range };
}

/**
 * Colors for stacked series named `<label> · <part>`: the first part (e.g. `user`) gets the tint, the second
 * (e.g. `system`) the full color.
 *
 * @example
 * stackedColors(['v1.0'], ['user', 'system']) // { domain: ['v1.0 · user', 'v1.0 · system'], range: ['#9db8e6', '#3565b5'] }
 */
export function stackedColors(labels: string[], parts: [string, string]): { domain: string[]; range: string[] } {
  const base = variantColors(labels);
  const domain: string[] = [];
  const range: string[] = [];
  labels.forEach((l, i) => {
    const full = base.range[i];
    const p = PALETTE.indexOf(full);
    const tint = LABEL_TINTS[l] ?? (p >= 0 ? TINTS[p] : full);
    domain.push(`${l} · ${parts[0]}`, `${l} · ${parts[1]}`);
    range.push(tint, full);
  });
  return { domain, range };
}

/** Vega-Lite config: typography and axes matching site.css. */
export const CHART_CONFIG: Config = {
  font: 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
  background: '#ffffff',
  padding: 8,
  // per-mark aria labels double the SVG and its render time; each chart has a data table and an overall label instead
  aria: false,
  title: { fontSize: 14, fontWeight: 600, anchor: 'start', color: '#111827', offset: 10 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 500,
    labelColor: '#4b5563',
    titleColor: '#374151',
    gridColor: '#eef0f3',
    domainColor: '#9ca3af',
    tickColor: '#9ca3af',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'top', direction: 'horizontal' },
  header: { labelFontSize: 12, titleFontSize: 12, labelFontWeight: 600 },
  view: { stroke: null },
  line: { strokeWidth: 2 },
  point: { filled: true, size: 50 },
};

/** Default plot size for a full-width chart. */
export const WIDTH = 620;
export const HEIGHT = 220;
