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

/** Every k-subset of 0..n-1 in lexicographic order, concatenated; cached (the same for every metric). */
const comboCache = new Map<string, Uint16Array>();
function combinations(n: number, k: number): Uint16Array {
  const key = `${n}:${k}`;
  const cached = comboCache.get(key);
  if (cached) return cached;
  const out: number[] = [];
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    out.push(...idx);
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) break;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
  const arr = Uint16Array.from(out);
  comboCache.set(key, arr);
  return arr;
}

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) {
    r = (r * (n - k + i)) / i;
    if (r > 1e12) return Infinity;
  }
  return Math.round(r);
}

let ALL = new Float64Array(16);
let BUF_A = new Float64Array(16);
let BUF_B = new Float64Array(16);
let SCRATCH = new Float64Array(16);
let IN_A = new Uint8Array(16);

/** mean, or median by insertion sort into `scratch` (groups are small: no allocation per split) */
function locate(name: StatisticName, buf: Float64Array, len: number, scratch: Float64Array): number {
  if (name === 'mean') {
    let s = 0;
    for (let i = 0; i < len; i++) s += buf[i];
    return s / len;
  }
  for (let i = 0; i < len; i++) {
    const v = buf[i];
    let j = i - 1;
    while (j >= 0 && scratch[j] > v) {
      scratch[j + 1] = scratch[j];
      j--;
    }
    scratch[j + 1] = v;
  }
  const mid = len >> 1;
  return len % 2 === 1 ? scratch[mid] : (scratch[mid - 1] + scratch[mid]) / 2;
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
  const n = na + nb;
  // scratch reused across calls (making a typed array costs about a microsecond; this runs per metric)
  if (ALL.length < n) {
    ALL = new Float64Array(n);
    BUF_A = new Float64Array(n);
    BUF_B = new Float64Array(n);
    SCRATCH = new Float64Array(n);
    IN_A = new Uint8Array(n);
  }
  const all = ALL.subarray(0, n);
  for (let i = 0; i < na; i++) all[i] = a[i];
  for (let i = 0; i < nb; i++) all[na + i] = b[i];
  const bufA = BUF_A;
  const bufB = BUF_B;
  const scratch = SCRATCH;
  for (let i = 0; i < nb; i++) bufB[i] = b[i];
  for (let i = 0; i < na; i++) bufA[i] = a[i];
  const observed = Math.abs(locate(options.statistic, bufB, nb, scratch) - locate(options.statistic, bufA, na, scratch));
  // tolerance so that splits equal to the observed one up to rounding count as "as extreme"
  const tol = 1e-9 * Math.max(1, Math.abs(observed));
  const total = choose(n, na);
  if (total <= limit) {
    let hits = 0;
    const combos = combinations(n, na);
    const splits = combos.length / na;
    let sumAll = 0;
    for (let i = 0; i < n; i++) sumAll += all[i];
    const isMean = options.statistic === 'mean';
    if (!isMean) {
      // medians are order statistics: with the pooled values sorted, every split's two groups come out sorted
      // (the subsets are enumerated as ascending index lists), so each median is read off, not sorted for
      all.sort();
    }
    const inA = IN_A;
    const midA = na >> 1;
    const midB = nb >> 1;
    for (let c = 0; c < splits; c++) {
      const base = c * na;
      let d: number;
      if (isMean) {
        // means from the sum of group a alone: no copying
        let sumA = 0;
        for (let i = 0; i < na; i++) sumA += all[combos[base + i]];
        d = Math.abs((sumAll - sumA) / nb - sumA / na);
      } else {
        inA.fill(0);
        for (let i = 0; i < na; i++) inA[combos[base + i]] = 1;
        const medA = na % 2 === 1 ? all[combos[base + midA]] : (all[combos[base + midA - 1]] + all[combos[base + midA]]) / 2;
        // group b: the ascending complement; its middle element(s)
        let ib = 0;
        let lowB = 0;
        let medB = 0;
        for (let i = 0; i < n; i++) {
          if (inA[i]) continue;
          if (ib === midB - 1) lowB = all[i];
          if (ib === midB) {
            medB = nb % 2 === 1 ? all[i] : (lowB + all[i]) / 2;
            break;
          }
          ib++;
        }
        d = Math.abs(medB - medA);
      }
      if (d >= observed - tol) hits++;
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
    const d = Math.abs(locate(options.statistic, bufB, nb, scratch) - locate(options.statistic, bufA, na, scratch));
    if (d >= observed - tol) hits++;
  }
  return { p_value: (hits + 1) / (limit + 1), exact: false, splits: limit };
}
