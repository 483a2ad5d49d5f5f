/** Bootstrap CI of the ratio of estimates candidate/baseline, each group resampled independently. */
import { bootstrapDistribution } from './bootstrap-distribution.ts';
import { deriveSeed } from './prng.ts';
import { ratioInterval } from './ratio-interval.ts';
import { resamplePlan } from './resample-plan.ts';
import { statisticOf } from './statistic.ts';
import type { BootstrapOptions } from './bootstrap-ci.ts';

export interface RatioInterval {
  /** statistic(candidate) / statistic(baseline); null when the baseline estimate is 0 */
  ratio: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

/**
 * Ratio of estimates with a percentile-bootstrap CI. The baseline is resampled with the stream
 * `deriveSeed(seed, 'baseline')`, the candidate with `deriveSeed(seed, 'candidate')`.
 * Change % is `(ratio - 1) * 100`.
 *
 * @example
 * bootstrapRatioCi([100, 101, 99], [90, 91, 89], { statistic: 'mean', resamples: 10000, seed: 3 })
 * // { ratio: 0.9, ci_low: ~0.888, ci_high: ~0.912 }
 */
export function bootstrapRatioCi(baseline: readonly number[], candidate: readonly number[], options: BootstrapOptions): RatioInterval {
  const b = statisticOf(options.statistic, baseline);
  const c = statisticOf(options.statistic, candidate);
  if (b === 0) return { ratio: null, ci_low: null, ci_high: null };
  const db = bootstrapDistribution(baseline, options.statistic, resamplePlan(baseline.length, options.resamples, deriveSeed(options.seed, 'baseline')));
  const dc = bootstrapDistribution(candidate, options.statistic, resamplePlan(candidate.length, options.resamples, deriveSeed(options.seed, 'candidate')));
  const [lo, hi] = ratioInterval(db, dc, options.confidence ?? 0.95);
  return { ratio: c / b, ci_low: lo, ci_high: hi };
}
