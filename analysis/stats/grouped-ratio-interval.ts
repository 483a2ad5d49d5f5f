/**
 * CI of the ratio candidate/baseline from two grouped bootstrap distributions (per-multiset statistics and
 * the multiset of each draw, see resample-plan.ts), without expanding them or storing the ratios: draw r
 * pairs the r-th baseline resample with the r-th candidate resample, the two plans being independent.
 * The draws are walked as their distinct pairs (draw-pairs.ts), grouped by baseline multiset: within a
 * group the baseline statistic b is fixed, so most ratios are known to lie between the current tails by
 * comparing the candidate statistic with the bounds times b (with a safety margin), without a division;
 * the others are divided and tested exactly. A group whose candidate statistics all give ratios between the
 * tails is counted whole, its pairs unvisited: its smallest and largest candidate statistics are bounded
 * from shortlists of the most extreme candidate multisets and the group's presence bitmask. The groups of
 * the largest and smallest b come first (they hold the most extreme ratios, so the tails settle early).
 * The interval is the same, to the bit, as the percentile interval of the expanded ratios (the tails of a
 * set of values do not depend on the order they come in).
 */
import { drawPairs, type DrawPairs } from './draw-pairs.ts';
import { intervalFromTails, tailSize } from './percentile-interval.ts';
import { TailHeaps } from './tail-heaps.ts';

export interface Grouped {
  perSet: Float64Array;
  draws: Uint32Array;
}

/** Relative margin on the scaled bounds: far above the rounding of one product (2^-53), far below any tail gap that matters. */
const MARGIN = 2 ** -40;
/** Absolute margin, for bounds times b that round to zero or a subnormal. */
const TINY = 1e-300;

/**
 * A 0/0 pair counts as ratio 1 (no change); x/0 as +-Infinity.
 *
 * @example
 * groupedRatioInterval({ perSet: Float64Array.from([1, 2]), draws: Uint32Array.from([0, 1]) },
 *                      { perSet: Float64Array.from([2]), draws: Uint32Array.from([0, 0]) }, 0.5) // [1.25, 1.75]
 */
