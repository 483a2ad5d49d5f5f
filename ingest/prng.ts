/**
 * Seeded pseudo-random numbers: mulberry32 (32-bit state, period 2^32), fast and reproducible bit for bit
 * across platforms because it uses only 32-bit integer arithmetic (Math.imul). Statistics never call
 * Math.random: every random draw comes from a generator made here from a recorded seed.
 *
 * The one copy lives in ingest/, the bottom layer, because both ends draw from it: the collector's run plan
 * shuffles its blocks with it (ingest/collect/plan.ts, the seed recorded in the manifest) and the statistics
 * resample with it (analysis/stats/sign-flip-test.ts, per-metric seeds from deriveSeed). Dependencies run
 * site -> analysis -> ingest, so analysis/ may import it from here; ingest/ could not import it from analysis/.
 */

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * Make a mulberry32 generator from a 32-bit integer seed.
 *
 * @example
 * const rng = mulberry32(42);
 * rng(); // 0.6011037519201636, the same on every machine
 */
export function mulberry32(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`mulberry32 requires a finite seed, got ${seed}`);
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
 * Derive a 32-bit seed from a base seed and names (FNV-1a over the parts), so that each metric of each
 * variant of each run gets its own stream and results do not depend on the order of computation.
 *
 * @example
 * deriveSeed(1, 'run-a', 'throughput_rps', 'proxy') // a fixed uint32
 */
export function deriveSeed(seed: number, ...parts: string[]): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  h = Math.imul(h, 0x01000193) >>> 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      h ^= part.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 0xff; // separator so ("ab","c") != ("a","bc")
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
