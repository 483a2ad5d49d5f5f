import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { stackedColors } from './theme.ts';
import { formatNumber } from '../helpers/format-number.ts';

export interface CpuPoint {
  /** variant label, e.g. "v1.0" */
  variant: string;
  t_s: number;
  usr_pct: number | null;
  system_pct: number | null;
}

export interface CpuOverTimeInput {
  id: string;
  /** what the series measures, e.g. "gateway" or "workers (sum of 4)" */
  process: string;
  /** variant labels in display order (baseline first) */
  variants: string[];
  points: CpuPoint[];
  /** which repetition is shown, e.g. "repetition 3 of 5 (median throughput)" */
  note: string;
}

/**
 * CPU over time, user and system stacked, one panel per variant.
 *
 * @example
 * cpuOverTimeChart({ id: 'cpu-gw', process: 'gateway', variants: ['v1.0'], points: [{ variant: 'v1.0', t_s: 1, usr_pct: 10, system_pct: 30 }], note: '' }).spec.facet
 * // { column: { field: 'variant', … } }
 */
export function cpuOverTimeChart(input: CpuOverTimeInput): Chart {
  const rows: Record<string, unknown>[] = [];
  for (const p of input.points) {
    rows.push({ variant: p.variant, t_s: p.t_s, part: 'system', series: `${p.variant} · system`, cpu_pct: p.system_pct ?? 0, order: 0 });
    rows.push({ variant: p.variant, t_s: p.t_s, part: 'user', series: `${p.variant} · user`, cpu_pct: p.usr_pct ?? 0, order: 1 });
  }
  const colors = stackedColors(input.variants, ['user', 'system']);
  const title = `CPU over time: ${input.process}`;
  return {
    id: input.id,
    title,
    caption: `CPU of the ${input.process} in percent of one core, sampled every second by pidstat during the throughput phase; system time (dark) is stacked under user time (light). Shows ${input.note}.`,
    spec: {
      ...chartFrame(title, rows),
      facet: { column: { field: 'variant', type: 'nominal', title: null, sort: input.variants } },
      spec: {
        width: 290,
        height: 180,
        mark: { type: 'area', interpolate: 'linear', opacity: 0.95 },
        encoding: {
          x: { field: 't_s', type: 'quantitative', title: 'time (s)' },
          y: { field: 'cpu_pct', type: 'quantitative', stack: 'zero', title: 'CPU (% of one core)' },
          color: { field: 'series', type: 'nominal', title: null, scale: colors, legend: { orient: 'top' } },
          order: { field: 'order', type: 'quantitative' },
          tooltip: [
            { field: 'variant', title: 'variant' },
            { field: 'part', title: 'part' },
            { field: 't_s', title: 'time (s)' },
            { field: 'cpu_pct', title: 'CPU (%)', format: '.1f' },
          ],
        },
      },
    },
    table: {
      columns: ['variant', 'time (s)', 'user (%)', 'system (%)'],
      rows: input.points.map((p) => [p.variant, formatNumber(p.t_s, 0), formatNumber(p.usr_pct, 1), formatNumber(p.system_pct, 1)]),
    },
  };
}
