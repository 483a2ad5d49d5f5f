/**
 * The end-of-run summary of a sweep, from the manifest's per-phase sanity figures (pure: manifest in, text
 * out): per size, each variant's median requests/s and gateway CPU over its complete trials. The paired
 * changes with confidence intervals and the break-even sizes are the analysis's job (`npm run analyze`).
 */
import { sizeLabel } from '../byte-size.ts';
import type { Manifest } from '../manifest.ts';

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The "SWEEP RESULTS" table of a sweep run.
 *
 * @example
 * sweepResults(manifest)
 * // -> 'SWEEP RESULTS (per variant: ...)\nsize      proxy (v1.0)              fdpass (v2.0)\n16 B      52110 req/s 98.0% (7)     ...'
 */
export function sweepResults(m: Manifest): string {
  const variants = m.config.variants;
  const cell = (variant: string, point: string) => {
    const trials = m.repetitions.filter((r) => r.variant === variant && r.point === point && r.status === 'complete');
    const fig = (key: string) => median(trials.flatMap((r) => {
      const x = r.phases.find((p) => p.name === 'throughput')?.summary?.[key];
      return typeof x === 'number' ? [x] : [];
    }));
    const rps = fig('requests_per_s');
    const cpu = fig('gateway_cpu_pct');
    return [rps === null ? 'n/a' : `${Math.round(rps)} req/s`, cpu === null ? null : `${cpu.toFixed(1)}%`, `(${trials.length})`].filter((x) => x !== null).join(' ');
  };
  const width = 26;
  const lines = [
    'SWEEP RESULTS (per variant: median req/s and gateway CPU % of its complete trials, and their count)',
    `${'size'.padEnd(10)}${variants.map((v) => `${v.name} (${v.label})`.padEnd(width)).join('')}`,
  ];
  for (const p of m.sweep?.points ?? []) lines.push(`${sizeLabel(p.size_bytes).padEnd(10)}${variants.map((v) => cell(v.name, p.id).padEnd(width)).join('')}`);
  for (const r of m.repetitions.filter((r) => r.status !== 'complete')) lines.push(`  ${r.variant} at ${r.point ?? '?'} block ${r.repetition} ${r.status}: ${r.error ?? ''}`);
  for (const s of m.skipped) lines.push(`skipped ${s.phase}: ${s.reason}`);
  return lines.join('\n');
}
