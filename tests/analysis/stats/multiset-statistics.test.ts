import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { multisetStatistics } from '../../../analysis/stats/multiset-statistics.ts';
import { mulberry32 } from '../../../analysis/stats/prng.ts';
import { resamplePlan } from '../../../analysis/stats/resample-plan.ts';

/** The definition: each multiset's values, summed in index order (mean) or sorted (median). */
function reference(values: number[], statistic: 'mean' | 'median', multisets: Uint16Array, n: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < multisets.length / n; s++) {
    const xs = Array.from(multisets.slice(s * n, s * n + n), (i) => values[i]);
    if (statistic === 'mean') out.push(xs.reduce((a, b) => a + b, 0) / n);
    else {
      xs.sort((a, b) => a - b);
      const m = n >> 1;
      out.push(n % 2 ? xs[m] : (xs[m - 1] + xs[m]) / 2);
    }
  }
  return out;
}

test('every multiset statistic equals its definition, bit for bit: n = 2..9, ties, negative values', () => {
  const rng = mulberry32(4);
  for (let t = 0; t < 80; t++) {
    const n = 2 + (t % 8);
    const plan = resamplePlan(n, 2000, t);
    const values = Array.from({ length: n }, () => (t % 3 === 0 ? Math.floor(rng() * 3) : (rng() - 0.3) * 1e3));
    for (const statistic of ['mean', 'median'] as const) {
      assert.equal([...multisetStatistics(values, statistic, plan)], reference(values, statistic, plan.multisets, n), `case ${t} ${statistic}`);
    }
  }
});

test('the documented example: at most 10 multisets of 3 values, each mean between the extremes', () => {
  const per = multisetStatistics([1, 2, 3], 'mean', resamplePlan(3, 10000, 7));
  assert.ok(per.length <= 10 && per.length > 5);
  assert.ok(per.every((m) => m >= 1 && m <= 3));
});

test('errors name the problem', () => {
  assert.throws(() => multisetStatistics([1], 'mean', resamplePlan(2, 10, 1)), /bootstrap requires at least 2 values/);
  assert.throws(() => multisetStatistics([1, 2, 3], 'mean', resamplePlan(2, 10, 1)), /bootstrap plan for 2 values used with 3 values/);
  assert.throws(() => multisetStatistics([1, NaN], 'median', resamplePlan(2, 10, 1)), /bootstrap requires finite values, got NaN/);
});

test.run();
