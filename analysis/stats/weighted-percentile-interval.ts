/**
 * The percentile interval of a distribution given as distinct values with counts (a grouped bootstrap
 * distribution): the same numbers as `percentileInterval` on the expanded distribution, computed by sorting
 * only the distinct values.
 */

/**
 * @example
 * weightedPercentileInterval(Float64Array.from([3, 1, 2]), Uint32Array.from([1, 2, 2]), 0.5) // [1, 2]
 * // the same as percentileInterval([1, 1, 2, 2, 3], 0.5)
 */
export function weightedPercentileInterval(values: Float64Array, counts: Uint32Array, confidence: number): [number, number] {
  if (values.length === 0 || values.length !== counts.length) throw new Error('weighted percentile interval requires as many counts as values, at least 1');
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be within (0, 1), got ${confidence}`);
  const order = Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (const c of counts) total += c;
  // k-th order statistic (0-based) of the expanded distribution
  const kth = (k: number): number => {
    let seen = 0;
    for (const i of order) {
      seen += counts[i];
      if (k < seen) return values[i];
    }
    return values[order[order.length - 1]];
  };
  const at = (p: number): number => {
    const h = (total - 1) * p;
    const lo = Math.floor(h);
    const frac = h - lo;
    const a = kth(lo);
    if (frac === 0 || lo + 1 >= total) return a;
    const b = kth(lo + 1);
    return a === b ? a : a + (b - a) * frac;
  };
  const alpha = (1 - confidence) / 2;
  return [at(alpha), at(1 - alpha)];
}
