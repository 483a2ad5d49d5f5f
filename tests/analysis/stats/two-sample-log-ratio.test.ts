import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mannWhitneyCdf, twoSampleLogRatio } from '../../../analysis/stats/two-sample-log-ratio.ts';
import { mulberry32, type Rng } from '../../../ingest/prng.ts';

const close = (a: number | null, b: number, tol = 1e-12, msg = '') => assert.ok(a !== null && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg} ${a} vs ${b}`);

/** Exact P(U <= u) by enumerating every way to pick which n of the n + m ranks are the baseline's. */
function bruteCdf(n: number, m: number): number[] {
  const count = new Array(n * m + 1).fill(0);
  let total = 0;
  for (let mask = 0; mask < 1 << (n + m); mask++) {
    let bits = 0;
    for (let k = 0; k < n + m; k++) if (mask & (1 << k)) bits++;
    if (bits !== n) continue;
    // U = pairs (baseline x, candidate y) with y ranked above x: for each candidate position, baseline positions below it
    let u = 0;
    let below = 0;
    for (let k = 0; k < n + m; k++) {
      if (mask & (1 << k)) below++;
      else u += below;
    }
    count[u]++;
    total++;
  }
  let s = 0;
  return count.map((c) => (s += c) / total);
}

test('the null distribution of U matches brute-force enumeration (sizes 1..6 by 1..6)', () => {
  for (let n = 1; n <= 6; n++) {
    for (let m = 1; m <= 6; m++) {
      const got = mannWhitneyCdf(n, m);
      const want = bruteCdf(n, m);
      assert.is(got.length, want.length);
      want.forEach((w, u) => close(got[u], w, 1e-12, `n=${n} m=${m} u=${u}`));
    }
  }
  assert.equal([...mannWhitneyCdf(2, 2)].map((p) => Math.round(p * 6)), [1, 2, 4, 5, 6]);
});

test('hand-computed: 4 and 4 values, every candidate above every baseline: [min, max] of the ratios at 1 - 2/70, p = 2/70', () => {
  const r = twoSampleLogRatio([1, 2, 3, 4], [10, 20, 30, 40]);
  assert.is(r.n_baseline, 4);
  assert.is(r.n_candidate, 4);
  close(r.ci_low, 2.5); // 10 / 4
  close(r.ci_high, 40); // 40 / 1
  close(r.ci_level, 1 - 2 / 70);
  close(r.p_value, 2 / 70);
  close(r.ratio, Math.exp((Math.log(10) + Math.log(10)) / 2)); // the 8th and 9th of the 16 log ratios are both ln 10
});

test('identical groups: ratio 1, p 1, interval around 1', () => {
  const r = twoSampleLogRatio([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]);
  close(r.ratio, 1);
  assert.is(r.p_value, 1);
  assert.ok(r.ci_low! < 1 && r.ci_high! > 1);
  close(r.ci_level, 1 - 2 * (4 / 252)); // 5 and 5: P(U <= 2) = 4/252 <= 0.025 < P(U <= 3) = 7/252
});

test('a pure factor between the groups is recovered exactly, and the interval excludes 1 exactly when p < 1 - level', () => {
  const base = [100, 103, 98, 110, 95, 101, 99, 104];
  const r = twoSampleLogRatio(base, base.map((v) => v * 0.8));
  close(r.ratio, 0.8);
  assert.ok(r.ci_low! < 0.8 && r.ci_high! > 0.8);
  const rng = mulberry32(11);
  for (let i = 0; i < 300; i++) {
    const n = 3 + Math.floor(rng() * 8);
    const m = 3 + Math.floor(rng() * 8);
    const a = Array.from({ length: n }, () => 50 + rng() * 50);
    const b = Array.from({ length: m }, () => (50 + rng() * 50) * (0.7 + rng() * 0.6));
    const t = twoSampleLogRatio(a, b);
    const excludes = t.ci_low! > 1 || t.ci_high! < 1;
    assert.is(excludes, t.p_value! <= 1 - t.ci_level! + 1e-12, `n=${n} m=${m} p=${t.p_value} CI [${t.ci_low}, ${t.ci_high}] level ${t.ci_level}`);
  }
});

test('non-positive and non-finite values drop out; one value per side gives an estimate without an interval', () => {
  const r = twoSampleLogRatio([0, 10, NaN, 20], [-1, 15, Infinity]);
  assert.is(r.n_baseline, 2);
  assert.is(r.n_candidate, 1);
  assert.is(r.dropped, 4);
  close(r.ratio, Math.exp((Math.log(15 / 10) + Math.log(15 / 20)) / 2));
  assert.is(r.ci_low, null);
  assert.is(r.p_value, null);
  assert.equal(twoSampleLogRatio([], [1, 2]).ratio, null);
  assert.throws(() => twoSampleLogRatio([1], [1], 1), /confidence must be within/);
});

test('large groups use the normal approximation and agree with the exact table near its limit', () => {
  const rng = mulberry32(5);
  const a = Array.from({ length: 210 }, () => 1 + rng());
  const b = Array.from({ length: 210 }, () => (1 + rng()) * 1.1);
  const approx = twoSampleLogRatio(a, b);
  const exact = twoSampleLogRatio(a.slice(0, 199), b.slice(0, 199));
  assert.ok(approx.ci_low! > 1 && exact.ci_low! > 1, 'a 10% shift in 200+ values is found either way');
  assert.ok(Math.abs(approx.ci_level! - 0.95) < 0.002 && Math.abs(exact.ci_level! - 0.95) < 0.002);
});

function normal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

test('coverage by simulation (seeded): lognormal noise, a true factor of 0.8, 5 / 10 / 20 values per side: 95-98%', () => {
  // the interval is exact under a shift of the logs, so coverage is the achieved level (discrete), never below 95%
  const rng = mulberry32(2026);
  const runs = 2000;
  const got: string[] = [];
  for (const n of [5, 10, 20]) {
    let covered = 0;
    for (let i = 0; i < runs; i++) {
      const sigma = 0.05 + rng() * 0.1;
      const a = Array.from({ length: n }, () => 1000 * Math.exp(sigma * normal(rng)));
      const b = Array.from({ length: n }, () => 800 * Math.exp(sigma * normal(rng)));
      const r = twoSampleLogRatio(a, b);
      if (r.ci_low! <= 0.8 && 0.8 <= r.ci_high!) covered++;
    }
    const share = covered / runs;
    got.push(`${n}: ${(share * 100).toFixed(1)}%`);
    assert.ok(share >= 0.94 && share <= 0.985, `${n} values per side: coverage ${share}`);
  }
  assert.is(got.length, 3);
});

test.run();