export function groupedRatioInterval(baseline: Grouped, candidate: Grouped, confidence: number): [number, number] {
  const R = baseline.draws.length;
  if (candidate.draws.length !== R) throw new Error('ratio interval requires distributions of equal length');
  if (R === 0) throw new Error('percentile interval requires at least 1 value');
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must be within (0, 1), got ${confidence}`);
  const heaps = HEAPS;
  heaps.reset(tailSize(R, confidence));
  const pb = baseline.perSet;
  const pc = candidate.perSet;
  const { groupSet, groupStart, candidate: pairSet, count, groupCount, width, words, present } = pairsOf(baseline.draws, candidate.draws);
  // the candidate multisets with the smallest and largest statistics bound each group's range of c (null
  // when a statistic is missing or not finite: then every group is walked)
  const lowList = shortlist(pc, 1, width, LOW_IDS, LOW_KEYS);
  const highList = lowList === null ? null : shortlist(pc, -1, width, HIGH_IDS, HIGH_KEYS);
  // the groups of the largest and smallest b first: they hold the most extreme ratios, so the tails' bounds
  // are near their final values early and most other groups are counted whole
  let gMax = 0;
  let gMin = 0;
  for (let g = 1; g < groupSet.length; g++) {
    if (pb[groupSet[g]] > pb[groupSet[gMax]]) gMax = g;
    if (pb[groupSet[g]] < pb[groupSet[gMin]]) gMin = g;
  }
  let inside = 0;
  for (let step = 0; step < groupSet.length + 2; step++) {
    const g = step === 0 ? gMax : step === 1 ? gMin : step - 2;
    if ((step === 1 && gMin === gMax) || (step >= 2 && (g === gMax || g === gMin))) continue;
    const b = pb[groupSet[g]]; // undefined (NaN ratios, refused by the heaps) for a draw without a statistic
    // c strictly between lowC and highC => lowBound <= c/b <= highBound (only for a positive, finite b)
    const scaled = b > 0 && b < Infinity;
    let lowC = scaled ? scaledLow(heaps, b) : Infinity;
    let highC = scaled ? scaledHigh(heaps, b) : -Infinity;
    // every ratio of the group between the tails: counted without visiting its pairs
    if (scaled && lowList !== null && highList !== null) {
      const row = g * words;
      if (extremeOf(lowList, pc, present, row) > lowC && extremeOf(highList, pc, present, row) < highC) {
        inside += groupCount[g];
        continue;
      }
    }
    const end = groupStart[g + 1];
    for (let k = groupStart[g]; k < end; k++) {
      const c = pc[pairSet[k]];
      if (c > lowC && c < highC) {
        inside += count[k];
        continue;
      }
      const v = b === 0 && c === 0 ? 1 : c / b;
      // between the bounds after all (ties with a bound, a baseline of 0 or below): as before, no heap work
      if (v >= heaps.lowBound && v <= heaps.highBound) inside += count[k];
      else {
        inside += admit(heaps, v, count[k]);
        if (scaled) {
          lowC = scaledLow(heaps, b);
          highC = scaledHigh(heaps, b);
        }
      }
    }
  }
  heaps.skip(inside);
  const { low, high } = heaps.finishInPlace();
  return intervalFromTails(R, low, high, confidence);
}

/** How many candidate multisets a shortlist holds. */
const SHORTLIST = 16;

// scratch space reused by every call (a typed array costs about a microsecond to make; this runs per comparison)
const HEAPS = new TailHeaps(1);
const LOW_IDS = new Uint32Array(SHORTLIST);
const LOW_KEYS = new Float64Array(SHORTLIST);
const HIGH_IDS = new Uint32Array(SHORTLIST);
const HIGH_KEYS = new Float64Array(SHORTLIST);

/**
 * The numbers of the SHORTLIST candidate multisets with the smallest (sign 1) or largest (sign -1)
 * statistic, from the extreme inward, in `ids` (`keys`: scratch); null when a statistic is not finite or when
 * draws name multisets beyond the statistics (`covered` > their number).
 */
function shortlist(pc: Float64Array, sign: number, covered: number, ids: Uint32Array, keys: Float64Array): Uint32Array | null {
  const m = pc.length;
  if (covered > m) return null;
  const size = Math.min(SHORTLIST, m);
  let n = 0;
  for (let j = 0; j < m; j++) {
    const key = sign * pc[j];
    if (!Number.isFinite(key)) return null;
    if (n === size && key >= keys[n - 1]) continue;
    let i = n < size ? n++ : n - 1;
    while (i > 0 && keys[i - 1] > key) {
      keys[i] = keys[i - 1];
      ids[i] = ids[i - 1];
      i--;
    }
    keys[i] = key;
    ids[i] = j;
  }
  return size === ids.length ? ids : ids.subarray(0, size);
}

/**
 * The statistic of the group's most extreme candidate multiset when it is on the shortlist; else the
 * shortlist's last statistic, which the group's extreme does not pass (a bound as good for the test).
 */
function extremeOf(list: Uint32Array, pc: Float64Array, present: Uint32Array, row: number): number {
  for (let t = 0; t < list.length; t++) {
    const j = list[t];
    if (present[row + (j >> 5)] & (1 << (j & 31))) return pc[j];
  }
  return pc[list[list.length - 1]];
}

/** Offers `v` (`weight` times) to the tails; returns how many of them fell between the tails. */
function admit(heaps: TailHeaps, v: number, weight: number): number {
  let inside = 0;
  for (let w = weight; w > 0; w--) {
    if (v < heaps.lowBound || v > heaps.highBound || v !== v) heaps.add(v);
    else inside++;
  }
  return inside;
}

/** A value c with c > this and b > 0 has c / b >= the low tail's bound (margins cover the product's rounding). */
function scaledLow(heaps: TailHeaps, b: number): number {
  const t = heaps.lowBound * b;
  return t + Math.abs(t) * MARGIN + TINY;
}

/** A value c with c < this and b > 0 has c / b <= the high tail's bound. */
function scaledHigh(heaps: TailHeaps, b: number): number {
  const t = heaps.highBound * b;
  return t - Math.abs(t) * MARGIN - TINY;
}

const PAIRS = new WeakMap<Uint32Array, WeakMap<Uint32Array, DrawPairs>>();

/** drawPairs of two plans' draws, made once per pair of plans. */
function pairsOf(baseline: Uint32Array, candidate: Uint32Array): DrawPairs {
  let byCandidate = PAIRS.get(baseline);
  if (byCandidate === undefined) PAIRS.set(baseline, (byCandidate = new WeakMap()));
  let pairs = byCandidate.get(candidate);
  if (pairs === undefined) byCandidate.set(candidate, (pairs = drawPairs(baseline, candidate)));
  return pairs;
}
