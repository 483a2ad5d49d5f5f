/**
 * The draws of two resampling plans as a ratio bootstrap pairs them (baseline draw r with candidate draw r),
 * grouped: the distinct (baseline multiset, candidate multiset) pairs, how many draws fell on each, ordered by
 * baseline multiset. With 5 repetitions a side, 10,000 draws fall on about 6,500 distinct pairs, and a
 * statistic needs one division per baseline multiset instead of one per draw. Plans are shared by every
 * metric of every run (see summarize.ts), so this is made once per pair of plans.
 */

export interface DrawPairs {
  /** the baseline multiset of each group */
  groupSet: Uint32Array;
  /** where each group's pairs start in `candidate` and `count`; one more entry: the number of pairs */
  groupStart: Uint32Array;
  /** the candidate multiset of each pair */
  candidate: Uint32Array;
  /** how many draws fell on each pair (they sum to the number of draws) */
  count: Uint32Array;
  /** how many draws fell in each group */
  groupCount: Uint32Array;
  /** candidate multiset numbers are below this */
  width: number;
  /** 32-bit words per group in `present` */
  words: number;
  /** which candidate multisets each group holds: bit j of group g is word g * words + (j >> 5), bit j & 31 */
  present: Uint32Array;
}

/**
 * @example
 * drawPairs(Uint32Array.from([1, 0, 1, 1]), Uint32Array.from([2, 0, 2, 0]))
 * // { groupSet: [0, 1], groupStart: [0, 1, 3], candidate: [0, 0, 2], count: [1, 1, 2], groupCount: [1, 3], width: 3, words: 1, present: [0b1, 0b101] }
 */
export function drawPairs(baseline: Uint32Array, candidate: Uint32Array): DrawPairs {
  const R = baseline.length;
  if (candidate.length !== R) throw new Error('draw pairs require plans with as many draws');
  let width = 1;
  for (let r = 0; r < R; r++) if (candidate[r] >= width) width = candidate[r] + 1;
  // one number per draw orders by baseline, then candidate multiset (exact: both are below 2^32)
  const keys = new Float64Array(R);
  for (let r = 0; r < R; r++) keys[r] = baseline[r] * width + candidate[r];
  keys.sort();
  const groupSet: number[] = [];
  const groupStart: number[] = [];
  const cand: number[] = [];
  const count: number[] = [];
  for (let r = 0; r < R; r++) {
    if (r > 0 && keys[r] === keys[r - 1]) {
      count[count.length - 1]++;
      continue;
    }
    const b = Math.floor(keys[r] / width);
    if (groupSet.length === 0 || groupSet[groupSet.length - 1] !== b) {
      groupSet.push(b);
      groupStart.push(cand.length);
    }
    cand.push(keys[r] - b * width);
    count.push(1);
  }
  groupStart.push(cand.length);
  const groupCount = new Uint32Array(groupSet.length);
  const words = (width + 31) >> 5;
  const present = new Uint32Array(groupSet.length * words);
  for (let g = 0; g < groupSet.length; g++) {
    for (let k = groupStart[g]; k < groupStart[g + 1]; k++) {
      groupCount[g] += count[k];
      present[g * words + (cand[k] >> 5)] |= 1 << (cand[k] & 31);
    }
  }
  return { groupSet: Uint32Array.from(groupSet), groupStart: Uint32Array.from(groupStart), candidate: Uint32Array.from(cand), count: Uint32Array.from(count), groupCount, width, words, present };
}
