/**
 * `--fail-on regressed[,invalid]`: which outcomes make `npm run analyze` or `npm run compare` exit non-zero,
 * as continuous-benchmarking tools do: a `regressed` verdict (in the latest run, or a regression step
 * detected at the latest run of its machine's history), and, with `invalid`, a comparison that could not
 * give a verdict (a candidate that never ran must not leave a CI job green).
 */
import type { Analysis, Comparison } from '../schema.ts';
import { latestRun } from '../report/select.ts';

export type FailOn = 'regressed' | 'invalid';

/**
 * Parse `--fail-on`: `regressed`, `invalid`, or both separated by a comma; throws with a one-line reason.
 *
 * @example
 * parseFailOn('regressed,invalid') // -> ['regressed', 'invalid']
 * parseFailOn('slower') // throws '--fail-on takes regressed, invalid or both (regressed,invalid), got "slower"'
 */
export function parseFailOn(raw: string): FailOn[] {
  const parts = raw.split(',').map((x) => x.trim());
  if (parts.length === 0 || parts.some((x) => x !== 'regressed' && x !== 'invalid')) {
    throw new Error(`--fail-on takes regressed, invalid or both (regressed,invalid), got "${raw}"`);
  }
  return [...new Set(parts)] as FailOn[];
}

const describe = (c: Comparison) => {
  const ch = c.change_pct;
  const side = (s: Comparison['baseline']) => (s.run ? `${s.run}/${s.variant}` : s.variant);
  return c.verdict === 'invalid'
    ? `${c.metric}: invalid (${side(c.candidate)} vs ${side(c.baseline)}): ${c.reason ?? 'no verdict'}`
    : `${c.metric}: ${ch.estimate?.toFixed(1)}% [${ch.ci_low?.toFixed(1)}, ${ch.ci_high?.toFixed(1)}] (${side(c.candidate)} vs ${side(c.baseline)})`;
};

/**
 * The comparisons that fail a `--fail-on` list, described in one line each, grouped by verdict.
 *
 * @example
 * failingComparisons(comparisons, ['invalid']) // [['invalid', ['throughput_rps: invalid (fdpass vs proxy): no values of ...']]]
 */
export function failingComparisons(comparisons: Comparison[], failOn: FailOn[]): [FailOn, string[]][] {
  return failOn.map((f) => [f, comparisons.filter((c) => c.verdict === f).map(describe)] as [FailOn, string[]]).filter(([, xs]) => xs.length > 0);
}

/**
 * Human descriptions of the regressions of the latest run (empty when there are none).
 *
 * @example
 * regressionsOfLatest(analysis) // ['gateway_cpu_us_per_req: +12.3% [+8.1, +16.0] (fdpass vs proxy)']
 */
export function regressionsOfLatest(analysis: Analysis): string[] {
  const run = latestRun(analysis);
  if (!run) return [];
  const out: string[] = [];
  for (const c of analysis.comparisons) {
    if (c.run !== run.id || c.verdict !== 'regressed') continue;
    const ch = c.change_pct;
    out.push(`${c.metric}: ${ch.estimate?.toFixed(1)}% [${ch.ci_low?.toFixed(1)}, ${ch.ci_high?.toFixed(1)}] (${c.candidate.variant} vs ${c.baseline.variant})`);
  }
  for (const g of analysis.history.groups) {
    for (const s of g.series) {
      for (const cp of s.change_points) {
        if (cp.run === run.id && cp.direction === 'regressed') out.push(`${s.metric} (${s.variant} history): step ${cp.change_pct.toFixed(1)}${s.variant === 'change_pct' ? ' pp' : '%'} at run ${cp.run}`);
      }
    }
  }
  return out;
}
