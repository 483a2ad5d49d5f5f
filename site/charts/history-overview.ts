import type { Chart } from './chart.ts';
import { chartFrame, STATIC_POINTS } from './chart.ts';
import type { ChangePointRow } from './change-over-time.ts';
import { eventCell, eventLayers, eventRows, type ChartEvent } from './event-marks.ts';
import { timeAxis } from './time-axis.ts';
import { formatChangeCi } from '../helpers/format-ci.ts';
import type { TopLevelSpec } from 'vega-lite';

/** One run's change of one metric, as the history index draws it: a change row and its metric's label. */
export interface OverviewPoint extends ChangePointRow {
  /** the metric's label, which names its panel */
  metric: string;
}

/** The chart draws this many latest runs, the data table lists fewer (each metric's own page has them all). */
export const OVERVIEW_RUNS = STATIC_POINTS;
export const OVERVIEW_TABLE_RUNS = 50;

/**
 * The history index's trend chart of one machine: one small panel per headline metric with the change of the
 * candidate against the baseline over runs (95% CI band, zero line), the machine's events as grey rules in
 * every panel, each point linking to its run. A long history shows its latest `OVERVIEW_RUNS` runs (a
 * summary: drawing 12 panels of every run costs a second per thousand runs at each build).
 *
 * @example
 * historyOverviewChart({ id: 'o', candidate: 'v2.0', baseline: 'v1.0', metrics: ['Throughput'], points: [], events: [] }).title
 * // 'v2.0 vs v1.0 over runs, headline metrics'
 */
export function historyOverviewChart(input: { id: string; candidate: string; baseline: string; metrics: string[]; points: OverviewPoint[]; events: ChartEvent[] }): Chart {
  const times = [...new Set(input.points.map((p) => p.created_at))].sort();
  const from = times.length > OVERVIEW_RUNS ? times[times.length - OVERVIEW_RUNS] : '';
  const points = input.points.filter((p) => p.created_at >= from);
  const events = input.events.filter((e) => e.created_at >= from);
  const rows: Record<string, unknown>[] = [];
  for (const p of points) {
    if (p.estimate === null) continue;
    rows.push({ kind: 'pt', metric: p.metric, run: p.run, t: p.created_at, v: p.estimate, lo: p.ci_low ?? p.estimate, hi: p.ci_high ?? p.estimate, href: p.href });
  }
  const shown = input.metrics.filter((m) => rows.some((r) => r.metric === m));
  // every panel draws the events: one copy of the event rows per metric
  for (const metric of shown) for (const e of eventRows(events)) rows.push({ ...e, metric });
  const title = `${input.candidate} vs ${input.baseline} over runs, headline metrics`;
  const x = timeAxis(rows.map((r) => String(r.t)));
  const pt = [{ filter: "datum.kind === 'pt'" }];
  const spec: TopLevelSpec = {
    ...chartFrame(title, rows),
    facet: { field: 'metric', type: 'nominal', title: null, sort: shown, header: { labelFontWeight: 'bold', labelAnchor: 'start', labelFontSize: 12 } },
    columns: 2,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 400,
      height: 110,
      layer: [
        { transform: pt, mark: { type: 'area', opacity: 0.2, color: '#6d28d9' }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'change (%)' }, y2: { field: 'hi' } } },
        { mark: { type: 'rule', color: '#374151', strokeWidth: 1 }, encoding: { y: { datum: 0 } } },
        { transform: pt, mark: { type: 'line', color: '#6d28d9' }, encoding: { x, y: { field: 'v', type: 'quantitative' } } },
        {
          transform: pt,
          mark: { type: 'point', filled: true, size: 24, color: '#6d28d9', cursor: 'pointer' },
          encoding: {
            x,
            y: { field: 'v', type: 'quantitative' },
            href: { field: 'href' },
            tooltip: [{ field: 'run' }, { field: 'metric' }, { field: 'v', title: 'change (%)', format: '+.1f' }, { field: 'lo', title: 'CI low', format: '+.1f' }, { field: 'hi', title: 'CI high', format: '+.1f' }],
          },
        },
        ...(events.length ? eventLayers(x) : []),
      ],
    },
  };
  const runs = [...new Map(points.map((p) => [p.run, p.created_at])).entries()].sort((a, b) => b[1].localeCompare(a[1])).slice(0, OVERVIEW_TABLE_RUNS);
  const byKey = new Map(points.map((p) => [`${p.metric}\u0000${p.run}`, p]));
  const cell = (metric: string, run: string) => {
    const p = byKey.get(`${metric}\u0000${run}`);
    return p ? formatChangeCi(p.estimate, p.ci_low, p.ci_high) : '';
  };
  return {
    id: input.id,
    title,
    caption: `Per headline metric, the change of ${input.candidate} against ${input.baseline} in each run, with its 95% CI band; a band across the zero line is no significant difference. Click a point to open its run; open a metric below for its trend per variant.${events.length ? ' Grey lines mark what changed on the machine or in the load configuration since the run before.' : ''}${from ? ` The chart shows the latest ${OVERVIEW_RUNS} runs, the data table the latest ${OVERVIEW_TABLE_RUNS}; each metric's page has them all.` : runs.length === OVERVIEW_TABLE_RUNS ? ` The data table lists the latest ${OVERVIEW_TABLE_RUNS} runs.` : ''}`,
    spec,
    table: {
      columns: ['run', ...shown.map((m) => `${m}: change [95% CI]`), 'event'],
      rows: runs.map(([run]) => [run, ...shown.map((m) => cell(m, run)), eventCell(events, run)]),
    },
  };
}
