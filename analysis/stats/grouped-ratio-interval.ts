/**
 * CI of the ratio candidate/baseline from two grouped bootstrap distributions (per-multiset statistics and
 * the multiset of each draw, see resample-plan.ts), without expanding them or storing the ratios: draw r
 * pairs the r-th baseline resample with the r-th candidate resample, the two plans being independent.
 * The draws are walked as their distinct pairs (draw-pairs.ts), grouped by baseline multiset: within a
 * group the baseline statistic b is fixed, so most ratios are known to lie between the current tails by
 * comparing the candidate statistic with the bounds times b (with a safety margin), without a division;
 * the others are divided and tested exactly. The interval is the same, to the bit, as the percentile
 * interval of the expanded ratios (the tails of a set of values do not depend on the order they come in).
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
  const heaps = new TailHeaps(tailSize(R, confidence));
  const pb = baseline.perSet;
  const pc = candidate.perSet;
  const { groupSet, groupStart, candidate: pairSet, count } = pairsOf(baseline.draws, candidate.draws);
  let inside = 0;
  for (let g = 0; g < groupSet.length; g++) {
    const b = pb[groupSet[g]]; // undefined (NaN ratios, refused by the heaps) for a draw without a statistic
    // c strictly between lowC and highC => lowBound <= c/b <= highBound (only for a positive, finite b)
    const scaled = b > 0 && b < Infinity;
    let lowC = scaled ? scaledLow(heaps, b) : Infinity;
    let highC = scaled ? scaledHigh(heaps, b) : -Infinity;
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
  const { low, high } = heaps.finish();
  return intervalFromTails(R, low, high, confidence);
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
