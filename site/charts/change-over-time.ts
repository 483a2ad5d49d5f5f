import type { Chart } from './chart.ts';
import { chartFrame, STATIC_POINTS } from './chart.ts';
import { markRecent } from './history-trend.ts';
import { eventCell, eventLayers, eventRows, type ChartEvent } from './event-marks.ts';
import { timeAxis } from './time-axis.ts';
import { formatChangeCi } from '../helpers/format-ci.ts';
import { formatChangePct } from '../helpers/format-number.ts';
import type { TopLevelSpec } from 'vega-lite';

export interface ChangePointRow {
  run: string;
  created_at: string;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  href: string;
}

/**
 * The change % of the candidate against the baseline over runs, with its CI band, the zero line, change
 * points and the machine's events marked; each point links to its run.
 *
 * @example
 * changeOverTimeChart({ id: 'c', metricLabel: 'Throughput', better: 'higher', candidate: 'v2.0', baseline: 'v1.0', points: [], changePoints: [], events: [] }).title
 * // 'Throughput: v2.0 vs v1.0 over runs'
 */
export function changeOverTimeChart(input: {
  id: string;
  metricLabel: string;
  better: 'higher' | 'lower';
  candidate: string;
  baseline: string;
  points: ChangePointRow[];
  changePoints: { run: string; created_at: string; change_pct: number; direction: string }[];
  events: ChartEvent[];
}): Chart {
  const rows: Record<string, unknown>[] = [];
  for (const p of input.points) {
    if (p.estimate === null) continue;
    rows.push({ kind: 'pt', series: 'change', run: p.run, t: p.created_at, v: p.estimate, lo: p.ci_low ?? p.estimate, hi: p.ci_high ?? p.estimate, href: p.href });
  }
  for (const c of input.changePoints) rows.push({ kind: 'cp', run: c.run, t: c.created_at, label: `${c.direction} ${formatChangePct(c.change_pct)}` });
  rows.push(...eventRows(input.events));
  const thinned = markRecent(rows, 'series', new Set(input.changePoints.map((c) => c.run)));
  const title = `${input.metricLabel}: ${input.candidate} vs ${input.baseline} over runs`;
  const x = timeAxis(rows.map((r) => String(r.t)));
  const spec = (pointFilter: string): TopLevelSpec => ({
    ...chartFrame(title, rows),
    width: 860,
    height: 180,
    layer: [
      {
        transform: [{ filter: "datum.kind === 'pt'" }],
        mark: { type: 'area', opacity: 0.2, color: '#6d28d9' },
        encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'change (%)' }, y2: { field: 'hi' } },
      },
      { mark: { type: 'rule', color: '#374151', strokeWidth: 1 }, encoding: { y: { datum: 0 } } },
      {
        transform: [{ filter: "datum.kind === 'pt'" }],
        mark: { type: 'line', color: '#6d28d9' },
        encoding: { x, y: { field: 'v', type: 'quantitative' } },
      },
      {
        transform: [{ filter: pointFilter }],
        mark: { type: 'point', filled: true, size: 36, color: '#6d28d9', cursor: 'pointer' },
        encoding: {
          x,
          y: { field: 'v', type: 'quantitative' },
          href: { field: 'href' },
          tooltip: [{ field: 'run' }, { field: 'v', title: 'change (%)', format: '+.1f' }, { field: 'lo', title: 'CI low', format: '+.1f' }, { field: 'hi', title: 'CI high', format: '+.1f' }],
        },
      },
      ...(input.changePoints.length
        ? [
            {
              transform: [{ filter: "datum.kind === 'cp'" }],
              mark: { type: 'rule' as const, strokeDash: [4, 3], strokeWidth: 1.5, color: '#b45309' },
              encoding: { x, tooltip: [{ field: 'run', title: 'change point at' }, { field: 'label', title: 'step' }] },
            },
          ]
        : []),
      ...(input.events.length ? eventLayers(x) : []),
    ],
  });
  return {
    id: input.id,
    title,
    caption: `Change of ${input.candidate} against ${input.baseline} in percent, per run, with its 95% CI band; ${input.better} is better. A band that crosses the zero line means no significant difference in that run. Dashed lines are detected change points.${input.events.length ? ' Solid grey lines mark what changed on the machine or in the load configuration since the run before.' : ''}${thinned ? ` Without JavaScript, points are drawn for the latest ${STATIC_POINTS} runs and the change points.` : ''}`,
    spec: spec("datum.kind === 'pt'"),
    ...(thinned ? { staticSpec: spec("datum.kind === 'pt' && datum.recent") } : {}),
    table: {
      columns: ['run', 'change [95% CI]', 'change point', 'event'],
      rows: input.points.map((p) => {
        const cp = input.changePoints.find((c) => c.run === p.run);
        return [p.run, formatChangeCi(p.estimate, p.ci_low, p.ci_high), cp ? `${cp.direction} ${formatChangePct(cp.change_pct)}` : '', eventCell(input.events, p.run)];
      }),
    },
  };
}
