/**
 * Two-sided sign-flip (one-sample permutation) test of mean(d) = 0, for the within-block log ratios d_k of a
 * randomized-block run. Under the null each d_k is symmetric about 0 (the random order inside each block
 * makes it so even when the machine's speed steps during that block), so every assignment of signs to the
 * |d_k| is equally likely; p = the share of the 2^n assignments whose |mean| is at least the observed |mean|
 * (ties within 1e-12 of sum |d_k|, far above the rounding of any sum of the d_k and far below any real
 * difference). Three ways to count, all exact: P(p <= alpha) <= alpha under the null.
 * - Values that are whole multiples of 0.5, as signed ranks are (ties share half ranks): the number of
 *   assignments reaching each possible sum is counted sum by sum, value after value (the exact Wilcoxon
 *   signed-rank distribution), at any n up to a sum of 100,000 half units; p is exact.
 * - Otherwise, when 2^n <= maxExact, all 2^n are enumerated (as two halves of 2^(n/2) partial sums).
 * - Otherwise `draws` assignments are drawn from a seeded generator and p = (hits + 1) / (draws + 1), never 0.
 *
 * Measured in tests/analysis/stats/sign-flip-test.test.ts (no true difference, lognormal noise, the whole
 * machine at 0.5x from a random trial on, 20,000 runs each): false positives at alpha 0.05 were 4.85% with 10
 * blocks (exact; 4.88% expected, p coming in steps of 2/1024) and 5.00% with 20 (Monte Carlo, 199 draws).
 * Given d itself it tests the mean, and a block hit by a speed step costs it power, so near the boundary it
 * can disagree with the signed-rank interval of paired-log-ratio.ts; given the signed ranks of d
 * (signed-ranks.ts) it is the exact Wilcoxon signed-rank test, which that interval inverts.
 *
 * The smallest possible p is 2 / 2^n: with 5 blocks 2/32 = 0.0625, so at least 6 blocks (2/64 = 0.031) are
 * needed for p < 0.05 at all, whatever the data.
 */
import { mulberry32 } from '../../ingest/prng.ts';

export interface SignFlipOptions {
  seed: number;
  /** enumerate every assignment when 2^n is at most this (default 2^16, i.e. up to 16 values) */
  maxExact?: number;
  /** Monte Carlo assignments otherwise (default 20,000) */
  draws?: number;
}

export interface SignFlipResult {
  p_value: number;
  exact: boolean;
  n: number;
}

/** The largest sum of |values| in half units that the counting way takes (its work is n x twice that). */
const MAX_HALF_UNITS = 100_000;

/**
 * How many of the 2^n sign assignments of `units` (non-negative integers) reach each sum: index t + total
 * holds the count of sum t, for t from -total to total.
 *
 * @example
 * sumCounts([1, 2], 3) // [1, 0, 1, 0, 1, 0, 1]: the sums -3, -1, 1 and 3 once each
 */
function sumCounts(units: readonly number[], total: number): Float64Array {
  let counts = new Float64Array(2 * total + 1);
  let next = new Float64Array(2 * total + 1);
  counts[total] = 1;
  // the sums of the values taken so far lie within ±reach: only that window is read, and only ±(reach + u) written
  let reach = 0;
  for (const u of units) {
    next.fill(0, total - reach - u, total + reach + u + 1);
    for (let t = total - reach; t <= total + reach; t++) {
      const c = counts[t];
      if (c === 0) continue;
      next[t + u] += c;
      next[t - u] += c;
    }
    [counts, next] = [next, counts];
    reach += u;
  }
  return counts;
}

/** All 2^m sums ±x[from] ± ... ± x[to - 1], index 0 = every sign +, each summed in order. */
function signedSums(x: readonly number[], from: number, to: number): Float64Array {
  const out = new Float64Array(2 ** (to - from));
  let size = 1;
  for (let i = from; i < to; i++) {
    const v = x[i];
    for (let j = 0; j < size; j++) {
      out[size + j] = out[j] - v;
      out[j] += v;
    }
    size *= 2;
  }
  return out;
}

/**
 * @example
 * signFlipTest([1, 2, 3, 4, 5], { seed: 1 })      // { p_value: 0.0625, exact: true, n: 5 } (2 of 32)
 * signFlipTest([1, 2, 3, 4, 5, 6], { seed: 1 })   // { p_value: 0.03125, exact: true, n: 6 } (2 of 64)
 * signFlipTest([1, -1, 2, -2], { seed: 1 }).p_value // 1
 */
export function signFlipTest(d: readonly number[], opts: SignFlipOptions): SignFlipResult {
  const n = d.length;
  if (n === 0) throw new Error('sign-flip test requires at least 1 value');
  let scale = 0;
  for (const v of d) {
    if (!Number.isFinite(v)) throw new Error(`sign-flip test requires finite values, got ${v}`);
    scale += Math.abs(v);
  }
  const maxExact = opts.maxExact ?? 2 ** 16;
  const draws = opts.draws ?? 20000;
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`draws must be a positive integer, got ${draws}`);
  const tol = 1e-12 * scale;
  const units = d.map((v) => Math.abs(v) * 2);
  const total = units.reduce((s, u) => s + u, 0);
  if (units.every(Number.isInteger) && total <= MAX_HALF_UNITS) {
    const counts = sumCounts(units, total);
    const bar = Math.abs(d.reduce((s, v) => s + v * 2, 0));
    let hits = 0;
    for (let t = 0; t < counts.length; t++) if (Math.abs(t - total) >= bar) hits += counts[t];
    return { p_value: hits / 2 ** n, exact: true, n };
  }
  if (2 ** n <= maxExact) {
    const h = n >> 1;
    const left = signedSums(d, 0, h);
    const right = signedSums(d, h, n);
    // the observed sum computed exactly as its assignment is, so it always counts itself
    const bar = Math.abs(left[0] + right[0]) - tol;
    let hits = 0;
    for (let i = 0; i < left.length; i++) {
      const l = left[i];
      for (let j = 0; j < right.length; j++) if (Math.abs(l + right[j]) >= bar) hits++;
    }
    return { p_value: hits / 2 ** n, exact: true, n };
  }
  let observed = 0;
  for (let i = 0; i < n; i++) observed += d[i];
  const bar = Math.abs(observed) - tol;
  const rng = mulberry32(opts.seed);
  let hits = 0;
  for (let r = 0; r < draws; r++) {
    let s = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 31) === 0) bits = (rng() * 4294967296) >>> 0; // mulberry32's 32 bits, one sign each
      s += bits & 1 ? -d[i] : d[i];
      bits >>>= 1;
    }
    if (Math.abs(s) >= bar) hits++;
  }
  return { p_value: (hits + 1) / (draws + 1), exact: false, n };
}
