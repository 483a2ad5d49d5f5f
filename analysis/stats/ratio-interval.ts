/** CI of the ratio candidate/baseline from two independent bootstrap distributions. */
import { percentileInterval } from './percentile-interval.ts';

/**
 * Pairs the r-th baseline and candidate resample statistics (drawn independently) and returns the
 * percentile interval of candidate/baseline. A 0/0 pair counts as ratio 1 (no change); x/0 as +-Infinity.
 *
 * @example
 * ratioInterval(Float64Array.from([1, 2]), Float64Array.from([2, 2]), 0.5) // [1.25, 1.75]
 */
export function ratioInterval(baseline: Float64Array, candidate: Float64Array, confidence: number): [number, number] {
  if (baseline.length !== candidate.length) throw new Error('ratio interval requires distributions of equal length');
  const ratios = new Float64Array(baseline.length);
  for (let i = 0; i < baseline.length; i++) {
    const b = baseline[i];
    const c = candidate[i];
    ratios[i] = b === 0 && c === 0 ? 1 : c / b;
  }
  return percentileInterval(ratios, confidence);
}
