/**
 * The "expanded percentile" bootstrap interval (Hesterberg 2015, "What teachers should know about the
 * bootstrap", section 3.3): the plain percentile interval is too narrow for small samples (the bootstrap
 * spreads a mean by sqrt((n-1)/n) s/sqrt(n) and ignores the t distribution), so its percentiles are taken at
 * alpha'/2 = Phi(-sqrt(n/(n-1)) t_{1-alpha/2, n-1}) instead of alpha/2. With 5 repetitions a nominal 95%
 * interval is read at the 0.095% and 99.905% points of the resamples. It tends to the plain interval as n grows.
 */
import { errorFunction } from 'simple-statistics';
import { studentTQuantile } from './student-t.ts';

/**
 * The confidence level at which to read the bootstrap percentiles so that the interval has about
 * `confidence` coverage with n values.
 *
 * @example
 * expandedConfidence(0.95, 5) // 0.99809 (reads the 0.095% and 99.905% percentiles)
 */
export function expandedConfidence(confidence: number, n: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be within (0, 1), got ${confidence}`);
  if (!Number.isInteger(n) || n < 2) throw new Error('expanded interval requires at least 2 values');
  const t = studentTQuantile(1 - (1 - confidence) / 2, n - 1);
  const z = Math.sqrt(n / (n - 1)) * t;
  const tail = 0.5 * (1 - errorFunction(z / Math.SQRT2)); // Phi(-z)
  return Math.min(1 - 1e-12, Math.max(confidence, 1 - 2 * tail));
}
