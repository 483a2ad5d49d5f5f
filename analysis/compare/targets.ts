/**
 * Performance targets (default: analysis/compare/targets.json, from the seed plan; `--targets FILE` replaces them;
 * a `--config` run adds its own, recorded in its manifest), judged per variant on the confidence interval,
 * not on the point estimate. The shape is `Target` of ingest/declared.ts, the checks `declared-checks.ts`.
 */
import { z } from 'zod';
import { Target } from '../../ingest/declared.ts';
import { targetsProblem } from './declared-checks.ts';
import { metricDef } from '../metrics/metric-defs.ts';
import type { Summary, TargetResult } from '../schema.ts';

export { Target };

export const TargetsFile = z.object({ targets: z.array(Target) }).passthrough();
export type TargetsFile = z.infer<typeof TargetsFile>;

/**
 * Parse and validate a targets file's text; `source` names it in errors.
 *
 * @example
 * parseTargets('{"targets":[{"name":"throughput","metric":"throughput_rps","op":">","threshold":5000}]}', 't.json')
 * // [{ name: 'throughput', metric: 'throughput_rps', op: '>', threshold: 5000 }]
 */
export function parseTargets(text: string, source: string): Target[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = TargetsFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: invalid targets file at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const problem = targetsProblem(parsed.data.targets);
  if (problem) throw new Error(`${source}: ${problem}`);
  return parsed.data.targets;
}

/**
 * pass: the whole CI is on the good side of the threshold; fail: entirely on the bad side; inconclusive: the
 * CI straddles it, or there is no CI (fewer than 3 repetitions) and only an estimate; unavailable: no data.
 *
 * @example
 * judgeTarget('run-1', target, { variant: 'proxy', estimate: 8000, ci_low: 7900, ci_high: 8100, ... })
 * // { status: 'pass', op: '>', threshold: 5000, ... }
 */
export function judgeTarget(run: string, target: Target, summary: Summary | undefined, variant: string): TargetResult {
  const def = metricDef(target.metric);
  const base = {
    run,
    variant,
    target: target.name,
    metric: target.metric,
    op: target.op,
    threshold: target.threshold,
    unit: def.unit,
    estimate: summary?.estimate ?? null,
    ci_low: summary?.ci_low ?? null,
    ci_high: summary?.ci_high ?? null,
  };
  if (!summary || summary.estimate === null) return { ...base, status: 'unavailable' };
  // a figure of exactly 0 means nothing was measured (an idle process, a counter that did not count): it
  // never passes a target
  if (summary.estimate === 0) return { ...base, status: 'unavailable' };
  if (summary.ci_low === null || summary.ci_high === null) return { ...base, status: 'inconclusive' };
  const good = (x: number) => (target.op === '<' ? x < target.threshold : x > target.threshold);
  if (good(summary.ci_low) && good(summary.ci_high)) return { ...base, status: 'pass' };
  if (!good(summary.ci_low) && !good(summary.ci_high)) return { ...base, status: 'fail' };
  return { ...base, status: 'inconclusive' };
}
