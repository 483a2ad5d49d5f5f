/** The location statistics a metric is summarized by: mean (simple-statistics) or median. */
import { mean, median } from 'simple-statistics';

export type StatisticName = 'mean' | 'median';

/**
 * The named statistic of values.
 *
 * @example
 * statisticOf('median', [3, 1, 2]) // 2
 * statisticOf('mean', [1, 2])      // 1.5
 */
export function statisticOf(name: StatisticName, values: readonly number[]): number {
  if (values.length === 0) throw new Error(`${name} requires at least 1 value`);
  return name === 'mean' ? mean(values as number[]) : median(values as number[]);
}
