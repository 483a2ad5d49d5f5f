/**
 * The comparison of one metric between two independent groups of repetitions (two runs, or the variants of
 * a run without blocks): change % with the Mann-Whitney interval of the ratio candidate/baseline, the
 * rank-sum p-value that interval inverts (`stats/two-sample-log-ratio.ts`: exact, nothing resampled), the
 * verdict, the gate warnings that apply, and the seed guide's expectation beside it.
 */
import { expectationFor } from './expectations.ts';
import { applicableGates } from './gates.ts';
import { twoSampleLogRatio } from '../stats/two-sample-log-ratio.ts';
import type { Comparison, MetricDef, Settings } from '../schema.ts';
import type { Reduced } from '../metrics/summarize.ts';
import { verdictOf } from './verdict.ts';
import { warningJson, type Warning } from '../warnings.ts';

/**
 * @example
 * compareReduced('a..b', metricDef('throughput_rps'), proxyInA, proxyInB, warnings, DEFAULT_SETTINGS)
 * // { metric: 'throughput_rps', change_pct: { estimate: 4.1, ci_low: 1.0, ci_high: 7.3 }, p_value: 0.011, verdict: 'improved', design: 'two-sample', ... }
 */
export function compareReduced(run: string, def: MetricDef, baseline: Reduced, candidate: Reduced, warnings: Warning[], settings: Settings): Comparison {
  const b = baseline.summary;
  const c = candidate.summary;
  const gates: Warning[] = dedupe(applicableGates(warnings, def, [b.variant, c.variant]));
  const change = { estimate: null as number | null, ci_low: null as number | null, ci_high: null as number | null };
  let p: number | null = null;
  let level: number | null = null;
  if (b.estimate !== null && c.estimate !== null && b.estimate === 0) gates.push({ code: 'baseline-zero', metric: def.name });
  else if (b.estimate !== null && c.estimate !== null) {
    const r = twoSampleLogRatio(baseline.values, candidate.values, settings.confidence);
    if (r.ratio !== null) change.estimate = (r.ratio - 1) * 100;
    if (r.ci_low !== null && r.ci_high !== null) {
      change.ci_low = (r.ci_low - 1) * 100;
      change.ci_high = (r.ci_high - 1) * 100;
    }
    p = r.p_value;
    level = r.ci_level;
  }
  const base = comparisonOf({ run, def, baseline, candidate, change, p_value: p, gates, notes: [], settings, design: 'two-sample' });
  return { ...base, ci_level: level };
}

/**
 * The warnings without repeats (the same warning can reach a comparison from the run and from its metric).
 *
 * @example
 * dedupe([{ code: 'aa-run' }, { code: 'aa-run' }]) // [{ code: 'aa-run' }]
 */
export function dedupe(ws: Warning[]): Warning[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const key = JSON.stringify(w);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A comparison record from its parts: the verdict from the change and the gates (`verdict.ts`), the
 * warnings (gates, then notes), and the seed guide's expectation only beside a valid verdict. Shared by the
 * two-sample and the paired comparison.
 *
 * @example
 * comparisonOf({ run: 'r', def, baseline, candidate, change, p_value: 0.002, gates: [], notes: [], settings, design: 'paired' }).verdict // 'improved'
 */
export function comparisonOf(c: {
  run: string;
  def: MetricDef;
  baseline: Reduced;
  candidate: Reduced;
  change: Comparison['change_pct'];
  p_value: number | null;
  gates: Warning[];
  notes: Warning[];
  settings: Settings;
  design: 'paired' | 'two-sample';
}): Comparison {
  const { def, baseline, candidate, change } = c;
  const { verdict, reason } = verdictOf(change, def.better, c.settings.noise_threshold_pct, c.gates);
  const side = (r: Reduced) => ({
    variant: r.summary.variant,
    ...(baseline.run !== candidate.run ? { run: r.run } : {}),
    estimate: r.summary.estimate,
    ci_low: r.summary.ci_low,
    ci_high: r.summary.ci_high,
    n: r.summary.n,
  });
  return {
    run: c.run,
    metric: def.name,
    unit: def.unit,
    better: def.better,
    statistic: def.statistic,
    baseline: side(baseline),
    candidate: side(candidate),
    change_pct: change,
    p_value: c.p_value,
    verdict,
    reason,
    warnings: [...c.gates, ...c.notes].map(warningJson),
    expected: verdict === 'invalid' ? null : expectationFor(def.name, change),
    design: c.design,
  };
}
