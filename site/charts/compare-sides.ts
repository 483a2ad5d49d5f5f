import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { formatChangePct } from '../helpers/format-number.ts';

export interface SideDiffRow {
  metricLabel: string;
  /** (B - A) / A in percent, null when either side is missing or A is zero */
  diff_pct: number | null;
  /** "better", "worse" or "same" for B against A, given the metric's better direction */
  outcome: string;
}

/** Outcome colors: B better, B worse, no difference. */
export const OUTCOME_COLORS: Record<string, string> = { better: '#1e8e4e', worse: '#c62828', same: '#9ca3af' };

/**
 * Bars of the relative difference of B against A per metric, green where B is better, red where worse.
 * The site also rebuilds this chart in the browser with other rows (same spec, `datasets.table` swapped).
 *
 * @example
 * compareSidesChart({ id: 'cmp', a: 'v1.0', b: 'v2.0', rows: [{ metricLabel: 'Throughput', diff_pct: 12, outcome: 'better' }] }).table.rows
 * // [['Throughput', '+12.0%', 'better']]
 */
export function compareSidesChart(input: { id: string; a: string; b: string; rows: SideDiffRow[] }): Chart {
  const rows = input.rows.filter((r) => r.diff_pct !== null).map((r) => ({ metric: r.metricLabel, diff_pct: r.diff_pct, outcome: r.outcome }));
  const title = 'Difference of B against A per metric';
  return {
    id: input.id,
    title,
    caption: `(B − A) / A in percent for each metric, B = ${input.b}, A = ${input.a}; green where B is better, red where it is worse, grey within the noise threshold or when the difference is not significant.`,
    spec: {
      ...chartFrame(title, rows),
      width: 520,
      height: { step: 24 },
      layer: [
        {
          mark: { type: 'bar', cornerRadiusEnd: 2, height: 14 },
          encoding: {
            y: { field: 'metric', type: 'nominal', title: null, sort: null, axis: { labelLimit: 260 } },
            x: { field: 'diff_pct', type: 'quantitative', title: 'difference (%)' },
            color: { field: 'outcome', type: 'nominal', title: 'B is', scale: { domain: Object.keys(OUTCOME_COLORS), range: Object.values(OUTCOME_COLORS) } },
            tooltip: [{ field: 'metric' }, { field: 'diff_pct', title: 'difference (%)', format: '+.1f' }, { field: 'outcome', title: 'B is' }],
          },
        },
        { mark: { type: 'rule', color: '#374151' }, encoding: { x: { datum: 0 } } },
      ],
    },
    table: { columns: ['metric', 'B vs A', 'B is'], rows: input.rows.map((r) => [r.metricLabel, formatChangePct(r.diff_pct), r.outcome]) },
  };
}
