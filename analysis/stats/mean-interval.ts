/**
 * A confidence interval for one variant's estimate over its repetitions: Student's t interval of the mean,
 * or, for medians, the distribution-free order-statistic interval [x(k), x(n+1-k)] with the largest k whose
 * binomial(n, 1/2) tail stays within (1 - confidence) / 2 ([min, max] when no k reaches the level, i.e.
 * fewer than 6 values at 95%). Cheap and exact in its assumptions; the comparisons of variants do not use
 * it (they use the paired blocks, or the two-sample rank interval across runs).
 *
 * @example
 * meanInterval('mean', [10, 12, 14], 0.95)   // -> [7.03, 16.97] (12 +- 4.303 * 2 / sqrt 3)
 * meanInterval('median', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95) // -> [2, 9] (k = 2: level 0.979)
 */
import { studentTQuantile } from './student-t.ts';

export function meanInterval(statistic: 'mean' | 'median', values: readonly number[], confidence: number): [number, number] | null {
  const n = values.length;
  if (n < 2) return null;
  if (statistic === 'mean') {
    let m = 0;
    for (const v of values) m += v;
    m /= n;
    let ss = 0;
    for (const v of values) ss += (v - m) ** 2;
    const half = studentTQuantile((1 + confidence) / 2, n - 1) * Math.sqrt(ss / (n - 1) / n);
    return [m - half, m + half];
  }
  const sorted = [...values].sort((a, b) => a - b);
  // P(Bin(n, 1/2) <= k - 1): the chance that fewer than k values lie below the median
  const alphaHalf = (1 - confidence) / 2;
  let k = 0;
  let tail = 0;
  let term = 0.5 ** n; // C(n, 0) / 2^n
  for (let j = 0; j < n; j++) {
    tail += term;
    if (tail > alphaHalf) break;
    k = j + 1;
    term = (term * (n - j)) / (j + 1);
  }
  const lo = Math.max(1, k);
  return [sorted[lo - 1], sorted[n - lo]];
}
