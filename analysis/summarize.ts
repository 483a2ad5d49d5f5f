/**
 * The reduction of one metric of one variant over its repetitions: estimate (mean or median, per metric),
 * a 95% CI (only with n >= 3: Student's t for means, the order-statistic interval for medians;
 * stats/mean-interval.ts), n and CV. The grouped bootstrap distribution that a two-sample comparison
 * (`npm run compare` across runs) needs is made only when asked for (`bootstrap()`): comparisons within a
 * run are paired by block and never resample.
 */
import { cvPct } from './stats/cv.ts';
import { multisetStatistics } from './stats/multiset-statistics.ts';
import { deriveSeed } from './stats/prng.ts';
import { resamplePlan, type ResamplePlan } from './stats/resample-plan.ts';
import { statisticOf } from './stats/statistic.ts';
import { meanInterval } from './stats/mean-interval.ts';
import type { MetricDef, Settings, Summary } from './schema.ts';

/** A summary with what a comparison needs: the values, and the bootstrap distribution on demand (null when n < 3). */
export interface Reduced {
  summary: Summary;
  values: number[];
  run: string;
  bootstrap: () => { plan: ResamplePlan; perSet: Float64Array } | null;
}

/**
 * Resampling plans depend only on (stream, n), where the stream names a side: `baseline`, `candidate`, or
 * `variant:<name>` for other variants. All metrics (and all runs) share them, so draws are made once; the
 * baseline and candidate streams differ, so the two sides of a comparison are resampled independently.
 */
export type PlanCache = Map<string, ResamplePlan>;

/**
 * The resampling plan of a stream for n values, from the cache or made and cached.
 *
 * @example
 * planFor('baseline', 5, DEFAULT_SETTINGS, new Map()).draws.length // 10000
 */
export function planFor(stream: string, n: number, settings: Settings, plans: PlanCache): ResamplePlan {
  const key = `${settings.seed}\u0000${settings.resamples}\u0000${stream}\u0000${n}`;
  let plan = plans.get(key);
  if (!plan) {
    plan = resamplePlan(n, settings.resamples, deriveSeed(settings.seed, stream, String(n)));
    plans.set(key, plan);
  }
  return plan;
}

/**
 * @example
 * reduce('run-1', 'baseline', 'proxy', metricDef('throughput_rps'), [8100, 8200, 8300], DEFAULT_SETTINGS, new Map())
 * // { summary: { estimate: 8200, ci_low: 8100, ci_high: 8300, n: 3, cv_pct: 1.2, ... }, ... }
 */
export function reduce(run: string, stream: string, variant: string, def: MetricDef, values: number[], settings: Settings, plans: PlanCache): Reduced {
  const n = values.length;
  const base: Summary = { variant, metric: def.name, unit: def.unit, statistic: def.statistic, estimate: null, ci_low: null, ci_high: null, n, cv_pct: null };
  const none = () => null;
  if (n === 0) return { summary: base, values, run, bootstrap: none };
  base.estimate = statisticOf(def.statistic, values);
  base.cv_pct = cvPct(values);
  if (n < 3) return { summary: base, values, run, bootstrap: none };
  const ci = meanInterval(def.statistic, values, settings.confidence);
  if (ci) [base.ci_low, base.ci_high] = ci;
  let made: { plan: ResamplePlan; perSet: Float64Array } | null = null;
  const bootstrap = () => {
    if (!made) {
      const plan = planFor(stream, n, settings, plans);
      made = { plan, perSet: multisetStatistics(values, def.statistic, plan) };
    }
    return made;
  };
  return { summary: base, values, run, bootstrap };
}
