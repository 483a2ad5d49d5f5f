/**
 * A bootstrap resampling plan: `resamples` draws of `n` indices uniformly with replacement from 0..n-1 by a
 * seeded mulberry32 stream. Applying one plan to every metric of a variant resamples whole repetitions (the
 * joint bootstrap) and draws the random numbers once instead of once per metric. Draws that are the same
 * multiset of indices are grouped (with 5 repetitions, 10,000 draws fall on at most 126 multisets), so a
 * statistic is computed once per distinct multiset and then expanded back to one value per draw.
 */
import { mulberry32 } from './prng.ts';

export interface ResamplePlan {
  n: number;
  resamples: number;
  /** distinct multisets, each as n ascending indices, concatenated */
  multisets: Uint16Array;
  /** for each draw, the number of its multiset */
  draws: Uint32Array;
  /** for each multiset, how many draws fell on it */
  counts: Uint32Array;
}

/**
 * @example
 * const plan = resamplePlan(5, 10000, 42); // plan.draws.length === 10000, plan.multisets.length <= 126 * 5
 */
export function resamplePlan(n: number, resamples: number, seed: number): ResamplePlan {
  if (!Number.isInteger(n) || n < 2) throw new Error('bootstrap requires at least 2 values');
  if (n > 65535) throw new Error(`bootstrap supports at most 65535 values per group, got ${n}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`bootstrap resamples must be a positive integer, got ${resamples}`);
  const rng = mulberry32(seed);
  const draws = new Uint32Array(resamples);
  // key of a multiset: its sorted indices in base n (exact below 2^53, i.e. n <= 12); a string beyond
  const numeric = n <= 12;
  const ids = new Map<number | string, number>();
  const sets: number[] = [];
  const row = new Uint16Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) {
      const v = Math.floor(rng() * n);
      let j = i - 1;
      while (j >= 0 && row[j] > v) {
        row[j + 1] = row[j];
        j--;
      }
      row[j + 1] = v;
    }
    let key: number | string;
    if (numeric) {
      key = 0;
      for (let i = 0; i < n; i++) key = key * n + row[i];
    } else key = row.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
      for (let i = 0; i < n; i++) sets.push(row[i]);
    }
    draws[r] = id;
  }
  const counts = new Uint32Array(ids.size);
  for (let r = 0; r < resamples; r++) counts[draws[r]]++;
  return { n, resamples, multisets: Uint16Array.from(sets), draws, counts };
}
