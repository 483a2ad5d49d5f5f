import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { variantColors } from './theme.ts';
import { formatCi } from '../helpers/format-ci.ts';

export interface PercentileCi {
  variant: string;
  /** "p50", "p75", … */
  percentile: string;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

/**
 * Latency percentiles of the closed-loop load (wrk) as grouped bars per percentile with CI whiskers.
 *
 * @example
 * latencyPercentilesChart({ id: 'lat', variants: ['v1.0'], percentiles: ['p50'], points: [{ variant: 'v1.0', percentile: 'p50', estimate: 1.2, ci_low: 1.1, ci_high: 1.3 }] }).table.rows
 * // [['p50', 'v1.0', '1.20 ms [1.10, 1.30]']]
 */
export function latencyPercentilesChart(input: { id: string; variants: string[]; percentiles: string[]; points: PercentileCi[] }): Chart {
  const rows = input.points
    .filter((p) => p.estimate !== null)
    .map((p) => ({ variant: p.variant, percentile: p.percentile, ms: p.estimate, low: p.ci_low ?? p.estimate, high: p.ci_high ?? p.estimate }));
  const color = { field: 'variant', type: 'nominal' as const, title: null, scale: variantColors(input.variants) };
  const title = 'Latency percentiles under closed-loop load (wrk)';
  return {
    id: input.id,
    title,
    caption:
      'Median across repetitions of each repetition’s wrk percentile, with its 95% order-statistic CI (tails are never averaged). wrk is closed-loop: a slow response delays the next request, so these tails understate what users would see (coordinated omission); the open-loop spectrum below does not have that bias.',
    spec: {
      ...chartFrame(title, rows),
      width: 560,
      height: 220,
      encoding: {
        x: { field: 'percentile', type: 'nominal', title: 'percentile', sort: input.percentiles, axis: { labelAngle: 0 } },
        xOffset: { field: 'variant', type: 'nominal', sort: input.variants },
      },
      layer: [
        {
          mark: { type: 'bar', cornerRadiusEnd: 2 },
          encoding: {
            y: { field: 'ms', type: 'quantitative', title: 'latency (ms)' },
            color,
            tooltip: [{ field: 'variant' }, { field: 'percentile' }, { field: 'ms', title: 'latency (ms)', format: '.3~f' }, { field: 'low', title: 'CI low', format: '.3~f' }, { field: 'high', title: 'CI high', format: '.3~f' }],
          },
        },
        { mark: { type: 'rule', color: '#111827' }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
      ],
    },
    table: {
      columns: ['percentile', 'variant', 'latency (ms) [95% CI]'],
      rows: input.points.map((p) => [p.percentile, p.variant, formatCi(p.estimate, p.ci_low, p.ci_high, 'ms')]),
    },
  };
}
