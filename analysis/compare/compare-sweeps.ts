/**
 * Comparisons of sweep runs from the command line (`npm run compare`), size by size:
 * - `compareSweeps`: two sweeps, for each variant in both and each response size in both, run B's trials at
 *   that size against run A's (two-sample, as two plain runs are compared), with the size's own gates of both
 *   runs and the pair gates (a different machine or config makes every verdict `invalid`);
 * - `compareSweepVariants`: two variants of one sweep at every size, paired by block as the sweep's own
 *   analysis compares each candidate with the baseline (here any two, e.g. fdpass against fdpass-conn).
 * Each comparison carries its `size_bytes`. Pure: analyses in, comparisons out.
 */
import type { RunAnalysis } from '../analyze-run.ts';
import { metricGates } from '../analyze-run.ts';
import { reduceAt } from '../analyze-sweep.ts';
import { compareReduced } from './compare.ts';
import { pairGates, scopedTo, usableReps } from './compare-runs.ts';
import { comparePaired } from './compare-paired.ts';
import { metricDef } from '../metrics/metric-defs.ts';
import type { Comparison, Settings, SweepResult } from '../schema.ts';
import type { Warning } from '../warnings.ts';

type Point = SweepResult['points'][number];

/** A size's stored warnings that concern `variant` (or no variant in particular). */
function scoped(point: Point, variant: string): Warning[] {
  return scopedTo(point.warnings, variant) as unknown as Warning[];
}

/**
 * Sweep B against sweep A at every size both measured, variant by variant.
 *
 * @example
 * compareSweeps(a, b, DEFAULT_SETTINGS).map((c) => `${c.candidate.variant} ${c.metric} at ${c.size_bytes}`)
 * // ['proxy total_cpu_us_per_req_at_fixed_rate at 16', ..., 'fdpass gateway_rss_peak_kb at 1048576']
 */
export function compareSweeps(a: RunAnalysis, b: RunAnalysis, settings: Settings, onlyVariant?: string): Comparison[] {
  const sa = a.run.sweep;
  const sb = b.run.sweep;
  if (!sa || !sb) return [];
  const pair = pairGates(a, b);
  const label = `${a.run.id}..${b.run.id}`;
  const variants = a.run.variants.map((v) => v.name).filter((v) => b.run.variants.some((w) => w.name === v) && (!onlyVariant || v === onlyVariant));
  const metrics = sa.metrics.filter((m) => sb.metrics.includes(m));
  const out: Comparison[] = [];
  for (const pa of sa.points) {
    const pb = sb.points.find((p) => p.size_bytes === pa.size_bytes);
    if (!pb) continue;
    const repsA = a.run.repetitions.filter((r) => r.point === pa.point);
    const repsB = b.run.repetitions.filter((r) => r.point === pb.point);
    for (const v of variants) {
      const reps = new Map([[v, Math.min(usableReps(repsA, v), usableReps(repsB, v))]]);
      for (const m of metrics) {
        const def = metricDef(m);
        const x = reduceAt(a.run.id, repsA, v, m, settings);
        const y = reduceAt(b.run.id, repsB, v, m, settings);
        if (x.summary.n === 0 && y.summary.n === 0) continue;
        const warnings = [...scoped(pa, v), ...scoped(pb, v), ...pair, ...metricGates(def, [x, y], reps, settings)];
        out.push({ ...compareReduced(label, def, x, y, warnings, settings), size_bytes: pa.size_bytes });
      }
    }
  }
  return out;
}

/**
 * Two variants of one sweep, the first as baseline, paired by block at every size.
 *
 * @example
 * compareSweepVariants(a, 'fdpass', 'fdpass-conn', DEFAULT_SETTINGS)[0].design // 'paired'
 */
export function compareSweepVariants(a: RunAnalysis, baseline: string, candidate: string, settings: Settings): Comparison[] {
  const sweep = a.run.sweep;
  if (!sweep) return [];
  return sweep.points.flatMap((p) => {
    const reps = a.run.repetitions.filter((r) => r.point === p.point);
    const warnings = p.warnings as unknown as Warning[];
    return sweep.metrics.map((m) => {
      const def = metricDef(m);
      const x = reduceAt(a.run.id, reps, baseline, m, settings);
      const y = reduceAt(a.run.id, reps, candidate, m, settings);
      return { ...comparePaired(a.run.id, def, reps, x, y, warnings, settings), expected: null, size_bytes: p.size_bytes };
    });
  });
}
