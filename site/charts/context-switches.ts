import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { variantColors } from './theme.ts';
import { formatNumber } from '../helpers/format-number.ts';

export interface CswPoint {
  variant: string;
  t_s: number;
  cswch_per_s: number | null;
  nvcswch_per_s: number | null;
}

/**
 * Context switches per second of one process over time: a line per variant and kind (solid voluntary, dashed non-voluntary).
 *
 * @example
 * contextSwitchesChart({ id: 'csw', process: 'gateway', variants: ['v1.0'], points: [], note: '' }).title
 * // 'Context switches: gateway'
 */
export function contextSwitchesChart(input: { id: string; process: string; variants: string[]; points: CswPoint[]; note: string }): Chart {
  const rows: Record<string, unknown>[] = [];
  for (const p of input.points) {
    if (p.cswch_per_s !== null) rows.push({ variant: p.variant, t_s: p.t_s, kind: 'voluntary', per_s: p.cswch_per_s });
    if (p.nvcswch_per_s !== null) rows.push({ variant: p.variant, t_s: p.t_s, kind: 'non-voluntary', per_s: p.nvcswch_per_s });
  }
  const title = `Context switches: ${input.process}`;
  return {
    id: input.id,
    title,
    caption: `Voluntary (solid: the process blocked, e.g. waiting for I/O) and non-voluntary (dashed: preempted) context switches per second of the ${input.process}, from pidstat -w. Shows ${input.note}.`,
    spec: {
      ...chartFrame(title, rows),
      width: 560,
      height: 200,
      mark: { type: 'line' },
      encoding: {
        x: { field: 't_s', type: 'quantitative', title: 'time (s)' },
        y: { field: 'per_s', type: 'quantitative', title: 'switches per second' },
        color: { field: 'variant', type: 'nominal', title: null, scale: variantColors(input.variants) },
        strokeDash: { field: 'kind', type: 'nominal', title: null, sort: ['voluntary', 'non-voluntary'] },
        detail: { field: 'kind' },
        tooltip: [{ field: 'variant' }, { field: 'kind' }, { field: 't_s', title: 'time (s)' }, { field: 'per_s', title: 'per second', format: ',.0f' }],
      },
    },
    table: {
      columns: ['variant', 'time (s)', 'voluntary /s', 'non-voluntary /s'],
      rows: input.points.map((p) => [p.variant, formatNumber(p.t_s, 0), formatNumber(p.cswch_per_s, 0), formatNumber(p.nvcswch_per_s, 0)]),
    },
  };
}
