import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { percentileSorted } from '../../../analysis/stats/percentile.ts';
import { percentileInterval } from '../../../analysis/stats/percentile-interval.ts';
import { mulberry32 } from '../../../analysis/stats/prng.ts';
import { resamplePlan } from '../../../analysis/stats/resample-plan.ts';

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

test.run();
