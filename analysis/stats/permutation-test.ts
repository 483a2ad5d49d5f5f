/**
 * Two-sided permutation test of a difference in location between two independent groups.
 * The test statistic is |statistic(b) - statistic(a)|. When the number of distinct splits C(na+nb, na) is at
 * most `permutations`, every split is enumerated (exact p-value); otherwise `permutations` random splits are
 * drawn from a seeded generator and p = (hits + 1) / (permutations + 1) (never 0).
 */
import { mulberry32 } from './prng.ts';
import type { StatisticName } from './statistic.ts';

export interface PermutationOptions {
  statistic: StatisticName;
  /** Monte Carlo draws when exact enumeration would need more splits than this (default 10,000) */
  permutations?: number;
  seed: number;
}

export interface PermutationResult {
  p_value: number;
  exact: boolean;
  /** number of splits evaluated */
  splits: number;
}

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) {
    r = (r * (n - k + i)) / i;
    if (r > 1e12) return Infinity;
  }
  return Math.round(r);
}

function locate(name: StatisticName, buf: Float64Array, len: number): number {
  if (name === 'mean') {
    let s = 0;
    for (let i = 0; i < len; i++) s += buf[i];
    return s / len;
  }
  const sorted = buf.slice(0, len).sort();
  const mid = len >> 1;
  return len % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * @example
 * permutationTest([1, 2, 3], [4, 5, 6], { statistic: 'mean', seed: 1 })
 * // { p_value: 0.1, exact: true, splits: 20 }  (2 of the 20 splits are as extreme)
 */
export function permutationTest(a: readonly number[], b: readonly number[], options: PermutationOptions): PermutationResult {
  const na = a.length;
  const nb = b.length;
  if (na < 1 || nb < 1) throw new Error('permutation test requires at least 1 value in each group');
  const limit = options.permutations ?? 10000;
  const all = Float64Array.from([...a, ...b]);
  const n = na + nb;
  const bufA = new Float64Array(na);
  const bufB = new Float64Array(nb);
  const observed = Math.abs(locate(options.statistic, Float64Array.from(b), nb) - locate(options.statistic, Float64Array.from(a), na));
  // tolerance so that splits equal to the observed one up to rounding count as "as extreme"
  const tol = 1e-9 * Math.max(1, Math.abs(observed));
  const total = choose(n, na);
  if (total <= limit) {
    let hits = 0;
    let splits = 0;
    const idx = Array.from({ length: na }, (_, i) => i);
    const inA = new Uint8Array(n);
    for (;;) {
      inA.fill(0);
      for (let i = 0; i < na; i++) inA[idx[i]] = 1;
      let ia = 0;
      let ib = 0;
      for (let i = 0; i < n; i++) {
        if (inA[i]) bufA[ia++] = all[i];
        else bufB[ib++] = all[i];
      }
      const d = Math.abs(locate(options.statistic, bufB, nb) - locate(options.statistic, bufA, na));
      if (d >= observed - tol) hits++;
      splits++;
      // next combination in lexicographic order
      let i = na - 1;
      while (i >= 0 && idx[i] === n - na + i) i--;
      if (i < 0) break;
      idx[i]++;
      for (let j = i + 1; j < na; j++) idx[j] = idx[j - 1] + 1;
    }
    return { p_value: hits / splits, exact: true, splits };
  }
  const rng = mulberry32(options.seed);
  const perm = Float64Array.from(all);
  let hits = 0;
  for (let r = 0; r < limit; r++) {
    // partial Fisher-Yates: the first na positions become group a
    for (let i = 0; i < na; i++) {
      const j = i + Math.floor(rng() * (n - i));
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    for (let i = 0; i < na; i++) bufA[i] = perm[i];
    for (let i = 0; i < nb; i++) bufB[i] = perm[na + i];
    const d = Math.abs(locate(options.statistic, bufB, nb) - locate(options.statistic, bufA, na));
    if (d >= observed - tol) hits++;
  }
  return { p_value: (hits + 1) / (limit + 1), exact: false, splits: limit };
}
