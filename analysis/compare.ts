/**
 * The comparison of one metric between a baseline and a candidate group of repetitions: change % with a
 * bootstrap CI of the ratio of estimates (each group resampled independently, reusing the resamples of each
 * group's own CI), a permutation-test p-value, the verdict, the gate warnings that apply, and the seed guide's
 * expectation beside it.
 */
import { expectationFor } from './expectations.ts';
import { applicableGates } from './gates.ts';
import { deriveSeed } from './stats/prng.ts';
import { permutationTest } from './stats/permutation-test.ts';
import { groupedRatioInterval } from './stats/grouped-ratio-interval.ts';
import type { Comparison, MetricDef, Settings } from './schema.ts';
import { readingConfidence } from './settings.ts';
import type { Reduced } from './summarize.ts';
import { verdictOf } from './verdict.ts';
import { warningJson, type Warning } from './warnings.ts';

/**
 * @example
 * compareReduced('run-1', metricDef('throughput_rps'), proxy, fdpass, runWarnings, DEFAULT_SETTINGS)
 * // { metric: 'throughput_rps', change_pct: { estimate: 24.1, ci_low: 21.0, ci_high: 27.3 }, p_value: 0.0079, verdict: 'improved', ... }
 */
export function compareReduced(run: string, def: MetricDef, baseline: Reduced, candidate: Reduced, warnings: Warning[], settings: Settings): Comparison {
  const b = baseline.summary;
  const c = candidate.summary;
  const seen = new Set<string>();
  const gates: Warning[] = applicableGates(warnings, def, [b.variant, c.variant]).filter((w) => {
    const key = JSON.stringify(w);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const change = { estimate: null as number | null, ci_low: null as number | null, ci_high: null as number | null };
  if (b.estimate !== null && c.estimate !== null) {
    if (b.estimate === 0) gates.push({ code: 'baseline-zero', metric: def.name });
    else {
      change.estimate = ((c.estimate - b.estimate) / Math.abs(b.estimate)) * 100;
      const bb = baseline.bootstrap();
      const cb = candidate.bootstrap();
      if (bb && cb) {
        const [lo, hi] = groupedRatioInterval(
          { perSet: bb.perSet, draws: bb.plan.draws },
          { perSet: cb.perSet, draws: cb.plan.draws },
          readingConfidence(settings, Math.min(b.n, c.n)),
        );
        // for a negative baseline the ratio's order flips; keep low <= high in percent
        const sign = b.estimate < 0 ? -1 : 1;
        const a = sign * (lo - 1) * 100;
        const z = sign * (hi - 1) * 100;
        change.ci_low = Number.isFinite(Math.min(a, z)) ? Math.min(a, z) : null;
        change.ci_high = Number.isFinite(Math.max(a, z)) ? Math.max(a, z) : null;
      }
    }
  }
  let p: number | null = null;
  if (baseline.values.length >= 2 && candidate.values.length >= 2) {
    const seedRun = baseline.run === candidate.run ? run : `${baseline.run}|${candidate.run}`;
    p = permutationTest(baseline.values, candidate.values, {
      statistic: def.statistic,
      permutations: settings.permutations,
      seed: deriveSeed(settings.seed, seedRun, def.name, 'permutation'),
    }).p_value;
  }
  return comparisonOf({ run, def, baseline, candidate, change, p_value: p, gates, notes: [], settings, design: 'two-sample' });
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
