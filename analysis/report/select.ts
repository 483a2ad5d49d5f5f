/** What the reports show: the latest loadable run and the labels of its variants. */
import type { Analysis, BreakEven, Comparison, RunResult } from '../schema.ts';

/**
 * The most recent run that loaded (by creation time), or null.
 *
 * @example
 * latestRun(analysis)?.id
 */
export function latestRun(analysis: Analysis): RunResult | null {
  const ok = analysis.runs.filter((r) => r.status !== 'error');
  return ok.length ? ok[ok.length - 1] : null;
}

/**
 * The run the reports are about: the most recent loaded run that is not an A/A calibration run (falling
 * back to the most recent A/A run when there is nothing else), and never a sweep (its own report is
 * `latestSweep`'s).
 *
 * @example
 * reportedRun(analysis)?.id
 */
export function reportedRun(analysis: Analysis): RunResult | null {
  const plain = analysis.runs.filter((r) => r.status !== 'error' && !r.sweep);
  const ok = plain.filter((r) => !r.aa);
  return ok.length ? ok[ok.length - 1] : (plain[plain.length - 1] ?? null);
}

/**
 * The most recent loaded sweep run (`npm run collect -- --sweep`), or null.
 *
 * @example
 * latestSweep(analysis)?.sweep?.break_even.length // 5
 */
export function latestSweep(analysis: Analysis): RunResult | null {
  const sweeps = analysis.runs.filter((r) => r.status !== 'error' && r.sweep);
  return sweeps[sweeps.length - 1] ?? null;
}

/**
 * `v1.0 (proxy)` for a variant of a run.
 *
 * @example
 * variantTitle(run, 'proxy') // 'v1.0 (proxy)'
 */
export function variantTitle(run: RunResult, variant: string): string {
  const v = run.variants.find((x) => x.name === variant);
  return v && v.label !== v.name ? `${v.label} (${v.name})` : variant;
}

/**
 * The label of a variant (`v1.0`), or its name.
 *
 * @example
 * variantLabel(run, 'proxy') // 'v1.0'
 */
export function variantLabel(run: RunResult, variant: string): string {
  return run.variants.find((x) => x.name === variant)?.label ?? variant;
}

/**
 * The comparisons of one run.
 *
 * @example
 * comparisonsOf(analysis, run.id).length
 */
export function comparisonsOf(analysis: Analysis, run: string): Comparison[] {
  return analysis.comparisons.filter((c) => c.run === run);
}

/**
 * The candidates a sweep run compares with its baseline, the run's candidate first: those its break-evens
 * name (files written before sweeps compared every candidate name none: then the run's candidate).
 *
 * @example
 * comparedCandidates(run) // ['fdpass', 'fdpass-conn']
 */
export function comparedCandidates(run: RunResult): string[] {
  const named = [...new Set((run.sweep?.break_even ?? []).flatMap((b) => (b.candidate ? [b.candidate] : [])))];
  return named.length ? named : run.candidate ? [run.candidate] : [];
}

/**
 * The break-evens of one candidate of a sweep run (those naming no candidate are the run's candidate's).
 *
 * @example
 * breakEvensOf(run, 'fdpass-conn').map((b) => b.metric) // ['total_cpu_us_per_req_at_fixed_rate', ...]
 */
export function breakEvensOf(run: RunResult, candidate: string): BreakEven[] {
  return (run.sweep?.break_even ?? []).filter((b) => (b.candidate ?? run.candidate) === candidate);
}
