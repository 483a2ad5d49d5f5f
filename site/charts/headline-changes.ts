import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { VERDICT_COLORS } from './theme.ts';
import { formatChangeCi } from '../helpers/format-ci.ts';
import { formatChangePct } from '../helpers/format-number.ts';

export interface HeadlineRow {
  metricLabel: string;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  verdict: string;
  /** the expected range (the seed guide's or the config's), when there is one */
  expected_low: number | null;
  expected_high: number | null;
}

/**
 * The overview's forest plot: the change % of every compared metric with its 95% CI, colored by verdict, the
 * expected range (the seed guide's for gatebench's own gateway, the config's for a --config run) drawn as a
 * grey band behind it; the caption names whose expectations the band shows, and speaks of none when no row
 * has one.
 *
 * @example
 * headlineChangesChart({ id: 'head', candidate: 'v2.0', baseline: 'v1.0', expectations_by: 'the seed guide', rows: [] }).title
 * // 'v2.0 vs v1.0: change per metric'
 */
export function headlineChangesChart(input: { id: string; candidate: string; baseline: string; expectations_by: string; rows: HeadlineRow[] }): Chart {
  const order = input.rows.map((r) => r.metricLabel);
  const data: Record<string, unknown>[] = [];
  for (const r of input.rows) {
    if (r.estimate !== null) data.push({ kind: 'm', metric: r.metricLabel, v: r.estimate, lo: r.ci_low ?? r.estimate, hi: r.ci_high ?? r.estimate, verdict: r.verdict });
    if (r.expected_low !== null && r.expected_high !== null) data.push({ kind: 'e', metric: r.metricLabel, lo: r.expected_low, hi: r.expected_high });
  }
  const verdicts = Object.keys(VERDICT_COLORS);
  const title = `${input.candidate} vs ${input.baseline}: change per metric`;
  const y = { field: 'metric', type: 'nominal' as const, title: null, sort: order, axis: { labelLimit: 260 } };
  return {
    id: input.id,
    title,
    caption: `Change of ${input.candidate} against ${input.baseline} in percent with its 95% CI (dot and whisker; paired by block: signed-rank), colored by verdict${data.some((d) => d.kind === 'e') ? `; the grey band is the change ${input.expectations_by} expected` : ''}. Whether a change is good depends on the metric (lower CPU and latency are better, higher throughput is better).`,
    spec: {
      ...chartFrame(title, data),
      width: 520,
      height: { step: 26 },
      layer: [
        {
          transform: [{ filter: "datum.kind === 'e'" }],
          mark: { type: 'bar', color: '#e5e7eb', height: 16 },
          encoding: { y, x: { field: 'lo', type: 'quantitative', title: 'change (%)' }, x2: { field: 'hi' }, tooltip: [{ field: 'metric' }, { field: 'lo', title: 'expected from (%)' }, { field: 'hi', title: 'expected to (%)' }] },
        },
        { mark: { type: 'rule', color: '#6b7280', strokeDash: [2, 2] }, encoding: { x: { datum: 0 } } },
        {
          transform: [{ filter: "datum.kind === 'm'" }],
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, color: { field: 'verdict', type: 'nominal', scale: { domain: verdicts, range: verdicts.map((v) => VERDICT_COLORS[v]) }, title: 'verdict' } },
        },
        {
          transform: [{ filter: "datum.kind === 'm'" }],
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            y,
            x: { field: 'v', type: 'quantitative' },
            color: { field: 'verdict', type: 'nominal', scale: { domain: verdicts, range: verdicts.map((v) => VERDICT_COLORS[v]) }, title: 'verdict' },
            tooltip: [{ field: 'metric' }, { field: 'v', title: 'change (%)', format: '+.1f' }, { field: 'lo', title: 'CI low', format: '+.1f' }, { field: 'hi', title: 'CI high', format: '+.1f' }, { field: 'verdict' }],
          },
        },
      ],
    },
    table: {
      columns: ['metric', 'change [95% CI]', 'verdict', 'expected'],
      rows: input.rows.map((r) => [
        r.metricLabel,
        formatChangeCi(r.estimate, r.ci_low, r.ci_high),
        r.verdict,
        r.expected_low !== null && r.expected_high !== null ? `${formatChangePct(r.expected_low)} to ${formatChangePct(r.expected_high)}` : '',
      ]),
    },
  };
}
