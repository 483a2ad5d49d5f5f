import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { variantColors } from './theme.ts';
import { formatNumber } from '../helpers/format-number.ts';

export interface SpectrumRow {
  variant: string;
  percentile: number;
  latency_ms: number;
}

/**
 * The open-loop latency spectrum: latency against percentile on a log "nines" axis (50%, 90%, 99%, 99.9%…),
 * the HdrHistogram way of showing tails. The 100th percentile (max) cannot sit on that axis and is left out.
 *
 * @example
 * latencySpectrumChart({ id: 'spec', variants: ['v1.0'], points: [{ variant: 'v1.0', percentile: 99, latency_ms: 2 }], rate: '2,500 req/s' }).table.rows
 * // [['v1.0', '99%', '2.00']]
 */
export function latencySpectrumChart(input: { id: string; variants: string[]; points: SpectrumRow[]; rate: string }): Chart {
  const rows = input.points
    .filter((p) => p.percentile < 100 && p.percentile >= 0 && p.latency_ms > 0)
    .map((p) => ({ variant: p.variant, percentile: p.percentile, nines: 1 / (1 - p.percentile / 100), latency_ms: p.latency_ms }));
  const title = `Open-loop latency spectrum at ${input.rate}`;
  return {
    id: input.id,
    title,
    caption: `Latency under a fixed arrival rate (${input.rate}), measured from the intended send time so queueing is counted (no coordinated omission). Raw latencies of all repetitions are pooled per variant; both axes are logarithmic, so each step right is one more nine.`,
    spec: {
      ...chartFrame(title, rows),
      width: 560,
      height: 240,
      mark: { type: 'line', point: { size: 24 } },
      encoding: {
        x: {
          field: 'nines',
          type: 'quantitative',
          title: 'percentile',
          scale: { type: 'log' },
          axis: { values: [2, 10, 100, 1000, 10000, 100000], labelExpr: "format(100 - 100 / datum.value, '.5~f') + '%'" },
        },
        y: { field: 'latency_ms', type: 'quantitative', title: 'latency (ms, log scale)', scale: { type: 'log' } },
        color: { field: 'variant', type: 'nominal', title: null, scale: variantColors(input.variants) },
        tooltip: [{ field: 'variant' }, { field: 'percentile', title: 'percentile', format: '.4~f' }, { field: 'latency_ms', title: 'latency (ms)', format: '.3~f' }],
      },
    },
    table: {
      columns: ['variant', 'percentile', 'latency (ms)'],
      rows: input.points.map((p) => [p.variant, `${Number(p.percentile.toFixed(4))}%`, formatNumber(p.latency_ms, 2)]),
    },
  };
}
