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
  const sets = plan.multisets.length / n;
  const perSet = new Float64Array(sets);
  const buf = new Float64Array(n);
  const mid = n >> 1;
  let k = 0;
  for (let s = 0; s < sets; s++) {
    if (statistic === 'mean') {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[plan.multisets[k++]];
      perSet[s] = sum / n;
    } else {
      // insertion sort: n is the number of repetitions (small)
      for (let i = 0; i < n; i++) {
        const v = x[plan.multisets[k++]];
        let j = i - 1;
        while (j >= 0 && buf[j] > v) {
          buf[j + 1] = buf[j];
          j--;
        }
        buf[j + 1] = v;
      }
      perSet[s] = n % 2 === 1 ? buf[mid] : (buf[mid - 1] + buf[mid]) / 2;
    }
  }
  return perSet;
}
