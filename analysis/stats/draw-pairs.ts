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
}

/**
 * @example
 * drawPairs(Uint32Array.from([1, 0, 1, 1]), Uint32Array.from([2, 0, 2, 0]))
 * // { groupSet: [0, 1], groupStart: [0, 1, 3], candidate: [0, 0, 2], count: [1, 1, 2] }
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
  return { groupSet: Uint32Array.from(groupSet), groupStart: Uint32Array.from(groupStart), candidate: Uint32Array.from(cand), count: Uint32Array.from(count) };
}
