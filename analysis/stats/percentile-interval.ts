/** The percentile interval of a bootstrap distribution (the "percentile bootstrap" CI). */
import { TailHeaps } from './tail-heaps.ts';

/**
 * How many order statistics from each end a `confidence` interval of N values needs.
 *
 * @example
 * tailSize(10000, 0.95) // 252
 */
export function tailSize(N: number, confidence: number): number {
  return Math.min(N, Math.floor((N - 1) * ((1 - confidence) / 2)) + 3);
}

/**
 * The interval from the two tails of N values (`low` ascending, `high` descending, each at least tailSize long).
 *
 * @example
 * intervalFromTails(5, Float64Array.from([1, 2, 3]), Float64Array.from([5, 4, 3]), 0.5) // [2, 4]
 */
export function intervalFromTails(N: number, low: ArrayLike<number>, high: ArrayLike<number>, confidence: number): [number, number] {
  const m = low.length;
  const at = (i: number): number => (i < m ? low[i] : high[N - 1 - i]);
  const interp = (p: number): number => {
    const h = (N - 1) * p;
    const lo = Math.floor(h);
    const frac = h - lo;
    const a = at(lo);
    if (frac === 0 || lo + 1 >= N) return a;
    const b = at(lo + 1);
    return a === b ? a : a + (b - a) * frac;
  };
  const alpha = (1 - confidence) / 2;
  return [interp(alpha), interp(1 - alpha)];
}

/**
 * The central `confidence` interval of a distribution: its (1-c)/2 and (1+c)/2 percentiles, interpolated
 * like NumPy's default (type 7). Only the two tails are ordered (one pass, two bounded heaps). NaN entries
 * are not allowed; the input is not modified.
 *
 * @example
 * percentileInterval(Float64Array.from([1, 2, 3, 4, 5]), 0.5) // [2, 4]
 */
export function percentileInterval(distribution: Float64Array, confidence: number): [number, number] {
  const N = distribution.length;
  if (N === 0) throw new Error('percentile interval requires at least 1 value');
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be within (0, 1), got ${confidence}`);
  const m = tailSize(N, confidence);
  const heaps = new TailHeaps(m);
  for (let i = 0; i < N; i++) heaps.add(distribution[i]);
  const { low, high } = heaps.finish();
  return intervalFromTails(N, low, high, confidence);
}
