/**
 * The reduction of one metric of one variant over its repetitions: estimate (mean or median, per metric),
 * a 95% CI (only with n >= 3: Student's t for means, the order-statistic interval for medians;
 * stats/mean-interval.ts), n and CV. Comparisons use the values themselves (paired by block within a run,
 * two-sample across runs); nothing is resampled.
 */
import { cvPct } from '../stats/cv.ts';
import { statisticOf } from '../stats/statistic.ts';
import { meanInterval } from '../stats/mean-interval.ts';
import type { MetricDef, Settings, Summary } from '../schema.ts';

/** A summary with what a comparison needs: the values it was made from, and their run. */
export interface Reduced {
  summary: Summary;
  values: number[];
  run: string;
}

/**
 * @example
 * reduce('run-1', 'proxy', metricDef('throughput_rps'), [8100, 8200, 8300], DEFAULT_SETTINGS)
 * // { summary: { estimate: 8200, ci_low: 8100, ci_high: 8300, n: 3, cv_pct: 1.2, ... }, ... }
 */
export function reduce(run: string, variant: string, def: MetricDef, values: number[], settings: Settings): Reduced {
  const n = values.length;
  const base: Summary = { variant, metric: def.name, unit: def.unit, statistic: def.statistic, estimate: null, ci_low: null, ci_high: null, n, cv_pct: null };
  if (n === 0) return { summary: base, values, run };
  base.estimate = statisticOf(def.statistic, values);
  base.cv_pct = cvPct(values);
  if (n < 3) return { summary: base, values, run };
  const ci = meanInterval(def.statistic, values, settings.confidence);
  if (ci) [base.ci_low, base.ci_high] = ci;
  return { summary: base, values, run };
}
