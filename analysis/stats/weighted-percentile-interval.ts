/**
 * The percentile interval of a distribution given as distinct values with counts (a grouped bootstrap
 * distribution): the same numbers as `percentileInterval` on the expanded distribution, computed from the
 * distinct values only. The tails are walked from each end (a CI needs only a few extreme order statistics),
 * falling back to one sort when the walk would be long.
 */

/**
 * @example
 * weightedPercentileInterval(Float64Array.from([3, 1, 2]), Uint32Array.from([1, 2, 2]), 0.5) // [1, 2]
 * // the same as percentileInterval([1, 1, 2, 2, 3], 0.5)
 */
export function weightedPercentileInterval(values: Float64Array, counts: Uint32Array, confidence: number): [number, number] {
  const m = values.length;
  if (m === 0 || m !== counts.length) throw new Error('weighted percentile interval requires as many counts as values, at least 1');
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be within (0, 1), got ${confidence}`);
  let total = 0;
  for (let i = 0; i < m; i++) total += counts[i];
  const alpha = (1 - confidence) / 2;
  const hLow = (total - 1) * alpha;
  const hHigh = (total - 1) * (1 - alpha);
  // ascending order statistics needed: floor(hLow) .. floor(hLow)+1 and floor(hHigh) .. floor(hHigh)+1
  const lowStats = orderStats(values, counts, total, [Math.floor(hLow), Math.min(total - 1, Math.floor(hLow) + 1)], false);
  const highStats = orderStats(values, counts, total, [Math.floor(hHigh), Math.min(total - 1, Math.floor(hHigh) + 1)], true);
  const interp = (h: number, [a, b]: number[]): number => {
    const frac = h - Math.floor(h);
    return frac === 0 || a === b ? a : a + (b - a) * frac;
  };
  return [interp(hLow, lowStats), interp(hHigh, highStats)];
}

/** How many distinct values from each end the one-pass selection keeps. */
const KEEP = 16;

/**
 * The ascending order statistics `ks` (0-based, of the expanded distribution) near the low or high end: one
 * pass keeps the KEEP most extreme distinct values with their total counts; when those do not reach the
 * deepest statistic, one sort instead.
 */
function orderStats(values: Float64Array, counts: Uint32Array, total: number, ks: number[], fromTop: boolean): number[] {
  const m = values.length;
  // distance from the walked end to the farthest needed statistic
  const depth = fromTop ? total - 1 - Math.min(ks[0], ks[1]) : Math.max(ks[0], ks[1]);
  const kept = new Float64Array(KEEP); // most extreme first (for the top end: negated)
  const keptCount = new Float64Array(KEEP);
  let n = 0;
  for (let i = 0; i < m; i++) {
    const v = fromTop ? -values[i] : values[i];
    if (n === KEEP && v > kept[n - 1]) continue;
    let j = n - 1;
    while (j >= 0 && kept[j] > v) j--;
    if (j >= 0 && kept[j] === v) {
      keptCount[j] += counts[i]; // a value already kept: its count grows (so a kept value's count is its total)
      continue;
    }
    // insert after j, dropping the least extreme when full
    const last = n === KEEP ? KEEP - 1 : n++;
    for (let k = last; k > j + 1; k--) {
      kept[k] = kept[k - 1];
      keptCount[k] = keptCount[k - 1];
    }
    kept[j + 1] = v;
    keptCount[j + 1] = counts[i];
  }
  let cum = 0;
  for (let k = 0; k < n; k++) cum += keptCount[k];
  if (cum > depth) {
    return ks.map((k) => {
      const d = fromTop ? total - 1 - k : k; // rank from the walked end
      let c = 0;
      for (let t = 0; t < n; t++) {
        c += keptCount[t];
        if (d < c) return fromTop ? -kept[t] : kept[t];
      }
      return fromTop ? -kept[n - 1] : kept[n - 1];
    });
  }
  // the statistics lie deeper: sort once
  const order = Uint32Array.from(values.keys()).sort((a, b) => values[a] - values[b]);
  const out: number[] = [];
  for (const k of ks) {
    let c = 0;
    for (const i of order) {
      c += counts[i];
      if (k < c) {
        out.push(values[i]);
        break;
      }
    }
  }
  return out;
}
