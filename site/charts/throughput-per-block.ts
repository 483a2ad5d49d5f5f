import type { Chart } from './chart.ts';
import { blockLines } from './chart.ts';
import { variantColors } from './theme.ts';
import { formatNumber } from '../helpers/format-number.ts';

/** One variant's throughput in one block (the block's trial of that variant). */
export interface BlockThroughput {
  variant: string;
  block: number;
  throughput_rps: number | null;
}

/**
 * Throughput per block: x = block, y = req/s, one line per variant. Drawn on the same x as the speed probe,
 * so a machine-speed step shows in both at once.
 *
 * @example
 * throughputPerBlockChart({ id: 'tp-block', variants: ['v1.0'], points: [{ variant: 'v1.0', block: 1, throughput_rps: 9829.5 }] }).table.rows
 * // [['1', '9,830']]
 */
export function throughputPerBlockChart(input: { id: string; variants: string[]; points: BlockThroughput[] }): Chart {
  const rows = input.points.filter((p) => p.throughput_rps !== null).map((p) => ({ variant: p.variant, block: p.block, throughput_rps: p.throughput_rps! }));
  const title = 'Throughput per block';
  const blocks = [...new Set(input.points.map((p) => p.block))].sort((a, b) => a - b);
  const cell = (v: string, b: number) => formatNumber(input.points.find((p) => p.variant === v && p.block === b)?.throughput_rps ?? null, 0);
  const frame = blockLines(title, rows);
  return {
    id: input.id,
    title,
    caption:
      'Each point is one variant’s trial in one block (the variants of a block run back to back). Lines that move together follow the machine; the comparison uses the ratio inside each block, where that movement cancels.',
    spec: {
      ...frame,
      encoding: {
        ...frame.encoding,
        y: { field: 'throughput_rps', type: 'quantitative', title: 'Throughput (req/s)', scale: { zero: false } },
        color: { field: 'variant', type: 'nominal', title: null, scale: variantColors(input.variants) },
        tooltip: [{ field: 'variant' }, { field: 'block', title: 'block' }, { field: 'throughput_rps', title: 'Throughput (req/s)', format: ',.0f' }],
      },
    },
    table: {
      columns: ['block', ...input.variants.map((v) => `${v} (req/s)`)],
      rows: blocks.map((b) => [String(b), ...input.variants.map((v) => cell(v, b))]),
    },
  };
}
