import type { Chart } from './chart.ts';
import { blockLines } from './chart.ts';
import { formatNumber } from '../helpers/format-number.ts';

/** One block's mean probe reading on each CPU role (ns per million iterations; null when not read). */
export interface SpeedBlock {
  block: number;
  sut_ns_per_miter: number | null;
  load_ns_per_miter: number | null;
}

/** The CPU roles as the chart names them, in legend order. */
export const SPEED_ROLES = ['system under test', 'load'] as const;
const ROLE_COLORS = ['#2a9d6f', '#8e44ad'];

/**
 * The speed probe per block: x = block, y = the probe's time in ns per million iterations (lower = faster
 * machine), one line per CPU role (the system under test's CPU, the load generator's CPU).
 *
 * @example
 * speedPerBlockChart({ id: 'speed', blocks: [{ block: 1, sut_ns_per_miter: 1790.4, load_ns_per_miter: 1781 }] }).table.rows
 * // [['1', '1,790', '1,781']]
 */
export function speedPerBlockChart(input: { id: string; blocks: SpeedBlock[] }): Chart {
  const rows: { block: number; role: string; ns_per_miter: number }[] = [];
  for (const b of input.blocks) {
    if (b.sut_ns_per_miter !== null) rows.push({ block: b.block, role: SPEED_ROLES[0], ns_per_miter: b.sut_ns_per_miter });
    if (b.load_ns_per_miter !== null) rows.push({ block: b.block, role: SPEED_ROLES[1], ns_per_miter: b.load_ns_per_miter });
  }
  const title = 'Speed probe per block';
  const axis = 'ns per million iterations';
  const frame = blockLines(title, rows);
  return {
    id: input.id,
    title,
    caption:
      'The time a fixed integer loop takes on each CPU, read before and after every timed trial and averaged per block (lower = faster machine). A step means the machine’s speed changed during the run; the paired design compares the variants inside each block, so such a step cancels in the within-block ratio. The probe is reported, never used to correct a number.',
    spec: {
      ...frame,
      encoding: {
        ...frame.encoding,
        y: { field: 'ns_per_miter', type: 'quantitative', title: axis, scale: { zero: false } },
        color: { field: 'role', type: 'nominal', title: 'CPU', scale: { domain: [...SPEED_ROLES], range: ROLE_COLORS } },
        tooltip: [{ field: 'block', title: 'block' }, { field: 'role', title: 'CPU' }, { field: 'ns_per_miter', title: axis, format: ',.0f' }],
      },
    },
    table: {
      columns: ['block', `system under test (${axis})`, `load (${axis})`],
      rows: input.blocks.map((b) => [String(b.block), formatNumber(b.sut_ns_per_miter, 0), formatNumber(b.load_ns_per_miter, 0)]),
    },
  };
}
