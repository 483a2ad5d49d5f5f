/** The percentile interval of a bootstrap distribution (the "percentile bootstrap" CI). */
import { smallestSorted } from './extreme-order-statistics.ts';

/**
 * The central `confidence` interval of a distribution: its (1-c)/2 and (1+c)/2 percentiles, interpolated
 * like NumPy's default (type 7). Only the two tails are ordered, not the whole distribution. NaN entries
 * are not allowed; the input is not modified.
 *
 * @example
 * percentileInterval(Float64Array.from([1, 2, 3, 4, 5]), 0.5) // [2, 4]
 */
export function percentileInterval(distribution: Float64Array, confidence: number): [number, number] {
  const N = distribution.length;
  if (N === 0) throw new Error('percentile interval requires at least 1 value');
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be within (0, 1), got ${confidence}`);
  const negated = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const v = distribution[i];
    if (Number.isNaN(v)) throw new Error('percentile interval requires values that are not NaN');
    negated[i] = -v;
  }
  const alpha = (1 - confidence) / 2;
  const at = (p: number): number => {
    const h = (N - 1) * p;
    const lo = Math.floor(h);
    return lo + (h - lo > 0 && lo + 1 < N ? 1 : 0) + 1; // how many order statistics are needed
  };
  const interp = (sorted: ArrayLike<number>, p: number): number => {
    const h = (N - 1) * p;
    const lo = Math.floor(h);
    const frac = h - lo;
    const a = sorted[lo];
    if (frac === 0 || lo + 1 >= N) return a;
    const b = sorted[lo + 1];
    return a === b ? a : a + (b - a) * frac;
  };
  const low = interp(smallestSorted(distribution, at(alpha)), alpha);
  // the high percentile of x is minus the low percentile of -x, indices mirrored: take it from the largest values
  const largestDesc = smallestSorted(negated, Math.min(N, at(alpha) + 1));
  const pHigh = 1 - alpha;
  const h = (N - 1) * pHigh;
  const lo = Math.floor(h);
  const frac = h - lo;
  const ascAt = (i: number): number => -largestDesc[N - 1 - i];
  const a = ascAt(lo);
  const high = frac === 0 || lo + 1 >= N ? a : ascAt(lo + 1) === a ? a : a + (ascAt(lo + 1) - a) * frac;
  return [low, high];
}
