/**
 * Comparisons across two runs (`npm run compare -- RUN_A RUN_B`): for each variant present in both, run B's
 * repetitions against run A's, with the gates of both runs plus the pair gates (different machine or config
 * makes every verdict `invalid`). Two variants of one run are compared by `compareVariants`.
 */
import { metricGates, reduceRun, type RunAnalysis } from '../analyze-run.ts';
import { compareReduced } from './compare.ts';
import { comparePaired } from './compare-paired.ts';
import { runPairGates } from './gates.ts';
import { METRICS } from '../metrics/metric-defs.ts';
import type { Comparison, RepetitionResult, Settings } from '../schema.ts';
import type { Warning } from '../warnings.ts';

/**
 * How many of `reps` are usable trials of `variant` (not failed).
 *
 * @example
 * usableReps(run.repetitions, 'proxy') // -> 13
 */
export function usableReps(reps: RepetitionResult[], variant: string): number {
  return reps.filter((r) => r.variant === variant && r.status !== 'failed').length;
}

/**
 * The warnings that concern one side of a comparison: those about `variant`, and those about no variant.
 *
 * @example
 * scopedTo(run.warnings, 'fdpass') // the run's own notes plus fdpass's, not proxy's
 */
export function scopedTo<W extends object>(warnings: W[], variant: string): W[] {
  return warnings.filter((w) => !('variant' in w) || (w as { variant?: unknown }).variant === variant);
}

function compareSides(label: string, a: RunAnalysis, va: string, b: RunAnalysis, vb: string, extra: Warning[], settings: Settings): Comparison[] {
  if (!a.reduced.has(va) || !b.reduced.has(vb)) return [];
  const ra = reduceRun(a.run.id, a.run.repetitions, [va], settings).get(va)!;
  const rb = reduceRun(b.run.id, b.run.repetitions, [vb], settings).get(vb)!;
  // run warnings are scoped by variant name: keep each run's own, for its own side
  const scoped = [...scopedTo(a.warnings, va), ...scopedTo(b.warnings, vb)];
  const reps = new Map([
    [va, usableReps(a.run.repetitions, va)],
    [vb, Math.min(usableReps(b.run.repetitions, vb), va === vb ? usableReps(a.run.repetitions, va) : Infinity)],
  ]);
  const out: Comparison[] = [];
  for (const def of METRICS) {
    if (!def.compared) continue;
    const x = ra.get(def.name)!;
    const y = rb.get(def.name)!;
    if (x.summary.n === 0 && y.summary.n === 0) continue;
    // across runs both sides may carry the same variant name: say which run lacks data
    const gates = metricGates(def, [x, y], reps, settings).map((w) => {
      if (w.code !== 'no-data' || a === b) return w;
      return { ...w, run: w.variant === va && x.summary.n === 0 ? a.run.id : b.run.id };
    });
    out.push(compareReduced(label, def, x, y, [...scoped, ...extra, ...gates], settings));
  }
  return out;
}

/**
 * The gates of comparing two runs at all: a different machine or config makes every verdict `invalid`.
 *
 * @example
 * pairGates(a, b) // [] for two runs of one machine and config
 */
export function pairGates(a: RunAnalysis, b: RunAnalysis): Warning[] {
  return runPairGates(
    { id: a.run.id, machine: a.run.machine!, config: a.run.config ?? {} },
    { id: b.run.id, machine: b.run.machine!, config: b.run.config ?? {} },
  );
}

/**
 * Variant by variant, run B against run A.
 *
 * @example
 * compareRuns(a, b, DEFAULT_SETTINGS) // comparisons labelled "A..B", baseline side from A, candidate side from B
 */
export function compareRuns(a: RunAnalysis, b: RunAnalysis, settings: Settings, onlyVariant?: string): Comparison[] {
  if (a.run.status === 'error' || b.run.status === 'error') return [];
  const pair = pairGates(a, b);
  const label = `${a.run.id}..${b.run.id}`;
  const variants = a.run.variants.map((v) => v.name).filter((v) => b.run.variants.some((w) => w.name === v) && (!onlyVariant || v === onlyVariant));
  return variants.flatMap((v) => compareSides(label, a, v, b, v, pair, settings));
}

/**
 * Two variants of one run, the first as baseline: paired by block, as the run's own analysis compares
 * them (a run imported from seed-era files has no blocks: two-sample).
 *
 * @example
 * compareVariants(a, 'proxy', 'fdpass', DEFAULT_SETTINGS)[0].design // 'paired'
 */
export function compareVariants(a: RunAnalysis, baseline: string, candidate: string, settings: Settings): Comparison[] {
  // the run's own analysis says whether it has blocks (an imported seed-era run is compared two-sample)
  const twoSample = a.comparisons.length > 0 && a.comparisons.every((c) => c.design === 'two-sample');
  if (twoSample || !a.reduced.has(baseline) || !a.reduced.has(candidate)) return compareSides(a.run.id, a, baseline, a, candidate, [], settings);
  const out: Comparison[] = [];
  for (const def of METRICS) {
    if (!def.compared) continue;
    const x = a.reduced.get(baseline)!.get(def.name)!;
    const y = a.reduced.get(candidate)!.get(def.name)!;
    if (x.summary.n === 0 && y.summary.n === 0) continue;
    out.push(comparePaired(a.run.id, def, a.run.repetitions, x, y, a.warnings, settings));
  }
  return out;
}
