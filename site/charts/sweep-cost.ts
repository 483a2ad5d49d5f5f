import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { sizeAxis } from './size-axis.ts';
import { variantColors } from './theme.ts';
import { formatCi } from '../helpers/format-ci.ts';
import { sizeLabel } from '../../ingest/byte-size.ts';

export interface SweepCostRow {
  size_bytes: number;
  /** the variant's label */
  variant: string;
  /** which figure: the whole system's CPU per request, or the gateway process's */
  measure: 'total' | 'gateway';
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

const MEASURES = { total: 'total', gateway: 'gateway process' } as const;

/** What the chart's captions say each basis measured. */
const CAPTIONS = {
  'fixed-rate':
    "Each variant's CPU time per request at the fixed rate (open loop, well below every variant's capacity, the load generator idle): mean over blocks, 95% CI as a band, at each response size, on log scales. Solid (total) is the gateway and its workers together, dashed the gateway process alone (perf stat's task-clock per request; pidstat in runs without it).",
  'full-load':
    "Each variant's CPU time per request (mean over blocks, 95% CI as a band) at each response size, on log scales: solid (total) is the whole system under test, the busy time of its CPUs; dashed is the gateway process alone (the rest is the workers and the kernel on their behalf).",
} as const;

/**
 * The absolute CPU per request of each variant by response size, both axes on a log scale: the total (solid)
 * and the gateway process's (dashed), each with its 95% CI as a band; `basis` says whether the figures were
 * taken at the fixed rate (a sweep's headline) or under full load (sweeps without the fixed-rate phase).
 *
 * @example
 * sweepCostChart({ id: 'cost', variants: ['v1.0', 'v2.0'], rows: [], basis: 'fixed-rate' }).title // 'CPU per request by response size, at the fixed rate'
 */
export function sweepCostChart(input: { id: string; variants: string[]; rows: SweepCostRow[]; basis: keyof typeof CAPTIONS }): Chart {
  const data = input.rows
    .filter((r) => r.estimate !== null && r.estimate > 0)
    .map((r) => ({ size: r.size_bytes, label: sizeLabel(r.size_bytes), variant: r.variant, measure: MEASURES[r.measure], v: r.estimate, lo: r.ci_low !== null && r.ci_low > 0 ? r.ci_low : r.estimate, hi: r.ci_high ?? r.estimate }));
  const x = sizeAxis(input.rows.map((r) => r.size_bytes), 'size');
  const y = { field: 'v', type: 'quantitative' as const, title: 'CPU per request (µs, log scale)', scale: { type: 'log' as const } };
  const color = { field: 'variant', type: 'nominal' as const, title: null, scale: variantColors(input.variants), legend: { symbolType: 'stroke', symbolStrokeWidth: 3, symbolOpacity: 1 } };
  const dash = { field: 'measure', type: 'nominal' as const, title: null, scale: { domain: Object.values(MEASURES), range: [[1, 0], [5, 3]] }, legend: { symbolType: 'stroke', symbolStrokeWidth: 2 } };
  const detail = { field: 'measure', type: 'nominal' as const };
  const title = input.basis === 'fixed-rate' ? 'CPU per request by response size, at the fixed rate' : 'CPU per request by response size';
  return {
    id: input.id,
    title,
    caption: CAPTIONS[input.basis],
    spec: {
      ...chartFrame(title, data),
      width: 560,
      height: 260,
      layer: [
        { mark: { type: 'area', opacity: 0.15 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color, detail } },
        { mark: { type: 'line', point: true }, encoding: { x, y, color, strokeDash: dash, tooltip: [{ field: 'variant' }, { field: 'measure' }, { field: 'label', title: 'size' }, { field: 'v', title: 'µs per request', format: ',.4~r' }, { field: 'lo', title: 'CI low', format: ',.4~r' }, { field: 'hi', title: 'CI high', format: ',.4~r' }] } },
      ],
    },
    table: {
      columns: ['size', 'variant', 'measure', 'µs per request [95% CI]'],
      rows: input.rows.map((r) => [sizeLabel(r.size_bytes), r.variant, MEASURES[r.measure], formatCi(r.estimate, r.ci_low, r.ci_high, 'us')]),
    },
  };
}
