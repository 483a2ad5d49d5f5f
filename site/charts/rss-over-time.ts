import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { variantColors } from './theme.ts';
import { formatNumber } from '../helpers/format-number.ts';

export interface RssPoint {
  variant: string;
  /** "gateway" or "workers (sum)" */
  process: string;
  t_s: number;
  rss_kb: number | null;
}

/**
 * Resident memory over time: a line per variant and process (solid gateway, dashed workers).
 *
 * @example
 * rssOverTimeChart({ id: 'rss', variants: ['v1.0'], processes: ['gateway'], points: [{ variant: 'v1.0', process: 'gateway', t_s: 1, rss_kb: 2048 }], note: '' }).table.rows
 * // [['v1.0', 'gateway', '1', '2.0']]
 */
export function rssOverTimeChart(input: { id: string; variants: string[]; processes: string[]; points: RssPoint[]; note: string }): Chart {
  const rows = input.points.filter((p) => p.rss_kb !== null).map((p) => ({ variant: p.variant, process: p.process, t_s: p.t_s, rss_mib: p.rss_kb! / 1024 }));
  const title = 'Resident memory (RSS) over time';
  return {
    id: input.id,
    title,
    caption: `Resident set size in MiB, sampled every second by pidstat during the throughput phase: gateway solid, workers (summed) dashed. Growth during a run hints at a leak. Shows ${input.note}.`,
    spec: {
      ...chartFrame(title, rows),
      width: 560,
      height: 200,
      mark: { type: 'line' },
      encoding: {
        x: { field: 't_s', type: 'quantitative', title: 'time (s)' },
        y: { field: 'rss_mib', type: 'quantitative', title: 'RSS (MiB)', scale: { zero: false } },
        color: { field: 'variant', type: 'nominal', title: null, scale: variantColors(input.variants) },
        strokeDash: { field: 'process', type: 'nominal', title: null, sort: input.processes },
        detail: { field: 'process' },
        tooltip: [
          { field: 'variant' },
          { field: 'process' },
          { field: 't_s', title: 'time (s)' },
          { field: 'rss_mib', title: 'RSS (MiB)', format: '.2f' },
        ],
      },
    },
    table: {
      columns: ['variant', 'process', 'time (s)', 'RSS (MiB)'],
      rows: rows.map((r) => [r.variant, r.process, formatNumber(r.t_s, 0), formatNumber(r.rss_mib, 1)]),
    },
  };
}
