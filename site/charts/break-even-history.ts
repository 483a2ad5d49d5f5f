import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { sizeAxis } from './size-axis.ts';
import { approxSizeLabel } from '../../ingest/byte-size.ts';

export interface BreakEvenPoint {
  run: string;
  /** ISO time of the run */
  created_at: string;
  metricLabel: string;
  size_bytes: number;
  /** the band's ends, already clipped to the run's measured range */
  low_bytes: number;
  high_bytes: number;
  /** link to the run page */
  href: string;
}

/**
 * The break-even size of each metric over the sweep runs of one machine, on a log size axis spanning the
 * sizes the runs measured (ticks at those sizes), with the band where the change's CI contains zero as a
 * whisker; each point links to its run.
 *
 * @example
 * breakEvenHistoryChart({ id: 'beh', points: [], metrics: [], sizes: [16, 1048576] }).title // 'Break-even over sweep runs'
 */
export function breakEvenHistoryChart(input: { id: string; points: BreakEvenPoint[]; metrics: string[]; sizes: number[] }): Chart {
  const data = input.points.map((p) => ({ run: p.run, t: p.created_at, metric: p.metricLabel, v: p.size_bytes, lo: p.low_bytes, hi: p.high_bytes, label: approxSizeLabel(p.size_bytes), href: p.href }));
  const y = { ...sizeAxis(input.sizes, 'v'), title: 'break-even size (log scale)' };
  const x = { field: 't', type: 'temporal' as const, title: 'run time (UTC)', axis: { format: '%b %d %H:%M', labelAngle: 0, labelOverlap: 'greedy' as const } };
  const color = { field: 'metric', type: 'nominal' as const, title: null, scale: { domain: input.metrics }, legend: { labelLimit: 260 } };
  const title = 'Break-even over sweep runs';
  return {
    id: input.id,
    title,
    caption: 'The break-even size of each metric in each sweep run on this machine (click a point to open its run); the whisker spans the sizes where that run\'s 95% band of the change contains zero, clipped to the sizes it measured.',
    spec: {
      ...chartFrame(title, data),
      width: 560,
      height: 220,
      layer: [
        { mark: { type: 'rule', strokeWidth: 2, opacity: 0.5 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color } },
        { mark: { type: 'line', opacity: 0.6 }, encoding: { x, y, color } },
        { mark: { type: 'point', filled: true, size: 60, cursor: 'pointer' }, encoding: { x, y, color, href: { field: 'href' }, tooltip: [{ field: 'run' }, { field: 'metric' }, { field: 'label', title: 'break-even' }] } },
      ],
    },
    table: {
      columns: ['run', 'metric', 'break-even', 'band'],
      rows: input.points.map((p) => [p.run, p.metricLabel, approxSizeLabel(p.size_bytes), `${approxSizeLabel(p.low_bytes)} to ${approxSizeLabel(p.high_bytes)}`]),
    },
  };
}
