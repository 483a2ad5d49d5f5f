import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapCi } from '../../../analysis/stats/bootstrap-ci.ts';
import { mulberry32 } from '../../../analysis/stats/prng.ts';

// Known values: tests/analysis/stats/reference.py re-implements the bootstrap in Python (mulberry32 draws,
// resample n values with replacement 10,000 times, statistics.fmean / statistics.median, type-7
// percentiles of the 10,000 statistics) and prints these CIs.
const v = [12.1, 9.8, 11.4, 10.9, 13.2];

test('mean CI matches the Python reference', () => {
  const r = bootstrapCi(v, { statistic: 'mean', resamples: 10000, seed: 7 });
  assert.ok(Math.abs(r.estimate - 11.48) < 1e-12);
  assert.ok(Math.abs(r.ci_low - 10.48) < 1e-9, String(r.ci_low));
  assert.ok(Math.abs(r.ci_high - 12.48) < 1e-9, String(r.ci_high));
  assert.is(r.n, 5);
});

test('median CI matches the Python reference', () => {
  const r = bootstrapCi(v, { statistic: 'median', resamples: 10000, seed: 7 });
  assert.equal([r.estimate, r.ci_low, r.ci_high], [11.4, 9.8, 13.2]);
});

test('same seed gives the same CI bit for bit; another seed a slightly different one', () => {
  const a = bootstrapCi(v, { statistic: 'mean', resamples: 10000, seed: 11 });
  const b = bootstrapCi(v, { statistic: 'mean', resamples: 10000, seed: 11 });
  assert.equal(a, b);
  const rng = mulberry32(99);
  const w = Array.from({ length: 12 }, () => 100 + rng() * 10);
  const c = bootstrapCi(w, { statistic: 'mean', resamples: 10000, seed: 1 });
  const d = bootstrapCi(w, { statistic: 'mean', resamples: 10000, seed: 2 });
  assert.is.not(c.ci_low, d.ci_low);
  assert.ok(Math.abs(c.ci_low - d.ci_low) < 0.5);
});

test('property: the CI contains the estimate (200 random samples, both statistics)', () => {
  const rng = mulberry32(2024);
  for (let i = 0; i < 200; i++) {
    const n = 3 + Math.floor(rng() * 10);
    const xs = Array.from({ length: n }, () => rng() * 1000);
    const statistic = i % 2 ? 'mean' : 'median';
    const r = bootstrapCi(xs, { statistic, resamples: 10000, seed: i });
    assert.ok(r.ci_low <= r.estimate && r.estimate <= r.ci_high, `${statistic} ${xs} -> ${JSON.stringify(r)}`);
  }
});

test('property: the CI narrows as n grows', () => {
  const rng = mulberry32(5);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const widths = [5, 20, 80, 320].map((n) => {
    const xs = Array.from({ length: n }, () => 50 + 5 * normal());
    const r = bootstrapCi(xs, { statistic: 'mean', resamples: 10000, seed: 3 });
    return r.ci_high - r.ci_low;
  });
  for (let i = 1; i < widths.length; i++) assert.ok(widths[i] < widths[i - 1], `widths ${widths}`);
  // roughly 1/sqrt(n): a 64x larger sample gives a CI about 8x narrower
  assert.ok(widths[0] / widths[3] > 4, `widths ${widths}`);
});

test('constant values give a zero-width CI at the value', () => {
  assert.equal(bootstrapCi([3, 3, 3], { statistic: 'mean', resamples: 10000, seed: 1 }), { estimate: 3, ci_low: 3, ci_high: 3, n: 3 });
});

test('bad input is a clear error', () => {
  assert.throws(() => bootstrapCi([1], { statistic: 'mean', resamples: 10000, seed: 1 }), /bootstrap requires at least 2 values/);
  assert.throws(() => bootstrapCi([1, NaN], { statistic: 'mean', resamples: 10000, seed: 1 }), /finite values/);
  assert.throws(() => bootstrapCi([1, 2], { statistic: 'mean', resamples: 0, seed: 1 }), /positive integer/);
});

test.run();
