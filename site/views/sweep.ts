/**
 * "Where does v2.0 pay?": the sweep page (`/sweep/`, the latest sweep run) and the same section on a sweep
 * run's own page. Per candidate and metric, the change against the baseline at each response size with its
 * CI band and the break-even marked; the absolute CPU per request of each variant by size (at the fixed
 * rate, the headline figure, when the sweep ran that phase); each size's gates; and, with more than one
 * sweep run on the machine, the break-even over runs.
 */
import { sizeLabel } from '../../ingest/byte-size.ts';
import { breakEvenText } from '../../analysis/report/break-even-text.ts';
import { breakEvensOf, comparedCandidates, latestSweep } from '../../analysis/report/select.ts';
import type { Analysis, BreakEven, RunResult } from '../../analysis/schema.ts';
import type { Chart } from '../charts/chart.ts';
import { breakEvenHistoryChart, type BreakEvenPoint } from '../charts/break-even-history.ts';
import { sweepChangeChart } from '../charts/sweep-change.ts';
import { sweepCostChart, type SweepCostRow } from '../charts/sweep-cost.ts';
import { variantLabel } from './comparison-rows.ts';
import { siteFraming } from './framing.ts';
import { href, runHref } from './href.ts';
import { layoutView, type LayoutView } from './layout.ts';

export interface SweepSection {
  run: { id: string; label: string; href: string; created_at: string | null; status: string };
  question: string;
  baseline: string;
  candidate: string;
  /** every candidate compared with the baseline (labels), the run's candidate first */
  candidates: string[];
  /** '6 sizes from 16 B to 1 MiB, 6 blocks' */
  design: string;
  /** the fixed rate per size ('2,500 req/s at 16 B to 32 req/s at 1 MiB'), null without the fixed-rate phase */
  rates: string | null;
  /** whether the headline CPU figure is CPU per request at the fixed rate (else under full load) */
  fixed_rate_cpu: boolean;
  /** candidate: its label when the sweep compares several, else null; chart: the id of its change chart */
  break_even: { metric: string; candidate: string | null; chart: string; label: string; text: string; crossed: boolean; invalid: string | null }[];
  changes: Chart[];
  cost: Chart;
  notes: { size: string; severity: string; message: string }[];
}

export interface SweepView {
  layout: LayoutView;
  question: string;
  section: SweepSection | null;
  /** the break-even over this machine's sweep runs; null with fewer than two */
  history: Chart | null;
  /** the other sweep runs on this machine, newest first */
  others: { id: string; href: string; created_at: string | null }[];
  /** how to take a sweep (said when there is none) */
  command: string;
}

/** The command that takes a sweep with the defaults. */
export const SWEEP_COMMAND = 'npm run collect -- --sweep';

/**
 * The page's question, in the candidate's own label.
 *
 * @example
 * sweepQuestion(run) // 'Where does v2.0 pay?'
 */
export function sweepQuestion(run: RunResult | null): string {
  return `Where does ${run?.candidate ? variantLabel(run, run.candidate) : 'the candidate'} pay?`;
}

/** The break-even to mark on a chart: only a crossed one. */
function marker(b: BreakEven | undefined, text: string) {
  return b && b.status === 'crossed' && b.size_bytes !== null ? { size_bytes: b.size_bytes, low_bytes: b.interval?.low_bytes ?? b.size_bytes, high_bytes: b.interval?.high_bytes ?? b.size_bytes, text } : null;
}

/**
 * The sweep section of one sweep run.
 *
 * @example
 * sweepSection(analysis, run, '/').break_even[0].text // 'about 5.4 KiB (between 4 KiB and 16 KiB; ...): v2.0 is better above it'
 */
