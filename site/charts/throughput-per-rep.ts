import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { variantColors } from './theme.ts';
import { formatNumber } from '../helpers/format-number.ts';
import { formatCi } from '../helpers/format-ci.ts';

export interface RepValue {
  variant: string;
  repetition: number;
  value: number | null;
}

export interface VariantCi {
  variant: string;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
}

/**
 * One metric per repetition (dots) with each variant's estimate and 95% CI (bar and whisker), e.g. throughput.
 * In a run of paired blocks every repetition number is a block: `per: 'block'` says so in the title, the
 * tooltips and the table.
 *
 * @example
 * perRepetitionChart({ id: 'tp', metricLabel: 'Throughput', unit: 'req/s', statistic: 'mean', variants: ['v1.0'], reps: [{ variant: 'v1.0', repetition: 1, value: 9000 }], cis: [] }).table.rows[0]
 * // ['v1.0', 'rep 1', '9,000']
 */
export function perRepetitionChart(input: {
  id: string;
  metricLabel: string;
  unit: string;
  statistic: string;
  variants: string[];
  reps: RepValue[];
  cis: VariantCi[];
  /** what one dot is: a repetition (default) or a block's trial */
  per?: 'repetition' | 'block';
}): Chart {
  const per = input.per ?? 'repetition';
  const short = per === 'block' ? 'block' : 'rep';
  const rows: Record<string, unknown>[] = [];
  for (const r of input.reps) if (r.value !== null) rows.push({ kind: 'rep', variant: r.variant, value: r.value, repetition: r.repetition });
  for (const c of input.cis) {
    if (c.estimate !== null) rows.push({ kind: 'est', variant: c.variant, value: c.estimate, low: c.ci_low ?? c.estimate, high: c.ci_high ?? c.estimate, n: c.n });
  }
  // a paired run also has the line chart "Throughput per block" (x = block): this one keeps a distinct title
  const title = per === 'block' ? `${input.metricLabel}: each block’s trial and the ${input.statistic}` : `${input.metricLabel} per repetition`;
  const axis = `${input.metricLabel} (${input.unit})`;
  const color = { field: 'variant', type: 'nominal' as const, title: null, scale: variantColors(input.variants), legend: null };
  return {
    id: input.id,
    title,
    caption: `Each dot is one ${per === 'block' ? 'block’s trial of the variant' : 'repetition'}; the bar marks the ${input.statistic} and the whisker its 95% confidence interval (Student’s t for a mean, order statistics for a median). Non-overlapping whiskers suggest a real difference; the verdict above is the formal test.`,
    spec: {
      ...chartFrame(title, rows),
      width: 560,
      height: { step: 46 },
      encoding: {
        y: { field: 'variant', type: 'nominal', title: null, sort: input.variants },
      },
      layer: [
        {
          transform: [{ filter: "datum.kind === 'est'" }],
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { x: { field: 'low', type: 'quantitative', title: axis, scale: { zero: false } }, x2: { field: 'high' }, color },
        },
        {
          transform: [{ filter: "datum.kind === 'est'" }],
          mark: { type: 'tick', thickness: 3, size: 26 },
          encoding: {
            x: { field: 'value', type: 'quantitative' },
            color,
            tooltip: [
              { field: 'variant' },
              { field: 'value', title: input.statistic, format: ',.4~r' },
              { field: 'low', title: 'CI low', format: ',.4~r' },
              { field: 'high', title: 'CI high', format: ',.4~r' },
              { field: 'n', title: 'n' },
            ],
          },
        },
        {
          transform: [{ filter: "datum.kind === 'rep'" }],
          mark: { type: 'point', filled: false, size: 60, strokeWidth: 1.5, yOffset: -12 },
          encoding: {
            x: { field: 'value', type: 'quantitative' },
            color,
            tooltip: [{ field: 'variant' }, { field: 'repetition', title: per }, { field: 'value', title: axis, format: ',.4~r' }],
          },
        },
      ],
    },
    table: {
      columns: ['variant', per, `${input.metricLabel} (${input.unit})`],
      rows: [
        ...input.reps.map((r) => [r.variant, `${short} ${r.repetition}`, formatNumber(r.value)]),
        ...input.cis.map((c) => [c.variant, `${input.statistic} (n=${c.n})`, formatCi(c.estimate, c.ci_low, c.ci_high)]),
      ],
    },
  };
}
