/**
 * CI of the ratio candidate/baseline from two grouped bootstrap distributions (per-multiset statistics and
 * the multiset of each draw, see resample-plan.ts), without expanding them or storing the ratios: draw r
 * pairs the r-th baseline resample with the r-th candidate resample, the two plans being independent.
 */
import { intervalFromTails, tailSize } from './percentile-interval.ts';
import { TailHeaps } from './tail-heaps.ts';

export interface Grouped {
  perSet: Float64Array;
  draws: Uint32Array;
}

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
  // the draws as bytes when they fit (126 multisets for 5 repetitions): a quarter of the memory to stream
  const db = narrow(baseline.draws, pb.length);
  const dc = narrow(candidate.draws, pc.length);
  // most ratios fall between the two tails: tested inline, counted at the end
  let lowBound = heaps.lowBound;
  let highBound = heaps.highBound;
  let inside = 0;
  for (let r = 0; r < R; r++) {
    const b = pb[db[r]];
    const c = pc[dc[r]];
    const v = b === 0 && c === 0 ? 1 : c / b;
    if (v < lowBound || v > highBound || v !== v) {
      heaps.add(v);
      lowBound = heaps.lowBound;
      highBound = heaps.highBound;
    } else inside++;
  }
  heaps.skip(inside);
  const { low, high } = heaps.finish();
  return intervalFromTails(R, low, high, confidence);
}

const NARROW = new WeakMap<Uint32Array, Uint8Array>();

/** `draws` as a Uint8Array (made once per plan) when every multiset number fits in a byte, else itself. */
function narrow(draws: Uint32Array, sets: number): Uint8Array | Uint32Array {
  if (sets > 256) return draws;
  let bytes = NARROW.get(draws);
  if (bytes === undefined) {
    bytes = new Uint8Array(draws.length);
    for (let r = 0; r < draws.length; r++) {
      if (draws[r] >= sets) return draws; // a draw without a statistic: the plain array gives NaN as ever
      bytes[r] = draws[r];
    }
    NARROW.set(draws, bytes);
  }
  return bytes;
}
