/** The statistic of each distinct multiset of a resampling plan (see resample-plan.ts). */
import type { ResamplePlan } from './resample-plan.ts';
import type { StatisticName } from './statistic.ts';

/**
 * One value per distinct multiset of the plan: the mean or median of the values at its indices.
 * Expanding by `plan.draws` gives the bootstrap distribution; weighting by `plan.counts` gives its percentiles.
 *
 * @example
 * multisetStatistics([1, 2, 3], 'mean', resamplePlan(3, 10000, 7)) // Float64Array(<= 10) of multiset means
 */
export function multisetStatistics(values: readonly number[], statistic: StatisticName, plan: ResamplePlan): Float64Array {
  const n = values.length;
  if (n < 2) throw new Error('bootstrap requires at least 2 values');
  if (plan.n !== n) throw new Error(`bootstrap plan for ${plan.n} values used with ${n} values`);
  for (const v of values) if (!Number.isFinite(v)) throw new Error(`bootstrap requires finite values, got ${v}`);
  const x = Float64Array.from(values);
  const multisets = plan.multisets;
  const sets = multisets.length / n;
  const perSet = new Float64Array(sets);
  if (statistic === 'mean') {
    // summed in index order, as the definition reads (the same rounding every time)
    let k = 0;
    for (let s = 0; s < sets; s++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[multisets[k++]];
      perSet[s] = sum / n;
    }
    return perSet;
  }
  // median: the values' order once, then each multiset's middle element(s) found by walking its index
  // counts in that order (no sort per multiset)
  // indices by value, then index (insertion sort: n is the number of repetitions)
  if (ORDER.length < n) ORDER = new Uint32Array(n);
  const order = ORDER;
  for (let i = 0; i < n; i++) {
    let j = i - 1;
    while (j >= 0 && x[order[j]] > x[i]) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = i;
  }
  const counts = indexCounts(plan);
  const lowRank = (n - 1) >> 1; // the middle element for odd n, the lower middle for even n
  const highRank = n >> 1;
  for (let s = 0; s < sets; s++) {
    const row = s * n;
    let seen = 0;
    let low = NaN;
    for (let t = 0; t < n; t++) {
      const i = order[t];
      seen += counts[row + i];
      if (low !== low && seen > lowRank) low = x[i];
      if (seen > highRank) {
        perSet[s] = highRank === lowRank ? x[i] : (low + x[i]) / 2;
        break;
      }
    }
  }
  return perSet;
}

/** Scratch for the values' order (reused: making a typed array costs about a microsecond here). */
let ORDER = new Uint32Array(16);

const COUNTS = new WeakMap<ResamplePlan, Uint8Array | Uint16Array>();

/** For each multiset of the plan, how many times it holds each index (made once per plan). */
function indexCounts(plan: ResamplePlan): Uint8Array | Uint16Array {
  let counts = COUNTS.get(plan);
  if (counts === undefined) {
    const n = plan.n;
    const sets = plan.multisets.length / n;
    counts = n < 256 ? new Uint8Array(sets * n) : new Uint16Array(sets * n);
    for (let s = 0; s < sets; s++) for (let i = 0; i < n; i++) counts[s * n + plan.multisets[s * n + i]]++;
    COUNTS.set(plan, counts);
  }
  return counts;
}
