/**
 * Signed ranks: each value's rank by absolute value (1 = smallest; ties share their mean rank), with the
 * value's sign; zeros get 0. A sign-flip test of the signed ranks is the exact Wilcoxon signed-rank test, the
 * test that the signed-rank interval (paired-log-ratio.ts) inverts, so the two agree.
 *
 * @example
 * signedRanks([0.3, -0.1, 0.2, -0.2]) // -> [4, -1, 2.5, -2.5]
 */
export function signedRanks(d: readonly number[]): number[] {
  const idx = d.map((_, i) => i).filter((i) => d[i] !== 0);
  idx.sort((a, b) => Math.abs(d[a]) - Math.abs(d[b]));
  const out = d.map(() => 0);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && Math.abs(d[idx[j + 1]]) === Math.abs(d[idx[i]])) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[idx[k]] = Math.sign(d[idx[k]]) * rank;
    i = j + 1;
  }
  return out;
}