export function sweepSection(analysis: Analysis, run: RunResult, base: string): SweepSection {
  const sweep = run.sweep!;
  const baseline = variantLabel(run, run.baseline ?? '');
  const candidate = variantLabel(run, run.candidate ?? '');
  const candidates = comparedCandidates(run);
  const several = candidates.length > 1;
  const chartId = (cand: string, m: string) => (several ? `sweep-${cand}-${m}` : `sweep-${m}`);
  const def = (m: string) => analysis.metrics.find((d) => d.name === m);
  const sizes = sweep.points.map((p) => p.size_bytes);
  const blocks = (run.config as { repetitions?: number } | null)?.repetitions;
  const fixedRate = sweep.metrics.includes('total_cpu_us_per_req_at_fixed_rate');
  const [totalMetric, gatewayMetric] = fixedRate ? ['total_cpu_us_per_req_at_fixed_rate', 'gateway_cpu_us_per_req_at_fixed_rate'] : ['total_cpu_us_per_req', 'gateway_cpu_us_per_req'];
  const variants = [run.baseline ?? '', ...candidates];
  const cost: SweepCostRow[] = [];
  for (const p of sweep.points) {
    for (const v of variants) {
      for (const [measure, metric] of [['total', totalMetric], ['gateway', gatewayMetric]] as const) {
        const s = p.summaries.find((x) => x.variant === v && x.metric === metric);
        if (s) cost.push({ size_bytes: p.size_bytes, variant: variantLabel(run, v), measure, estimate: s.estimate, ci_low: s.ci_low, ci_high: s.ci_high });
      }
    }
  }
  const rated = sweep.points.filter((p) => typeof p.rate_rps === 'number');
  const rateAt = (p: (typeof rated)[number]) => `${p.rate_rps!.toLocaleString('en-US')} req/s at ${sizeLabel(p.size_bytes)}`;
  const rates = sweep.metrics.includes('openloop_latency_p99_ms') && rated.length ? (rated.length === 1 ? rateAt(rated[0]) : `${rateAt(rated[0])} to ${rateAt(rated[rated.length - 1])}`) : null;
  return {
    run: { id: run.id, label: run.label, href: runHref(base, run.id), created_at: run.created_at, status: run.status },
    question: sweepQuestion(run),
    baseline,
    candidate,
    candidates: candidates.map((c) => variantLabel(run, c)),
    design: `${sizes.length} sizes from ${sizeLabel(Math.min(...sizes))} to ${sizeLabel(Math.max(...sizes))}${blocks ? `, ${blocks} blocks` : ''}`,
    rates,
    fixed_rate_cpu: fixedRate,
    break_even: candidates.flatMap((cand) =>
      breakEvensOf(run, cand).map((b) => ({
        metric: b.metric,
        candidate: several ? variantLabel(run, cand) : null,
        chart: chartId(cand, b.metric),
        label: def(b.metric)?.label ?? b.metric,
        text: breakEvenText(b, variantLabel(run, cand)),
        crossed: b.status === 'crossed',
        invalid: b.invalid_sizes_bytes.length ? b.invalid_sizes_bytes.map(sizeLabel).join(', ') : null,
      })),
    ),
    changes: candidates.flatMap((cand) => {
      const label = variantLabel(run, cand);
      const evens = breakEvensOf(run, cand);
      return sweep.metrics.map((m) => {
        const b = evens.find((x) => x.metric === m);
        return sweepChangeChart({
          id: chartId(cand, m),
          metricLabel: def(m)?.label ?? m,
          better: def(m)?.better ?? 'lower',
          candidate: label,
          baseline,
          rows: sweep.points.map((p) => {
            const c = p.comparisons.find((x) => x.metric === m && x.candidate.variant === cand);
            return { size_bytes: p.size_bytes, estimate: c?.change_pct.estimate ?? null, ci_low: c?.change_pct.ci_low ?? null, ci_high: c?.change_pct.ci_high ?? null, verdict: c?.verdict ?? 'invalid' };
          }),
          breakEven: marker(b, b ? breakEvenText(b, label) : ''),
        });
      });
    }),
    cost: sweepCostChart({ id: 'sweep-cost', variants: variants.map((v) => variantLabel(run, v)), rows: cost, basis: fixedRate ? 'fixed-rate' : 'full-load' }),
    notes: sweep.points.flatMap((p) => p.warnings.filter((w) => w.severity !== 'note').map((w) => ({ size: sizeLabel(p.size_bytes), severity: w.severity, message: w.message }))),
  };
}

/**
 * The sweep runs of a machine (by its name: one timeline, as in the history), oldest first.
 *
 * @example
 * sweepRuns(analysis, 'vm').map((r) => r.id)
 */
export function sweepRuns(analysis: Analysis, machine: string): RunResult[] {
  return analysis.runs.filter((r) => r.sweep && r.status !== 'error' && r.machine?.name === machine);
}

/**
 * The break-even points of a machine's sweep runs: every crossed break-even, its band clipped to the sizes
 * the run measured.
 *
 * @example
 * breakEvenPoints(analysis, runs, '/')[0] // { run: '2026-...', metricLabel: 'Total CPU per request', size_bytes: 5793, ... }
 */
export function breakEvenPoints(analysis: Analysis, runs: RunResult[], base: string): BreakEvenPoint[] {
  const out: BreakEvenPoint[] = [];
  for (const r of runs) {
    for (const b of r.sweep?.break_even ?? []) {
      if (b.status !== 'crossed' || b.size_bytes === null || !b.range || !r.created_at) continue;
      out.push({
        run: r.id,
        created_at: r.created_at,
        metricLabel: analysis.metrics.find((d) => d.name === b.metric)?.label ?? b.metric,
        size_bytes: b.size_bytes,
        low_bytes: b.interval ? (b.interval.low_bytes ?? b.range.from_bytes) : b.size_bytes,
        high_bytes: b.interval ? (b.interval.high_bytes ?? b.range.to_bytes) : b.size_bytes,
        href: runHref(base, r.id),
      });
    }
  }
  return out;
}

/**
 * The model of `/sweep/`: the latest sweep run, and the break-even over the sweep runs of its machine.
 *
 * @example
 * sweepView(input).section?.question // 'Where does v2.0 pay?'
 */
export function sweepView(input: { analysis: Analysis; base: string; generated_at: string }): SweepView {
  const { analysis, base } = input;
  const run = latestSweep(analysis);
  const question = sweepQuestion(run);
  const layout = layoutView({ base, title: question, section: 'overview', generated_at: input.generated_at, charts: true, description: siteFraming(analysis).meta });
  if (!run || !run.sweep) return { layout, question, section: null, history: null, others: [], command: SWEEP_COMMAND };
  const runs = run.machine ? sweepRuns(analysis, run.machine.name) : [run];
  const points = breakEvenPoints(analysis, runs, base);
  const sizes = [...new Set(runs.flatMap((r) => r.sweep?.points.map((p) => p.size_bytes) ?? []))];
  const history = runs.length > 1 && points.length ? breakEvenHistoryChart({ id: 'sweep-history', points, metrics: [...new Set(points.map((p) => p.metricLabel))], sizes }) : null;
  return {
    layout,
    question,
    section: sweepSection(analysis, run, base),
    history,
    others: runs
      .filter((r) => r.id !== run.id)
      .reverse()
      .map((r) => ({ id: r.id, href: runHref(base, r.id), created_at: r.created_at })),
    command: SWEEP_COMMAND,
  };
}

/**
 * The link to `/sweep/` when there is a sweep to show, else null.
 *
 * @example
 * sweepHref(analysis, '/gb/') // '/gb/sweep/'
 */
export function sweepHref(analysis: Analysis, base: string): string | null {
  return latestSweep(analysis) ? href(base, 'sweep/') : null;
}
