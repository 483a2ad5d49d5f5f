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

let TAKEN = new Uint8Array(256);

/** The ascending order statistics `ks` (two of them, 0-based, of the expanded distribution), walking from the low or high end. */
function orderStats(values: Float64Array, counts: Uint32Array, total: number, ks: number[], fromTop: boolean): number[] {
  const m = values.length;
  // distance from the walked end to the farthest needed statistic
  const depth = fromTop ? total - 1 - Math.min(ks[0], ks[1]) : Math.max(ks[0], ks[1]);
  // scratch reused across calls (making a typed array costs about a microsecond; this runs per metric)
  if (TAKEN.length < m) TAKEN = new Uint8Array(m);
  const taken = TAKEN;
  taken.fill(0, 0, m);
  const seenAt: { value: number; upTo: number }[] = []; // value and the cumulative count through it, from the end
  let cum = 0;
  for (let pass = 0; pass < 64 && cum <= depth; pass++) {
    let best = -1;
    for (let i = 0; i < m; i++) {
      if (taken[i]) continue;
      if (best < 0 || (fromTop ? values[i] > values[best] : values[i] < values[best])) best = i;
    }
    // take every entry equal to the extreme value together
    const v = values[best];
    for (let i = 0; i < m; i++) {
      if (!taken[i] && values[i] === v) {
        taken[i] = 1;
        cum += counts[i];
      }
    }
    seenAt.push({ value: v, upTo: cum });
  }
  if (cum <= depth) {
    // long walk: sort once instead
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
  return ks.map((k) => {
    const d = fromTop ? total - 1 - k : k; // rank from the walked end
    for (const s of seenAt) if (d < s.upTo) return s.value;
    return seenAt[seenAt.length - 1].value;
  });
}
