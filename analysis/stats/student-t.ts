/**
 * Student's t distribution for integer degrees of freedom: the two-sided probability P(|T| < t) in closed
 * form (Abramowitz & Stegun 26.7.3-26.7.4) and the quantile by bisection on it. simple-statistics has no
 * t quantile, which the per-variant t interval of the mean (mean-interval.ts) needs.
 */

/**
 * P(|T| < t) for T ~ t(df), df a positive integer.
 *
 * @example
 * studentTTwoSided(2.7764451051977987, 4) // 0.95 (to 1e-12)
 */
export function studentTTwoSided(t: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new Error(`t distribution requires a positive integer df, got ${df}`);
  if (t <= 0) return 0;
  if (!Number.isFinite(t)) return 1;
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (df % 2 === 1) {
    if (df === 1) return (2 / Math.PI) * theta;
    let term = Math.cos(theta);
    let sum = term;
    for (let k = 3; k <= df - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    return (2 / Math.PI) * (theta + s * sum);
  }
  let term = 1;
  let sum = 1;
  for (let k = 2; k <= df - 2; k += 2) {
    term *= ((k - 1) / k) * c2;
    sum += term;
  }
  return s * sum;
}

/**
 * The p-quantile (0.5 < p < 1) of t(df).
 *
 * @example
 * studentTQuantile(0.975, 4) // 2.7764451051977987 (R: qt(0.975, 4))
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1)) throw new Error(`t quantile requires 0.5 < p < 1, got ${p}`);
  const target = 2 * p - 1;
  let lo = 0;
  let hi = 1;
  while (studentTTwoSided(hi, df) < target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSided(mid, df) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
