/**
 * "Where does v2.0 pay?": the sweep page (`/sweep/`, the latest sweep run) and the same section on a sweep
 * run's own page. Per metric, the candidate's change against the baseline at each response size with its CI
 * band and the break-even marked; the absolute CPU per request of each variant by size; each size's gates;
 * and, with more than one sweep run on the machine, the break-even over runs.
 */
import { sizeLabel } from '../../ingest/byte-size.ts';
import { breakEvenText } from '../../analysis/report/break-even-text.ts';
import { latestSweep } from '../../analysis/report/select.ts';
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
  /** '7 sizes from 16 B to 1 MiB, 7 blocks' */
  design: string;
  break_even: { metric: string; label: string; text: string; crossed: boolean; invalid: string | null }[];
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
  const def = (m: string) => analysis.metrics.find((d) => d.name === m);
  const sizes = sweep.points.map((p) => p.size_bytes);
  const blocks = (run.config as { repetitions?: number } | null)?.repetitions;
  const texts = new Map(sweep.break_even.map((b) => [b.metric, breakEvenText(b, candidate)]));
  const cost: SweepCostRow[] = [];
  for (const p of sweep.points) {
    for (const v of [run.baseline, run.candidate]) {
      for (const [measure, metric] of [['total', 'total_cpu_us_per_req'], ['gateway', 'gateway_cpu_us_per_req']] as const) {
        const s = p.summaries.find((x) => x.variant === v && x.metric === metric);
        if (s) cost.push({ size_bytes: p.size_bytes, variant: variantLabel(run, v ?? ''), measure, estimate: s.estimate, ci_low: s.ci_low, ci_high: s.ci_high });
      }
    }
  }
  return {
    run: { id: run.id, label: run.label, href: runHref(base, run.id), created_at: run.created_at, status: run.status },
    question: sweepQuestion(run),
    baseline,
    candidate,
    design: `${sizes.length} sizes from ${sizeLabel(Math.min(...sizes))} to ${sizeLabel(Math.max(...sizes))}${blocks ? `, ${blocks} blocks` : ''}`,
    break_even: sweep.break_even.map((b) => ({
      metric: b.metric,
      label: def(b.metric)?.label ?? b.metric,
      text: texts.get(b.metric)!,
      crossed: b.status === 'crossed',
      invalid: b.invalid_sizes_bytes.length ? b.invalid_sizes_bytes.map(sizeLabel).join(', ') : null,
    })),
    changes: sweep.metrics.map((m) =>
      sweepChangeChart({
        id: `sweep-${m}`,
        metricLabel: def(m)?.label ?? m,
        better: def(m)?.better ?? 'lower',
        candidate,
        baseline,
        rows: sweep.points.map((p) => {
          const c = p.comparisons.find((x) => x.metric === m);
          return { size_bytes: p.size_bytes, estimate: c?.change_pct.estimate ?? null, ci_low: c?.change_pct.ci_low ?? null, ci_high: c?.change_pct.ci_high ?? null, verdict: c?.verdict ?? 'invalid' };
        }),
        breakEven: marker(sweep.break_even.find((b) => b.metric === m), texts.get(m) ?? ''),
      }),
    ),
    cost: sweepCostChart({ id: 'sweep-cost', variants: [baseline, candidate], rows: cost }),
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
