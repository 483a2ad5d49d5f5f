/**
 * The run plan: which variant runs at which position (pure, seeded; no clock, no fs).
 *
 * Repetitions are interleaved so that machine drift (thermal, noisy neighbours, page cache) hits every
 * variant alike. `abab` alternates in a fixed order; `random` shuffles each block of one repetition of every
 * variant with a seeded PRNG (a randomized block design): every variant still gets one slot per block, so
 * drift cannot pile up on one side, and a fixed A-before-B order cannot bias the comparison either.
 */
import { mulberry32 } from '../prng.ts';

export interface PlanEntry {
  variant: string;
  /** 1-based repetition of this variant */
  repetition: number;
  /** 0-based position in the run */
  order: number;
  /** sweeps: the id of the sweep point this trial measures */
  point?: string;
}

/** Fisher-Yates shuffle in place with `random` (a no-op when `order` is abab). */
function shuffled<T>(items: T[], order: 'abab' | 'random', random: () => number): T[] {
  if (order === 'random') {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
  }
  return items;
}

/**
 * Interleave `repetitions` of every variant. With `points` (a sweep), each block holds every point once, in
 * shuffled order, and every variant once at each point, in shuffled order: the variants' trials at a point
 * stay side by side, and neither the size order nor the variant order is the same in every block.
 *
 * @example
 * buildPlan({ variants: ['proxy', 'fdpass'], repetitions: 2, order: 'abab', seed: 0 }).map((e) => e.variant)
 * // -> ['proxy', 'fdpass', 'proxy', 'fdpass']
 * buildPlan({ variants: ['a', 'b'], repetitions: 1, order: 'abab', seed: 0, points: ['16B', '1KiB'] }).map((e) => `${e.point}:${e.variant}`)
 * // -> ['16B:a', '16B:b', '1KiB:a', '1KiB:b']
 */
export function buildPlan(input: { variants: string[]; repetitions: number; order: 'abab' | 'random'; seed: number; points?: string[] }): PlanEntry[] {
  const { variants, repetitions, order, seed, points } = input;
  if (variants.length === 0) throw new Error('plan requires at least 1 variant');
  if (new Set(variants).size !== variants.length) throw new Error(`plan requires distinct variant names, got ${variants.join(', ')}`);
  if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`plan requires at least 1 repetition, got ${repetitions}`);
  if (points && (points.length === 0 || new Set(points).size !== points.length)) throw new Error(`plan requires distinct sweep points, got ${points.join(', ') || 'none'}`);
  const random = mulberry32(seed);
  const plan: PlanEntry[] = [];
  for (let rep = 1; rep <= repetitions; rep++) {
    if (!points) {
      for (const variant of shuffled([...variants], order, random)) plan.push({ variant, repetition: rep, order: plan.length });
      continue;
    }
    for (const point of shuffled([...points], order, random)) {
      for (const variant of shuffled([...variants], order, random)) plan.push({ variant, repetition: rep, order: plan.length, point });
    }
  }
  return plan;
}

/** Seconds spent by one variant's part of a block beyond its phases: start, ready probe, stop. */
export const REPETITION_OVERHEAD_S = 0.25;

/**
 * Seconds each timed trial takes beyond its duration: starting the monitors, wrk's connections and report,
 * the speed probes. With both overheads, the estimate of the default run (28 blocks of 2 s) is 334 s; the
 * five runs of 2026-12-06 15:47-16:20Z took 325-329 s.
 */
export const TIMED_TRIAL_OVERHEAD_S = 0.25;

/**
 * Estimated wall time of a whole run, for the ETA of the progress display: every entry (one variant in one
 * block) starts, warms up and runs its timed trials; the untimed phases run once per variant, in the last block.
 *
 * @example
 * estimateRunSeconds({ entries: 4, variants: 2, warmup_s: 1, duration_s: 3, untimed_s: 2, phases: ['throughput', 'strace'] })
 * // -> 4 * (1 + 0.25 + 3 + 0.25) + 2 * 2 = 22
 */
export function estimateRunSeconds(input: { entries: number; variants: number; warmup_s: number; duration_s: number; untimed_s: number; phases: string[] }): number {
  let perEntry = input.warmup_s + REPETITION_OVERHEAD_S;
  let untimed = 0;
  for (const p of input.phases) {
    if (p === 'throughput' || p === 'fixed-rate') perEntry += input.duration_s + TIMED_TRIAL_OVERHEAD_S;
    else untimed += input.untimed_s;
  }
  return input.entries * perEntry + input.variants * untimed;
}
