/**
 * The false-positive rate of the analysis's own verdicts on real A/A runs: runs where both sides ran the
 * same variant (`npm run collect -- --aa`), so every `improved` or `regressed` is a false positive and every
 * `invalid` calibrates nothing. Read from the committed runs, not from a simulation.
 */
import type { Calibration, Comparison, RunResult } from '../schema.ts';

/**
 * @example
 * calibrationOf(runs, comparisons)
 * // { aa_runs: ['2026-12-06T07-01-00Z-aa-proxy'], comparisons: 44, improved_or_regressed: 1, no_significant_difference: 42, invalid: 1, false_positive_pct: 2.27 }
 */
export function calibrationOf(runs: RunResult[], comparisons: Comparison[]): Calibration | null {
  const aa = new Set(runs.filter((r) => r.aa && r.status !== 'error').map((r) => r.id));
  if (aa.size === 0) return null;
  const mine = comparisons.filter((c) => aa.has(c.run));
  const count = (f: (c: Comparison) => boolean) => mine.filter(f).length;
  const wrong = count((c) => c.verdict === 'improved' || c.verdict === 'regressed');
  return {
    aa_runs: [...aa],
    comparisons: mine.length,
    improved_or_regressed: wrong,
    no_significant_difference: count((c) => c.verdict === 'no significant difference'),
    invalid: count((c) => c.verdict === 'invalid'),
    false_positive_pct: mine.length ? (wrong / mine.length) * 100 : null,
  };
}
