/**
 * The history page: per machine (numbers from different machines are not comparable), per metric, the trend
 * of each variant with CI bands and the change % of the candidate against the baseline, with change points.
 */
import type { SiteInput } from './site-input.ts';
import type { Chart } from '../charts/chart.ts';
import { historyTrendChart } from '../charts/history-trend.ts';
import { changeOverTimeChart } from '../charts/change-over-time.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { runHref } from './href.ts';
import { variantLabel } from './comparison-rows.ts';
import { isHeadline } from './headline-metrics.ts';

export interface HistoryView {
  layout: LayoutView;
  groups: {
    hostname: string;
    cpu: string;
    run_count: number;
    anchor: string;
    change_points: { metric: string; series: string; run: string; href: string; direction: string; change_pct: number }[];
    metrics: { name: string; label: string; trend: Chart; change: Chart | null }[];
  }[];
  has_groups: boolean;
}

/**
 * Build the history model.
 *
 * @example
 * historyView(input).groups[0].metrics[0].trend.title // 'Throughput over runs'
 */
export function historyView(input: SiteInput): HistoryView {
  const { analysis, base } = input;
  const created = new Map(analysis.runs.map((r) => [r.id, r.created_at]));
  const groups = analysis.history.groups.map((g, gi) => {
    const latest = analysis.runs.find((r) => r.id === g.runs[g.runs.length - 1]);
    const label = (v: string) => variantLabel(latest, v);
    const baseline = label(latest?.baseline ?? 'baseline');
    const candidate = label(latest?.candidate ?? 'candidate');
    const allNames = [...new Set(g.series.map((s) => s.metric))];
    const metricNames = allNames.some(isHeadline) ? allNames.filter(isHeadline) : allNames;
    const order = new Map(analysis.metrics.map((m, i) => [m.name, i]));
    metricNames.sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
    const changePoints: HistoryView['groups'][number]['change_points'] = [];
    const metrics = metricNames.map((metric, mi) => {
      const def = analysis.metrics.find((m) => m.name === metric);
      const series = g.series.filter((s) => s.metric === metric);
      const variantSeries = series.filter((s) => s.variant !== 'change_pct');
      const variants = variantSeries.map((s) => label(s.variant));
      const trend = historyTrendChart({
        id: `h${gi}-${mi}-trend`,
        metricLabel: def?.label ?? metric,
        unit: series[0]?.unit ?? def?.unit ?? '',
        variants,
        points: variantSeries.flatMap((s) =>
          s.points
            .filter((p) => p.created_at ?? created.get(p.run))
            .map((p) => ({ variant: label(s.variant), run: p.run, created_at: (p.created_at ?? created.get(p.run))!, estimate: p.estimate, ci_low: p.ci_low, ci_high: p.ci_high, href: runHref(base, p.run) })),
        ),
        changePoints: variantSeries.flatMap((s) =>
          s.change_points.map((c) => ({ variant: label(s.variant), run: c.run, created_at: (s.points[c.index]?.created_at ?? created.get(c.run)) ?? '', change_pct: c.change_pct, direction: c.direction })),
        ),
      });
      const cs = series.find((s) => s.variant === 'change_pct');
      const change = cs
        ? changeOverTimeChart({
            id: `h${gi}-${mi}-change`,
            metricLabel: def?.label ?? metric,
            better: cs.better,
            candidate,
            baseline,
            points: cs.points
              .filter((p) => p.created_at ?? created.get(p.run))
              .map((p) => ({ run: p.run, created_at: (p.created_at ?? created.get(p.run))!, estimate: p.estimate, ci_low: p.ci_low, ci_high: p.ci_high, href: runHref(base, p.run) })),
            changePoints: cs.change_points.map((c) => ({ run: c.run, created_at: (cs.points[c.index]?.created_at ?? created.get(c.run)) ?? '', change_pct: c.change_pct, direction: c.direction })),
          })
        : null;
      for (const s of series) {
        for (const c of s.change_points) {
          changePoints.push({ metric: def?.label ?? metric, series: s.variant === 'change_pct' ? `${candidate} vs ${baseline}` : label(s.variant), run: c.run, href: runHref(base, c.run), direction: c.direction, change_pct: c.change_pct });
        }
      }
      return { name: metric, label: def?.label ?? metric, trend, change };
    });
    return { hostname: g.machine.hostname, cpu: `${g.machine.cpu_model} (${g.machine.cpu_count} cores)`, run_count: g.runs.length, anchor: `machine-${gi + 1}`, change_points: changePoints, metrics };
  });
  return { layout: layoutView({ base, title: 'History', section: 'history', generated_at: input.generated_at, charts: true }), groups, has_groups: groups.length > 0 };
}
