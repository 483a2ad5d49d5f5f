import type { Chart } from './chart.ts';
import { chartFrame, STATIC_POINTS } from './chart.ts';
import { variantColors } from './theme.ts';
import { eventCell, eventLayers, eventRows, type ChartEvent } from './event-marks.ts';
import { timeAxis } from './time-axis.ts';
import { formatCi } from '../helpers/format-ci.ts';
import { formatChangePct, displayUnit } from '../helpers/format-number.ts';
import type { TopLevelSpec } from 'vega-lite';

export interface TrendPoint {
  variant: string;
  run: string;
  /** ISO time of the run */
  created_at: string;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** link to the run page (path prefix included) */
  href: string;
}

export interface TrendChangePoint {
  variant: string;
  run: string;
  created_at: string;
  change_pct: number;
  direction: 'improved' | 'regressed';
}

/**
 * The y-axis title of a history chart: the unit in words where a symbol would read badly.
 *
 * @example
 * unitAxisTitle('1/req') // 'per request'
 * unitAxisTitle('us') // 'µs'
 */
export function unitAxisTitle(unit: string): string {
  const words: Record<string, string> = { '1/req': 'per request', '1/s': 'per second', count: 'count' };
  return words[unit] ?? displayUnit(unit);
}

/**
 * Mark the rows whose point is drawn in the build-time SVG: the latest `STATIC_POINTS` per series and every
 * change point. Returns whether any point was left out.
 */
export function markRecent(rows: Record<string, unknown>[], key: string, changeRuns: Set<string>): boolean {
  const bySeries = new Map<unknown, Record<string, unknown>[]>();
  for (const r of rows) {
    if (r.kind !== 'pt') continue;
    if (!bySeries.has(r[key])) bySeries.set(r[key], []);
    bySeries.get(r[key])!.push(r);
  }
  let thinned = false;
  for (const list of bySeries.values()) {
    list.sort((a, b) => String(a.t).localeCompare(String(b.t)));
    list.forEach((r, i) => {
      r.recent = i >= list.length - STATIC_POINTS || changeRuns.has(String(r.run));
      if (!r.recent) thinned = true;
    });
  }
  return thinned;
}

/**
 * A metric over runs: one line per variant with its 95% CI band, detected change points as dashed rules,
 * the machine's events (a new kernel, CPU, tool version or load configuration) as solid grey rules labelled
 * with what changed, each point linking to its run. On long histories the build-time SVG draws points for
 * the latest runs only.
 *
 * @example
 * historyTrendChart({ id: 'h', metricLabel: 'Throughput', unit: 'req/s', variants: ['v1.0'], points: [], changePoints: [], events: [] }).title
 * // 'Throughput over runs'
 */
export function historyTrendChart(input: {
  id: string;
  metricLabel: string;
  unit: string;
  variants: string[];
  points: TrendPoint[];
  changePoints: TrendChangePoint[];
  events: ChartEvent[];
}): Chart {
  const rows: Record<string, unknown>[] = [];
  for (const p of input.points) {
    if (p.estimate === null) continue;
    rows.push({ kind: 'pt', variant: p.variant, run: p.run, t: p.created_at, v: p.estimate, lo: p.ci_low ?? p.estimate, hi: p.ci_high ?? p.estimate, href: p.href });
  }
  for (const c of input.changePoints) {
    rows.push({ kind: 'cp', variant: c.variant, run: c.run, t: c.created_at, label: `${c.direction} ${formatChangePct(c.change_pct)}` });
  }
  rows.push(...eventRows(input.events));
  const thinned = markRecent(rows, 'variant', new Set(input.changePoints.map((c) => c.run)));
  const title = `${input.metricLabel} over runs`;
  const axis = `${input.metricLabel} (${input.unit})`;
  // the axis names the unit only, so the charts of all metrics with one unit share a parsed spec
  const axisTitle = unitAxisTitle(input.unit);
  const color = { field: 'variant', type: 'nominal' as const, title: null, scale: variantColors(input.variants) };
  const x = timeAxis(rows.map((r) => String(r.t)));
  const spec = (pointFilter: string): TopLevelSpec => ({
    ...chartFrame(title, rows),
    width: 860,
    height: 200,
    layer: [
      {
        transform: [{ filter: "datum.kind === 'pt'" }],
        mark: { type: 'area', opacity: 0.18 },
        encoding: { x, y: { field: 'lo', type: 'quantitative', title: axisTitle, scale: { zero: false } }, y2: { field: 'hi' }, color },
      },
      {
        transform: [{ filter: "datum.kind === 'pt'" }],
        mark: { type: 'line' },
        encoding: { x, y: { field: 'v', type: 'quantitative' }, color },
      },
      {
        transform: [{ filter: pointFilter }],
        mark: { type: 'point', size: 36, cursor: 'pointer' },
        encoding: {
          x,
          y: { field: 'v', type: 'quantitative' },
          color,
          href: { field: 'href' },
          tooltip: [{ field: 'run' }, { field: 'variant' }, { field: 'v', title: axis, format: ',.4~r' }, { field: 'lo', title: 'CI low', format: ',.4~r' }, { field: 'hi', title: 'CI high', format: ',.4~r' }],
        },
      },
      ...(input.changePoints.length
        ? [
            {
              transform: [{ filter: "datum.kind === 'cp'" }],
              mark: { type: 'rule' as const, strokeDash: [4, 3], strokeWidth: 1.5 },
              encoding: { x, color, tooltip: [{ field: 'run', title: 'change point at' }, { field: 'label', title: 'step' }] },
            },
          ]
        : []),
      ...(input.events.length ? eventLayers(x) : []),
    ],
  });
  return {
    id: input.id,
    title,
    caption: `Each point is one run (click to open it); the band is its 95% confidence interval. Dashed lines mark change points the step detector found, labelled with the size of the step.${input.events.length ? ' Solid grey lines mark events: what changed on the machine (kernel, CPU, memory, tool versions) or in the load configuration since the run before.' : ''}${thinned ? ` Without JavaScript, points are drawn for the latest ${STATIC_POINTS} runs and the change points; the line covers every run.` : ''}`,
    spec: spec("datum.kind === 'pt'"),
    ...(thinned ? { staticSpec: spec("datum.kind === 'pt' && datum.recent") } : {}),
    table: {
      columns: ['run', 'variant', `${axis} [95% CI]`, 'change point', 'event'],
      rows: input.points.map((p) => {
        const cp = input.changePoints.find((c) => c.run === p.run && c.variant === p.variant);
        return [p.run, p.variant, formatCi(p.estimate, p.ci_low, p.ci_high), cp ? `${cp.direction} ${formatChangePct(cp.change_pct)}` : '', eventCell(input.events, p.run)];
      }),
    },
  };
}
