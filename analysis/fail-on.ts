/**
 * `--fail-on regressed`: which regressions make `npm run analyze` exit non-zero, as continuous-benchmarking
 * tools do: a `regressed` verdict in the latest run, or a regression step detected at the latest run of its
 * machine's history.
 */
import type { Analysis } from './schema.ts';
import { latestRun } from './report/select.ts';

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
