/**
 * The history pages, one timeline per machine (by the name the user gave it; numbers from different machines
 * are not comparable), with the machine's events (a new kernel, CPU, tool version or load configuration)
 * marked on every chart:
 * - `/history/`: per machine, a trend chart of the headline metrics' change over runs, the events, the change
 *   points found so far and, per headline metric, the latest change with a link;
 * - `/history/<metric>/`: the trend of each variant with CI bands and the change % of the candidate against
 *   the baseline over runs, change points marked, every point linking to its run.
 */
import { describeEvent } from '../../analysis/history/history-events.ts';
import type { Analysis, HistoryGroup } from '../../analysis/schema.ts';
import type { SiteInput } from './site-input.ts';
import type { Chart } from '../charts/chart.ts';
import { historyTrendChart } from '../charts/history-trend.ts';
import { changeOverTimeChart } from '../charts/change-over-time.ts';
import type { ChartEvent } from '../charts/event-marks.ts';
import { historyOverviewChart } from '../charts/history-overview.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { href, runHref } from './href.ts';
import { variantLabel } from './comparison-rows.ts';
import { isHeadline } from './headline-metrics.ts';
import { siteFraming } from './framing.ts';

export interface HistoryView {
  layout: LayoutView;
  groups: {
    name: string;
    cpu: string;
    run_count: number;
    first: string | null;
    last: string | null;
    anchor: string;
    trend: Chart | null;
    events: { run: string; href: string; created_at: string | null; text: string }[];
    change_points: { metric: string; series: string; run: string; href: string; direction: string; change_pct: number }[];
    metrics: { label: string; href: string; latest_change: number | null; latest_verdict: string | null; change_points: number }[];
  }[];
  has_groups: boolean;
}

export interface HistoryMetricView {
  layout: LayoutView;
  metric: string;
  label: string;
  description: string;
  back: string;
  groups: { name: string; cpu: string; run_count: number; trend: Chart; change: Chart | null }[];
}

/**
 * The metrics that get a history page: the headline metrics that have a series (all metrics when none does).
 *
 * @example
 * historyMetrics(analysis) // ['throughput_rps', 'latency_p99_ms', …]
 */
export function historyMetrics(analysis: Analysis): string[] {
  const present = new Set(analysis.history.groups.flatMap((g) => g.series.map((s) => s.metric)));
  const order = analysis.metrics.map((m) => m.name).filter((m) => present.has(m));
  for (const m of present) if (!order.includes(m)) order.push(m);
  return order.some(isHeadline) ? order.filter(isHeadline) : order;
}

/** The URL of a metric's history page. */
function metricHref(base: string, metric: string): string {
  return href(base, `history/${metric.replace(/[^A-Za-z0-9_-]/g, '_')}/`);
}

/**
 * A timeline's events as the charts take them (an event of a run without a time is left out).
 *
 * @example
 * chartEvents(group, created) // [{ run: 'r2', created_at: '2026-12-06T05:53:30.569Z', kind: 'kernel', text: 'kernel 6.18.44-fc-v657 → 6.18.44-fc-v1272' }]
 */
export function chartEvents(g: HistoryGroup, created: Map<string, string | null>): ChartEvent[] {
  return g.events.flatMap((e) => {
    const t = e.created_at ?? created.get(e.run) ?? null;
    return t ? [{ run: e.run, created_at: t, kind: e.kind, text: describeEvent(e) }] : [];
  });
}

function groupLabels(analysis: Analysis, g: HistoryGroup) {
  const latest = analysis.runs.find((r) => r.id === g.runs[g.runs.length - 1]);
  const label = (v: string) => variantLabel(latest, v);
  return { latest, label, baseline: label(latest?.baseline ?? 'baseline'), candidate: label(latest?.candidate ?? 'candidate') };
}

/**
 * Build the history index model.
 *
 * @example
 * historyView(input).groups[0].metrics[0].href // '/history/throughput_rps/'
 */
