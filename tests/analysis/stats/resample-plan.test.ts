import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapDistribution } from '../../../analysis/stats/bootstrap-distribution.ts';
import { multisetStatistics } from '../../../analysis/stats/multiset-statistics.ts';
import { percentileSorted } from '../../../analysis/stats/percentile.ts';
import { percentileInterval } from '../../../analysis/stats/percentile-interval.ts';
import { mulberry32 } from '../../../analysis/stats/prng.ts';
import { resamplePlan } from '../../../analysis/stats/resample-plan.ts';
import { weightedPercentileInterval } from '../../../analysis/stats/weighted-percentile-interval.ts';

test('a plan of n=5 draws 10,000 resamples on at most C(9,5) = 126 multisets, counts add up', () => {
  const plan = resamplePlan(5, 10000, 42);
  assert.is(plan.draws.length, 10000);
  assert.ok(plan.multisets.length / 5 <= 126);
  assert.is(plan.counts.reduce((a, b) => a + b, 0), 10000);
  // the first draw is the first 5 mulberry32(42) numbers scaled to 0..4, sorted
  const rng = mulberry32(42);
  const first = Array.from({ length: 5 }, () => Math.floor(rng() * 5)).sort();
  assert.equal([...plan.multisets.slice(0, 5)], first);
});

test('the grouped interval equals the interval of the expanded distribution (random cases)', () => {
  const rng = mulberry32(9);
  for (let t = 0; t < 100; t++) {
    const n = 2 + Math.floor(rng() * 12);
    const plan = resamplePlan(n, 1000 + Math.floor(rng() * 10000), t);
    const values = Array.from({ length: n }, () => Math.round(rng() * 100) / 7);
    const statistic = t % 2 ? 'mean' : 'median';
    const confidence = [0.95, 0.9, 0.5][t % 3];
    const expanded = percentileInterval(bootstrapDistribution(values, statistic, plan), confidence);
    const grouped = weightedPercentileInterval(multisetStatistics(values, statistic, plan), plan.counts, confidence);
    assert.equal(grouped, expanded);
  }
});

test('the grouped interval at the confidences the reports read (expanded for small n), with heavy ties', () => {
  // the tails come from the few most extreme multisets (one pass) or, for central intervals, one sort
  const rng = mulberry32(11);
  for (let t = 0; t < 120; t++) {
    const n = 3 + (t % 6);
    const plan = resamplePlan(n, 10000, 100 + t);
    const values = Array.from({ length: n }, () => (t % 4 === 0 ? Math.floor(rng() * 3) : (t % 4 === 1 ? -1 : 1) * rng() * 1e4));
    const statistic = t % 2 ? 'mean' : 'median';
    const confidence = [0.99809, 0.998, 0.95, 0.2][t % 4];
    const expanded = percentileInterval(bootstrapDistribution(values, statistic, plan), confidence);
    assert.equal(weightedPercentileInterval(multisetStatistics(values, statistic, plan), plan.counts, confidence), expanded, `case ${t}`);
  }
});

test('percentileInterval equals type-7 percentiles of the sorted array', () => {
  const rng = mulberry32(5);
  for (let t = 0; t < 100; t++) {
    const N = 1 + Math.floor(rng() * 3000);
    const a = Float64Array.from({ length: N }, () => Math.round(rng() * 50));
    const s = Float64Array.from(a).sort();
    const [lo, hi] = percentileInterval(a, 0.95);
    assert.ok(Math.abs(lo - percentileSorted(s, 2.5)) < 1e-9 && Math.abs(hi - percentileSorted(s, 97.5)) < 1e-9, `N=${N}`);
  }
});

test('weighted interval: the documented example', () => {
  assert.equal(weightedPercentileInterval(Float64Array.from([3, 1, 2]), Uint32Array.from([1, 2, 2]), 0.5), [1, 2]);
});

test.run();
