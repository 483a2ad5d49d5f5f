/** 95% percentile-bootstrap confidence interval of the mean or median of repetitions. */
import { multisetStatistics } from './multiset-statistics.ts';
import { weightedPercentileInterval } from './weighted-percentile-interval.ts';
import { resamplePlan } from './resample-plan.ts';
import { statisticOf, type StatisticName } from './statistic.ts';

export interface BootstrapOptions {
  statistic: StatisticName;
  /** at least 10,000 for reported CIs */
  resamples: number;
  seed: number;
  /** default 0.95 */
  confidence?: number;
}

export interface Interval {
  estimate: number;
  ci_low: number;
  ci_high: number;
  n: number;
}

/**
 * Estimate (the statistic of the values) and its percentile-bootstrap CI.
 *
 * @example
 * bootstrapCi([10, 11, 12, 13, 14], { statistic: 'mean', resamples: 10000, seed: 1 })
 * // { estimate: 12, ci_low: ~10.8, ci_high: ~13.2, n: 5 }
 */
export function bootstrapCi(values: readonly number[], options: BootstrapOptions): Interval {
  const plan = resamplePlan(values.length, options.resamples, options.seed);
  const [lo, hi] = weightedPercentileInterval(multisetStatistics(values, options.statistic, plan), plan.counts, options.confidence ?? 0.95);
  return { estimate: statisticOf(options.statistic, values), ci_low: lo, ci_high: hi, n: values.length };
}
