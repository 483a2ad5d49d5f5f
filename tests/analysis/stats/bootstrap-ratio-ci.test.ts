import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapRatioCi } from '../../../analysis/stats/bootstrap-ratio-ci.ts';

// Known value from tests/analysis/stats/reference.py: baseline resampled with seed deriveSeed(3, 'baseline'),
// candidate with deriveSeed(3, 'candidate'), ratio of the r-th means, type-7 2.5/97.5 percentiles.
test('ratio CI matches the Python reference', () => {
  const r = bootstrapRatioCi([100, 104, 98, 101, 97], [90, 93, 88, 91, 92], { statistic: 'mean', resamples: 10000, seed: 3 });
  assert.ok(Math.abs(r.ratio! - 0.908) < 1e-12);
  assert.ok(Math.abs(r.ci_low! - 0.8830409356725146) < 1e-9, String(r.ci_low));
  assert.ok(Math.abs(r.ci_high! - 0.9325153374233129) < 1e-9, String(r.ci_high));
});

test('the ratio CI contains the ratio and excludes 1 for a clear 10% effect', () => {
  const r = bootstrapRatioCi([100, 101, 99, 100.5, 99.5], [110, 111, 109, 110.5, 109.5], { statistic: 'mean', resamples: 10000, seed: 9 });
  assert.ok(r.ci_low! <= r.ratio! && r.ratio! <= r.ci_high!);
  assert.ok(r.ci_low! > 1.08 && r.ci_high! < 1.12, JSON.stringify(r));
});

test('a zero baseline has no ratio', () => {
  assert.equal(bootstrapRatioCi([0, 0, 0], [1, 2, 3], { statistic: 'mean', resamples: 10000, seed: 1 }), { ratio: null, ci_low: null, ci_high: null });
});

test('same seed, same result', () => {
  const o = { statistic: 'median' as const, resamples: 10000, seed: 4 };
  assert.equal(bootstrapRatioCi([5, 6, 7, 8], [6, 7, 8, 9], o), bootstrapRatioCi([5, 6, 7, 8], [6, 7, 8, 9], o));
});

test.run();
