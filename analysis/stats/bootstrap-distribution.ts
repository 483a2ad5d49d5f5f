/**
 * The bootstrap distribution of a statistic: for each draw of a resampling plan (see resample-plan.ts), the
 * statistic of the values at the drawn indices. Same values and plan, same distribution bit for bit.
 */
import { multisetStatistics } from './multiset-statistics.ts';
import type { ResamplePlan } from './resample-plan.ts';
import type { StatisticName } from './statistic.ts';

/**
 * @example
 * bootstrapDistribution([1, 2, 3], 'mean', resamplePlan(3, 10000, 7)) // Float64Array(10000) of resampled means
 */
export function bootstrapDistribution(values: readonly number[], statistic: StatisticName, plan: ResamplePlan): Float64Array {
  const perSet = multisetStatistics(values, statistic, plan);
  const out = new Float64Array(plan.resamples);
  for (let r = 0; r < out.length; r++) out[r] = perSet[plan.draws[r]];
  return out;
}
