/**
 * Comparisons of one run as table rows: metric label, both sides with CIs, the change with its CI and how it
 * was made (paired blocks or two samples), the verdict with its reason, the seed guide's expectation.
 */
import type { Analysis, Comparison, RunResult } from '../../analysis/schema.ts';
import { designLabel } from './comparison-design.ts';

export interface ComparisonRow {
  metric: string;
  label: string;
  unit: string;
  better: string;
  baseline: { label: string; estimate: number | null; ci_low: number | null; ci_high: number | null; n: number };
  candidate: { label: string; estimate: number | null; ci_low: number | null; ci_high: number | null; n: number };
  change: { estimate: number | null; ci_low: number | null; ci_high: number | null };
  /** `paired, 18 of 20 blocks` (plus the CI level when it is not 95%) or `two samples` */
  design: string;
  p_value: number | null;
  verdict: string;
  reason: string | null;
  warnings: string[];
  expected: { low: number; high: number; assessment: string; note: string } | null;
}

/**
 * The variant label of a variant name in a run (the name itself when the run does not list it).
 *
 * @example
 * variantLabel(run, 'proxy') // 'v1.0'
 */
export function variantLabel(run: RunResult | undefined, name: string): string {
  return run?.variants.find((v) => v.name === name)?.label ?? name;
}

/**
 * The rows of a run's comparisons, in the order of the analysis' metric list.
 *
 * @example
 * comparisonRows(analysis, 'r1')[0].label // 'Throughput'
 */
export function comparisonRows(analysis: Analysis, runId: string): ComparisonRow[] {
  const run = analysis.runs.find((r) => r.id === runId);
  const order = new Map(analysis.metrics.map((m, i) => [m.name, i]));
  const comps = analysis.comparisons.filter((c) => c.run === runId && !c.baseline.run && !c.candidate.run);
  comps.sort((a, b) => (order.get(a.metric) ?? 1e9) - (order.get(b.metric) ?? 1e9));
  return comps.map((c: Comparison) => {
    const def = analysis.metrics.find((m) => m.name === c.metric);
    return {
      metric: c.metric,
      label: def?.label ?? c.metric,
      unit: c.unit,
      better: c.better,
      baseline: { label: variantLabel(run, c.baseline.variant), estimate: c.baseline.estimate, ci_low: c.baseline.ci_low, ci_high: c.baseline.ci_high, n: c.baseline.n },
      candidate: { label: variantLabel(run, c.candidate.variant), estimate: c.candidate.estimate, ci_low: c.candidate.ci_low, ci_high: c.candidate.ci_high, n: c.candidate.n },
      change: c.change_pct,
      design: designLabel(c),
      p_value: c.p_value,
      verdict: c.verdict,
      reason: c.reason,
      warnings: c.warnings.map((w) => w.message),
      expected: c.expected ? { low: c.expected.expected_low_pct, high: c.expected.expected_high_pct, assessment: c.expected.assessment, note: c.expected.note } : null,
    };
  });
}

/**
 * How many comparisons got each verdict.
 *
 * @example
 * verdictCounts(rows) // { improved: 5, regressed: 1, nsd: 2, invalid: 0, total: 8, tone: 'bad' }
 */
export function verdictCounts(rows: { verdict: string }[]): VerdictCounts {
  const count = (v: string) => rows.filter((r) => r.verdict === v).length;
  const c = { improved: count('improved'), regressed: count('regressed'), nsd: count('no significant difference'), invalid: count('invalid'), total: rows.length };
  return { ...c, tone: c.regressed > 0 ? 'bad' : c.improved > 0 ? 'good' : 'neutral' };
}

/** Verdict counts of a run and its headline tone: `bad` on any regression, `good` when something improved, else `neutral`. */
export interface VerdictCounts {
  improved: number;
  regressed: number;
  nsd: number;
  invalid: number;
  total: number;
  tone: string;
}