export function historyView(input: SiteInput): HistoryView {
  const { analysis, base } = input;
  const metrics = historyMetrics(analysis);
  const created = new Map(analysis.runs.map((r) => [r.id, r.created_at]));
  const groups = analysis.history.groups.map((g, gi) => {
    const { latest, label, baseline, candidate } = groupLabels(analysis, g);
    const events = chartEvents(g, created);
    const labelOf = (m: string) => analysis.metrics.find((d) => d.name === m)?.label ?? m;
    const overviewPoints = g.series
      .filter((s) => s.variant === 'change_pct' && metrics.includes(s.metric))
      .flatMap((s) =>
        s.points.flatMap((p) => {
          const t = p.created_at ?? created.get(p.run) ?? null;
          return t ? [{ metric: labelOf(s.metric), run: p.run, created_at: t, estimate: p.estimate, ci_low: p.ci_low, ci_high: p.ci_high, href: runHref(base, p.run) }] : [];
        }),
      );
    const trend = overviewPoints.length
      ? historyOverviewChart({ id: `overview-${gi}`, candidate, baseline, metrics: metrics.map(labelOf), points: overviewPoints, events })
      : null;
    const changePoints: HistoryView['groups'][number]['change_points'] = [];
    for (const s of g.series) {
      const def = analysis.metrics.find((m) => m.name === s.metric);
      for (const c of s.change_points) {
        changePoints.push({ metric: def?.label ?? s.metric, series: s.variant === 'change_pct' ? `${candidate} vs ${baseline}` : label(s.variant), run: c.run, href: runHref(base, c.run), direction: c.direction, change_pct: c.change_pct });
      }
    }
    changePoints.sort((a, b) => (created.get(b.run) ?? '').localeCompare(created.get(a.run) ?? ''));
    return {
      name: g.name,
      cpu: `${g.machine.cpu_model} (${g.machine.cpu_count} cores)`,
      run_count: g.runs.length,
      first: created.get(g.runs[0]) ?? null,
      last: created.get(g.runs[g.runs.length - 1]) ?? null,
      anchor: `machine-${gi + 1}`,
      trend,
      events: [...events].sort((a, b) => b.created_at.localeCompare(a.created_at)).map((e) => ({ run: e.run, href: runHref(base, e.run), created_at: e.created_at, text: e.text })),
      change_points: changePoints,
      metrics: metrics.map((metric) => {
        const c = analysis.comparisons.find((x) => x.run === latest?.id && x.metric === metric && !x.baseline.run && !x.candidate.run);
        return {
          label: analysis.metrics.find((m) => m.name === metric)?.label ?? metric,
          href: metricHref(base, metric),
          latest_change: c?.change_pct.estimate ?? null,
          latest_verdict: c?.verdict ?? null,
          change_points: g.series.filter((s) => s.metric === metric).reduce((n, s) => n + s.change_points.length, 0),
        };
      }),
    };
  });
  return {
    layout: layoutView({ base, title: 'History', section: 'history', generated_at: input.generated_at, charts: groups.some((g) => g.trend !== null), description: siteFraming(input.analysis).meta }),
    groups,
    has_groups: groups.length > 0,
  };
}

/**
 * Build the model of one metric's history page.
 *
 * @example
 * historyMetricView(input, 'throughput_rps').groups[0].trend.title // 'Throughput over runs'
 */
export function historyMetricView(input: SiteInput, metric: string): HistoryMetricView {
  const { analysis, base } = input;
  const def = analysis.metrics.find((m) => m.name === metric);
  const created = new Map(analysis.runs.map((r) => [r.id, r.created_at]));
  const when = (run: string, given: string | null) => given ?? created.get(run) ?? null;
  const groups = analysis.history.groups
    .filter((g) => g.series.some((s) => s.metric === metric))
    .map((g, gi) => {
      const { label, baseline, candidate } = groupLabels(analysis, g);
      const series = g.series.filter((s) => s.metric === metric);
      const events = chartEvents(g, created);
      const variantSeries = series.filter((s) => s.variant !== 'change_pct');
      const trend = historyTrendChart({
        id: `h${gi}-trend`,
        metricLabel: def?.label ?? metric,
        unit: series[0]?.unit ?? def?.unit ?? '',
        variants: variantSeries.map((s) => label(s.variant)),
        points: variantSeries.flatMap((s) =>
          s.points.flatMap((p) => {
            const t = when(p.run, p.created_at);
            return t ? [{ variant: label(s.variant), run: p.run, created_at: t, estimate: p.estimate, ci_low: p.ci_low, ci_high: p.ci_high, href: runHref(base, p.run) }] : [];
          }),
        ),
        changePoints: variantSeries.flatMap((s) => s.change_points.map((c) => ({ variant: label(s.variant), run: c.run, created_at: when(c.run, s.points[c.index]?.created_at ?? null) ?? '', change_pct: c.change_pct, direction: c.direction }))),
        events,
      });
      const cs = series.find((s) => s.variant === 'change_pct');
      const change = cs
        ? changeOverTimeChart({
            id: `h${gi}-change`,
            metricLabel: def?.label ?? metric,
            better: cs.better,
            candidate,
            baseline,
            points: cs.points.flatMap((p) => {
              const t = when(p.run, p.created_at);
              return t ? [{ run: p.run, created_at: t, estimate: p.estimate, ci_low: p.ci_low, ci_high: p.ci_high, href: runHref(base, p.run) }] : [];
            }),
            changePoints: cs.change_points.map((c) => ({ run: c.run, created_at: when(c.run, cs.points[c.index]?.created_at ?? null) ?? '', change_pct: c.change_pct, direction: c.direction })),
            events,
          })
        : null;
      return { name: g.name, cpu: `${g.machine.cpu_model} (${g.machine.cpu_count} cores)`, run_count: g.runs.length, trend, change };
    });
  return {
    layout: layoutView({ base, title: `History: ${def?.label ?? metric}`, section: 'history', generated_at: input.generated_at, charts: true, description: siteFraming(input.analysis).meta }),
    metric,
    label: def?.label ?? metric,
    description: def?.description ?? '',
    back: href(base, 'history/'),
    groups,
  };
}
