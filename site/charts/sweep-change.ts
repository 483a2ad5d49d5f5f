import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { sizeAxis } from './size-axis.ts';
import { VERDICT_COLORS } from './theme.ts';
import { formatChangeCi } from '../helpers/format-ci.ts';
import { approxSizeLabel, sizeLabel } from '../../ingest/byte-size.ts';

export interface SweepChangeRow {
  size_bytes: number;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  verdict: string;
}

/**
 * One metric of a sweep: the candidate's change against the baseline at each response size (log axis) with
 * its 95% CI band, the zero line, and the break-even marked: a vertical rule at the estimate and a shaded
 * span where the band contains zero (clipped to the measured range when it reaches beyond).
 *
 * @example
 * sweepChangeChart({ id: 's-cpu', metricLabel: 'Total CPU per request', better: 'lower', candidate: 'v2.0', baseline: 'v1.0', rows: [], breakEven: null }).title
 * // 'Total CPU per request: v2.0 vs v1.0 by response size'
 */
export function sweepChangeChart(input: {
  id: string;
  metricLabel: string;
  better: 'higher' | 'lower';
  candidate: string;
  baseline: string;
  rows: SweepChangeRow[];
  /** the break-even to mark: its size, and its band's ends (null = beyond the measured range) */
  breakEven: { size_bytes: number; low_bytes: number | null; high_bytes: number | null; text: string } | null;
}): Chart {
  const sizes = input.rows.map((r) => r.size_bytes);
  const from = Math.min(...sizes);
  const to = Math.max(...sizes);
  const data: Record<string, unknown>[] = [];
  for (const r of input.rows) {
    if (r.estimate === null) continue;
    data.push({ kind: 'm', size: r.size_bytes, label: sizeLabel(r.size_bytes), v: r.estimate, lo: r.ci_low ?? r.estimate, hi: r.ci_high ?? r.estimate, verdict: r.verdict });
  }
  const be = input.breakEven;
  if (be && data.length) {
    const lo = Math.max(from, be.low_bytes ?? from);
    const hi = Math.min(to, be.high_bytes ?? to);
    data.push({ kind: 'be', size: be.size_bytes, lo, hi, label: `break-even ≈ ${approxSizeLabel(be.size_bytes)}` });
  }
  const x = sizeAxis(sizes, 'size');
  const verdicts = Object.keys(VERDICT_COLORS);
  const color = { field: 'verdict', type: 'nominal' as const, title: 'verdict', scale: { domain: verdicts, range: verdicts.map((v) => VERDICT_COLORS[v]) } };
  const title = `${input.metricLabel}: ${input.candidate} vs ${input.baseline} by response size`;
  const pays = input.better === 'lower' ? 'below zero' : 'above zero';
  return {
    id: input.id,
    title,
    caption: `Change of ${input.candidate} against ${input.baseline} in percent at each response size (paired by block), with its 95% CI as a band; ${input.candidate} is better ${pays}. ${be ? `The vertical line is the break-even (${be.text}); the shaded span is where the band contains zero.` : 'The change keeps one sign over the measured sizes: no break-even to mark.'}`,
    spec: {
      ...chartFrame(title, data),
      width: 560,
      height: 220,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'be'" }],
          mark: { type: 'rect', color: '#ede9fe', opacity: 0.7 },
          encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' } },
        },
        { mark: { type: 'rule', color: '#6b7280', strokeDash: [2, 2] }, encoding: { y: { datum: 0 } } },
        {
          transform: [{ filter: "datum.kind === 'm'" }],
          mark: { type: 'area', color: '#6d28d9', opacity: 0.18 },
          encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'change (%)' }, y2: { field: 'hi' } },
        },
        {
          transform: [{ filter: "datum.kind === 'm'" }],
          mark: { type: 'line', color: '#6d28d9' },
          encoding: { x, y: { field: 'v', type: 'quantitative' } },
        },
        {
          transform: [{ filter: "datum.kind === 'm'" }],
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            x,
            y: { field: 'v', type: 'quantitative' },
            color,
            tooltip: [{ field: 'label', title: 'size' }, { field: 'v', title: 'change (%)', format: '+.1f' }, { field: 'lo', title: 'CI low', format: '+.1f' }, { field: 'hi', title: 'CI high', format: '+.1f' }, { field: 'verdict' }],
          },
        },
        {
          transform: [{ filter: "datum.kind === 'be'" }],
          mark: { type: 'rule', color: '#6d28d9', strokeWidth: 2, strokeDash: [6, 3] },
          encoding: { x: { ...x, field: 'size' }, tooltip: [{ field: 'label' }] },
        },
        {
          transform: [{ filter: "datum.kind === 'be'" }],
          mark: { type: 'text', align: 'left', dx: 4, dy: -4, baseline: 'bottom', color: '#4c1d95', fontSize: 11 },
          encoding: { x: { ...x, field: 'size' }, y: { value: 12 }, text: { field: 'label' } },
        },
      ],
    },
    table: {
      columns: ['size', 'change [95% CI]', 'verdict'],
      rows: input.rows.map((r) => [sizeLabel(r.size_bytes), formatChangeCi(r.estimate, r.ci_low, r.ci_high), r.verdict]),
    },
  };
}
