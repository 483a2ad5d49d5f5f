/**
 * The compare page: any two (run, variant) pairs side by side. The page is built for the latest run's
 * baseline against its candidate (readable with JavaScript off); in the browser the pickers load any two runs'
 * summary.json (see run-summary.ts) and redraw the table and chart with the same spec.
 */
import type { SiteInput } from './site-input.ts';
import type { Chart } from '../charts/chart.ts';
import { compareSidesChart } from '../charts/compare-sides.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { href, runHref } from './href.ts';
import { variantLabel } from './comparison-rows.ts';
import { designLabel } from './comparison-design.ts';
import { siteFraming } from './framing.ts';

export interface CompareRow {
  label: string;
  unit: string;
  a: { estimate: number | null; ci_low: number | null; ci_high: number | null; n: number };
  b: { estimate: number | null; ci_low: number | null; ci_high: number | null; n: number };
  diff_pct: number | null;
  diff_ci_low: number | null;
  diff_ci_high: number | null;
  verdict: string | null;
  /** why the verdict is `invalid`, or null */
  reason: string | null;
  /** `paired, 18 of 20 blocks` or `two samples` */
  design: string;
  outcome: string;
}

export interface CompareView {
  layout: LayoutView;
  has_default: boolean;
  a: { run: string; variant: string; label: string; href: string } | null;
  b: { run: string; variant: string; label: string; href: string } | null;
  rows: CompareRow[];
  chart: Chart | null;
  /** URL of the runs list and the template of a run's summary.json, for site.js */
  runs_json: string;
  summary_template: string;
}

/**
 * Which side is better: `better`, `worse`, or `same` when the verdict says no significant difference or the
 * difference is within the noise threshold.
 *
 * @example
 * outcomeOf(-20, 'lower', null, 1) // 'better'
 */
export function outcomeOf(diffPct: number | null, better: string, verdict: string | null, noisePct: number): string {
  if (diffPct === null || verdict === 'no significant difference' || verdict === 'invalid' || Math.abs(diffPct) < noisePct) return 'same';
  return (diffPct > 0) === (better === 'higher') ? 'better' : 'worse';
}

/**
 * Build the compare model.
 *
 * @example
 * compareView(input).a?.label // 'v1.0'
 */
export function compareView(input: SiteInput): CompareView {
  const { analysis, base } = input;
  const loadable = analysis.runs.filter((r) => r.status !== 'error' && r.summaries.length > 0).sort((x, y) => (y.created_at ?? '').localeCompare(x.created_at ?? ''));
  const layout = layoutView({ base, title: 'Compare', section: 'compare', generated_at: input.generated_at, charts: true, description: siteFraming(input.analysis).meta });
  const latest = loadable.find((r) => r.baseline && r.candidate);
  const common = { layout, runs_json: href(base, 'data/runs.json'), summary_template: href(base, 'runs/{slug}/summary.json') };
  if (!latest) return { ...common, has_default: false, a: null, b: null, rows: [], chart: null };
  const aVar = latest.baseline!;
  const bVar = latest.candidate!;
  const order = new Map(analysis.metrics.map((m, i) => [m.name, i]));
  const comps = analysis.comparisons.filter((c) => c.run === latest.id && !c.baseline.run && !c.candidate.run && c.baseline.variant === aVar && c.candidate.variant === bVar);
  comps.sort((x, y) => (order.get(x.metric) ?? 1e9) - (order.get(y.metric) ?? 1e9));
  const rows: CompareRow[] = comps.map((c) => ({
    label: analysis.metrics.find((m) => m.name === c.metric)?.label ?? c.metric,
    unit: c.unit,
    a: { estimate: c.baseline.estimate, ci_low: c.baseline.ci_low, ci_high: c.baseline.ci_high, n: c.baseline.n },
    b: { estimate: c.candidate.estimate, ci_low: c.candidate.ci_low, ci_high: c.candidate.ci_high, n: c.candidate.n },
    diff_pct: c.change_pct.estimate,
    diff_ci_low: c.change_pct.ci_low,
    diff_ci_high: c.change_pct.ci_high,
    verdict: c.verdict,
    reason: c.reason,
    design: designLabel(c),
    outcome: outcomeOf(c.change_pct.estimate, c.better, c.verdict, analysis.settings.noise_threshold_pct),
  }));
  const side = (variant: string) => ({ run: latest.id, variant, label: variantLabel(latest, variant), href: runHref(base, latest.id) });
  return {
    ...common,
    has_default: true,
    a: side(aVar),
    b: side(bVar),
    rows,
    chart: compareSidesChart({ id: 'compare', a: variantLabel(latest, aVar), b: variantLabel(latest, bVar), rows: rows.map((r) => ({ metricLabel: r.label, diff_pct: r.diff_pct, outcome: r.outcome })) }),
  };
}
