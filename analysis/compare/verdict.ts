/** The verdict of a comparison from its change % CI, the metric's better direction, and the applicable gates. */
import type { Better, Verdict } from '../schema.ts';
import { warningMessage, type Warning } from '../warnings.ts';

export interface Change {
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

/**
 * `invalid` when a gate applies (the reason lists them) or there is no CI; `no significant difference` when
 * the CI includes 0 or |change| is under the noise threshold; otherwise `improved` or `regressed` according
 * to which direction is better for the metric.
 *
 * @example
 * verdictOf({ estimate: -12, ci_low: -15, ci_high: -9 }, 'lower', 1, []) // { verdict: 'improved', reason: null }
 * verdictOf({ estimate: 3, ci_low: -1, ci_high: 7 }, 'higher', 1, [])    // { verdict: 'no significant difference', reason: null }
 */
export function verdictOf(change: Change, better: Better, noiseThresholdPct: number, gates: Warning[]): { verdict: Verdict; reason: string | null } {
  if (gates.length > 0) return { verdict: 'invalid', reason: gates.map(warningMessage).join('; ') };
  if (change.estimate === null) return { verdict: 'invalid', reason: 'no estimate of the change' };
  if (change.ci_low === null || change.ci_high === null) return { verdict: 'invalid', reason: 'no confidence interval for the change' };
  if ((change.ci_low <= 0 && change.ci_high >= 0) || Math.abs(change.estimate) < noiseThresholdPct) {
    return { verdict: 'no significant difference', reason: null };
  }
  const up = change.estimate > 0;
  return { verdict: up === (better === 'higher') ? 'improved' : 'regressed', reason: null };
}
