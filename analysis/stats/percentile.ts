/**
 * Percentile with linear interpolation between closest ranks (Hyndman & Fan type 7, the default of NumPy's
 * `percentile` and R's `quantile`). simple-statistics' `quantileSorted` uses a different rule (no
 * interpolation between ranks), so latency percentiles and spectra use this one to match NumPy.
 */

/**
 * The p-th percentile (0..100) of values already sorted ascending.
 *
 * @example
 * percentileSorted([1, 2, 3, 4], 50) // 2.5
 * percentileSorted([1, 2, 3, 4], 90) // 3.7
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('percentile requires at least 1 value');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100, got ${p}`);
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const frac = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  if (frac === 0 || a === b) return a;
  return a + (b - a) * frac;
}

/**
 * The p-th percentile (0..100) of unsorted values (the input is not modified).
 *
 * @example
 * percentile([4, 1, 3, 2], 25) // 1.75
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return percentileSorted(sorted, p);
}
