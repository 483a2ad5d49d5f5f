/** Coefficient of variation of repetitions, the noise measure behind the `high-cv` gate. */
import { mean, sampleStandardDeviation } from 'simple-statistics';

/**
 * Coefficient of variation in percent: sample standard deviation / |mean| * 100.
 * Null when it is undefined: fewer than 2 values, or a mean of 0.
 *
 * @example
 * cvPct([10, 12, 14]) // 16.666666666666664 (sd 2, mean 12)
 * cvPct([5])          // null
 */
export function cvPct(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const m = mean(values as number[]);
  if (m === 0) return null;
  return (sampleStandardDeviation(values as number[]) / Math.abs(m)) * 100;
}
