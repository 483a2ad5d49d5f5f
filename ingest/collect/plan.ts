/**
 * The run plan: which variant runs at which position (pure, seeded; no clock, no fs).
 *
 * Repetitions are interleaved so that machine drift (thermal, noisy neighbours, page cache) hits every
 * variant alike. `abab` alternates in a fixed order; `random` shuffles each block of one repetition of every
 * variant with a seeded PRNG (a randomized block design): every variant still gets one slot per block, so
 * drift cannot pile up on one side, and a fixed A-before-B order cannot bias the comparison either.
 */

export interface PlanEntry {
  variant: string;
  /** 1-based repetition of this variant */
  repetition: number;
  /** 0-based position in the run */
  order: number;
}

/**
 * mulberry32: a tiny 32-bit seeded PRNG; returns floats in [0, 1).
 *
 * @example
 * const next = seededRandom(42); next() // -> 0.6011037519201636 (always, for seed 42)
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Interleave `repetitions` of every variant.
 *
 * @example
 * buildPlan({ variants: ['proxy', 'fdpass'], repetitions: 2, order: 'abab', seed: 0 }).map((e) => e.variant)
 * // -> ['proxy', 'fdpass', 'proxy', 'fdpass']
 */
export function buildPlan(input: { variants: string[]; repetitions: number; order: 'abab' | 'random'; seed: number }): PlanEntry[] {
  const { variants, repetitions, order, seed } = input;
  if (variants.length === 0) throw new Error('plan requires at least 1 variant');
  if (new Set(variants).size !== variants.length) throw new Error(`plan requires distinct variant names, got ${variants.join(', ')}`);
  if (!Number.isInteger(repetitions) || repetitions < 1) throw new Error(`plan requires at least 1 repetition, got ${repetitions}`);
  const random = seededRandom(seed);
  const plan: PlanEntry[] = [];
  for (let rep = 1; rep <= repetitions; rep++) {
    const block = [...variants];
    if (order === 'random') {
      for (let i = block.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [block[i], block[j]] = [block[j], block[i]];
      }
    }
    for (const variant of block) plan.push({ variant, repetition: rep, order: plan.length });
  }
  return plan;
}

/** Seconds spent by one variant's part of a block beyond its phases: start, ready probe, speed probes, stop. */
export const REPETITION_OVERHEAD_S = 2;

/**
 * Estimated wall time of a whole run, for the ETA of the progress display: every entry (one variant in one
 * block) warms up and runs its timed trials; the untimed phases run once per variant, in the last block.
 *
 * @example
 * estimateRunSeconds({ entries: 4, variants: 2, warmup_s: 1, duration_s: 3, untimed_s: 2, phases: ['throughput', 'strace'] })
 * // -> 4 * (1 + 2 + 3) + 2 * 2 = 28
 */
export function estimateRunSeconds(input: { entries: number; variants: number; warmup_s: number; duration_s: number; untimed_s: number; phases: string[] }): number {
  let perEntry = input.warmup_s + REPETITION_OVERHEAD_S;
  let untimed = 0;
  for (const p of input.phases) {
    if (p === 'throughput' || p === 'fixed-rate') perEntry += input.duration_s;
    else untimed += input.untimed_s;
  }
  return input.entries * perEntry + input.variants * untimed;
}
