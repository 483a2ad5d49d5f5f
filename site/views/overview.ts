/**
 * The overview page: per machine, the latest run's verdict summary, headline changes with CIs, targets,
 * the seed guide's expectations beside the measurement, and validity warnings.
 */
import type { SiteInput } from './site-input.ts';
import type { Chart } from '../charts/chart.ts';
import { headlineChangesChart } from '../charts/headline-changes.ts';
import { comparisonRows, verdictCounts, variantLabel, type ComparisonRow, type VerdictCounts } from './comparison-rows.ts';
import { warningList, type WarningList } from './warning-list.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { href, runHref } from './href.ts';
import { isHeadline } from './headline-metrics.ts';
import { siteFraming, type Framing } from './framing.ts';
import { sweepHref, sweepQuestion } from './sweep.ts';
import { latestSweep } from '../../analysis/report/select.ts';

export interface MachineSummary {
  hostname: string;
  cpu: string;
  cpu_count: number;
  mem_kb: number;
  kernel: string;
  run: { id: string; label: string; href: string; created_at: string | null; status: string; runs_on_machine: number };
  baseline: string;
  candidate: string;
  counts: VerdictCounts;
  has_rows: boolean;
  rows: ComparisonRow[];
  /** the comparisons of the other metrics, behind a disclosure */
  other: { rows: ComparisonRow[]; baseline: string; candidate: string };
  expectations: ComparisonRow[];
  /** whose expectations they are, for the heading: the seed guide's (gatebench's own gateway) or the config's */
  expectations_by: string;
  headline: Chart;
  targets: { target: string; variant: string; op: string; threshold: number; unit: string; estimate: number | null; ci_low: number | null; ci_high: number | null; status: string }[];
  warnings: WarningList;
  compare_href: string;
  history_href: string;
}

export interface OverviewView {
  layout: LayoutView;
  /** what the page asks (framing.ts) */
  framing: Framing;
  machines: MachineSummary[];
  has_machines: boolean;
  failed_runs: { id: string; href: string; reason: string }[];
  run_count: number;
  runs_href: string;
  /** the sweep page ("Where does v2.0 pay?") when there is a sweep run, else null */
  sweep_href: string | null;
  sweep_question: string;
}

/**
 * Build the overview model.
 *
 * @example
 * overviewView(input).machines[0].counts // { improved: 5, regressed: 0, nsd: 3, invalid: 1, total: 9 }
 */
export function overviewView(input: SiteInput): OverviewView {
  const { analysis, base } = input;
  const machines: MachineSummary[] = [];
  for (const [machineName, runId] of Object.entries(analysis.latest)) {
    const run = analysis.runs.find((r) => r.id === runId);
    if (!run) continue;
    const all = comparisonRows(analysis, runId);
    const rows = all.filter((r) => isHeadline(r.metric));
    const counts = verdictCounts(all);
    const baseline = variantLabel(run, run.baseline ?? '');
    const candidate = variantLabel(run, run.candidate ?? '');
    const group = analysis.history.groups.find((g) => g.name === machineName);
    machines.push({
      hostname: run.machine?.name ?? 'unknown machine',
      cpu: run.machine?.cpu_model ?? '',
      cpu_count: run.machine?.cpu_count ?? 0,
      mem_kb: run.machine?.mem_kb ?? 0,
      kernel: run.machine?.kernel ?? '',
      run: { id: run.id, label: run.label, href: runHref(base, run.id), created_at: run.created_at, status: run.status, runs_on_machine: group?.runs.length ?? 1 },
      baseline,
      candidate,
      counts,
      has_rows: rows.length > 0,
      rows,
      other: { rows: all.filter((r) => !isHeadline(r.metric)), baseline, candidate },
      expectations: all.filter((r) => r.expected),
      expectations_by: run.framing?.ours === false ? 'the config' : 'the seed guide',
      headline: headlineChangesChart({
        id: `headline-${machines.length}`,
        candidate,
        baseline,
        expectations_by: run.framing?.ours === false ? 'the config' : 'the seed guide',
        rows: rows.map((r) => ({
          metricLabel: r.label,
          estimate: r.change.estimate,
          ci_low: r.change.ci_low,
          ci_high: r.change.ci_high,
          verdict: r.verdict,
          expected_low: r.expected?.low ?? null,
          expected_high: r.expected?.high ?? null,
        })),
      }),
      targets: analysis.targets
        .filter((t) => t.run === runId)
        .map((t) => ({ target: t.target, variant: variantLabel(run, t.variant), op: t.op, threshold: t.threshold, unit: t.unit, estimate: t.estimate, ci_low: t.ci_low, ci_high: t.ci_high, status: t.status })),
      warnings: warningList(run.warnings, 4),
      compare_href: href(base, 'compare/'),
      history_href: href(base, 'history/'),
    });
  }
  machines.sort((a, b) => (b.run.created_at ?? '').localeCompare(a.run.created_at ?? ''));
  const failed = analysis.runs.filter((r) => r.status === 'error' || r.status === 'failed');
  return {
    framing: siteFraming(input.analysis),
    layout: layoutView({ base, title: 'Overview', section: 'overview', generated_at: input.generated_at, charts: true, description: siteFraming(input.analysis).meta }),
    machines,
    has_machines: machines.length > 0,
    failed_runs: failed.slice(-10).map((r) => ({ id: r.id, href: runHref(base, r.id), reason: r.error?.reason ?? `run ${r.status}` })),
    run_count: analysis.runs.length,
    runs_href: href(base, 'runs/'),
    sweep_href: sweepHref(analysis, base),
    sweep_question: sweepQuestion(latestSweep(analysis)),
  };
}
