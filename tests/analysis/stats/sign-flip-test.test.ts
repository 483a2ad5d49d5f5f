import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mulberry32, type Rng } from '../../../ingest/prng.ts';
import { signFlipTest } from '../../../analysis/stats/sign-flip-test.ts';

test('hand-computed: the sums of +-1 +-2 +-3 are +-6, +-4, +-2, 0, 0: 2 of 8 reach |6|', () => {
  assert.equal(signFlipTest([1, 2, 3], { seed: 1 }), { p_value: 0.25, exact: true, n: 3 });
  // +-3 +-1 +-1: |sums| 5, 3, 3, 1 twice each; observed 3 -> 6 of 8
  assert.is(signFlipTest([3, -1, 1], { seed: 1 }).p_value, 0.75);
  assert.is(signFlipTest([1, -1, 2, -2], { seed: 1 }).p_value, 1);
});

test('5 blocks cannot give p < 0.05 (2/32 at best); 6 can (2/64)', () => {
  assert.equal(signFlipTest([1, 2, 3, 4, 5], { seed: 1 }), { p_value: 0.0625, exact: true, n: 5 });
  assert.is(signFlipTest([-0.1, -0.2, -0.15, -0.3, -0.12], { seed: 1 }).p_value, 2 / 32);
  assert.is(signFlipTest([1, 2, 3, 4, 5, 6], { seed: 1 }).p_value, 2 / 64);
});

test('ties up to rounding count as extreme: decimal values checked in integer arithmetic', () => {
  // 0.1 + 0.2 - 0.3 is not 0 in floating point, but flipping those three gives the observed sum exactly
  const tenths = [1, 2, -3, 5, 4, -6, 7, 3];
  let hits = 0;
  const obs = Math.abs(tenths.reduce((s, v) => s + v, 0));
  for (let mask = 0; mask < 1 << tenths.length; mask++) {
    let s = 0;
    for (let i = 0; i < tenths.length; i++) s += mask & (1 << i) ? -tenths[i] : tenths[i];
    if (Math.abs(s) >= obs) hits++;
  }
  const p = signFlipTest(tenths.map((v) => v / 10), { seed: 1 }).p_value;
  assert.is(p, hits / 256);
  assert.is(signFlipTest(tenths.map((v) => v / 10), { seed: 1, maxExact: 1 }).exact, false);
});

/** Every assignment summed directly, with the same tie rule: the definition the exact path must equal. */
function bruteP(d: number[]): number {
  const tol = 1e-12 * d.reduce((s, v) => s + Math.abs(v), 0);
  const obs = Math.abs(d.reduce((s, v) => s + v, 0));
  let hits = 0;
  for (let mask = 0; mask < 1 << d.length; mask++) {
    let s = 0;
    for (let i = 0; i < d.length; i++) s += mask & (1 << i) ? -d[i] : d[i];
    if (Math.abs(s) >= obs - tol) hits++;
  }
  return hits / 2 ** d.length;
}

test('signed ranks (multiples of 0.5) are counted exactly at any n: equal to brute force, and 2 / 2^n at the extreme', () => {
  const rng = mulberry32(7);
  for (let t = 0; t < 40; t++) {
    const n = 1 + (t % 14);
    const d = Array.from({ length: n }, () => (Math.floor(rng() * 9) - 4) / 2); // -2..2 in halves: ties and zeros
    assert.is(signFlipTest(d, { seed: 1 }).p_value, bruteP(d), `case ${t}: ${d}`);
  }
  const ranks28 = Array.from({ length: 28 }, (_, i) => i + 1);
  assert.equal(signFlipTest(ranks28, { seed: 1 }), { p_value: 2 / 2 ** 28, exact: true, n: 28 });
  // 28 blocks, ranks 1, 2, 4, 7, 10 and 27 negative (W- = 51 of 406): the exact p, and Monte Carlo near it
  const negative = new Set([1, 2, 4, 7, 10, 27]);
  const signs = ranks28.map((r) => (negative.has(r) ? -r : r));
  const exact = signFlipTest(signs, { seed: 1 });
  assert.ok(exact.exact);
  const mc = signFlipTest(signs.map((v) => v * 1.0000001), { seed: 5, draws: 20000 });
  assert.is(mc.exact, false);
  assert.ok(Math.abs(mc.p_value - exact.p_value) < 0.01, `${mc.p_value} vs ${exact.p_value}`);
});

test('exact p equals brute force (1 to 12 values, continuous and tied, shifted)', () => {
  const rng = mulberry32(12);
  for (let t = 0; t < 80; t++) {
    const n = 1 + (t % 12);
    const shift = (t % 3) * 0.05;
    const d = Array.from({ length: n }, () => (t % 4 === 0 ? Math.floor(rng() * 5) - 2 : (rng() - 0.5) * 0.3 + shift));
    const r = signFlipTest(d, { seed: 1 });
    assert.ok(r.exact);
    assert.is(r.n, n);
    assert.is(r.p_value, bruteP(d), `case ${t}: ${d}`);
    assert.is(signFlipTest(d.map((v) => -v), { seed: 1 }).p_value, r.p_value); // symmetric in sign
  }
});

test('Monte Carlo above 2^16 assignments: seeded, (hits + 1) / (draws + 1), close to the exact p', () => {
  const rng = mulberry32(6);
  const d = Array.from({ length: 17 }, () => rng() - 0.35);
  const mc = signFlipTest(d, { seed: 3 });
  assert.is(mc.exact, false);
  assert.is(mc.n, 17);
  assert.is(signFlipTest(d, { seed: 3 }).p_value, mc.p_value);
  assert.ok(Number.isInteger(mc.p_value * 20001 - 1));
  assert.is.not(signFlipTest(d, { seed: 4 }).p_value, mc.p_value);
  const exact = signFlipTest(d, { seed: 3, maxExact: 2 ** 17 });
  assert.ok(exact.exact);
  assert.ok(Math.abs(mc.p_value - exact.p_value) < 0.01, `${mc.p_value} vs ${exact.p_value}`);
  // never 0: 40 equal values, no random assignment reaches them
  assert.is(signFlipTest(new Array(40).fill(0.1), { seed: 1, draws: 999 }).p_value, 1 / 1000);
});

test('bad input is a clear error', () => {
  assert.throws(() => signFlipTest([], { seed: 1 }), /at least 1 value/);
  assert.throws(() => signFlipTest([1, NaN], { seed: 1 }), /finite/);
  assert.throws(() => signFlipTest(new Array(20).fill(1), { seed: 1, draws: 0 }), /draws/);
});

// ---- false positives under the null, same run model as tests/analysis/stats/paired-log-ratio.test.ts ----

function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** ln(B/A) per block of a run with no true difference: lognormal noise, machine at 0.5x from a random trial on. */
function nullRun(rng: Rng, n: number, sigma: number): number[] {
  const step = 1 + Math.floor(rng() * (2 * n - 1));
  const d: number[] = [];
  for (let k = 0; k < n; k++) {
    const aFirst = rng() < 0.5;
    const ta = 2 * k + (aFirst ? 0 : 1);
    const tb = 2 * k + (aFirst ? 1 : 0);
    const a = 100 * (ta >= step ? 2 : 1) * Math.exp(sigma * normal(rng));
    const b = 100 * (tb >= step ? 2 : 1) * Math.exp(sigma * normal(rng));
    d.push(Math.log(b / a));
  }
  return d;
}

// The test is exact, so the rate is at most 5% (4.88% at 10 blocks: p comes in steps of 2/1024). 20,000 runs
// put 5.5% 3 standard errors (0.15 points) above 5%; with 4,000 (SE 0.34) one seed in 14 would cross it by
// chance (seed 320 gave 5.85% at 20 blocks; 40,000 runs gave 5.05%).
test('false positive rate at alpha 0.05 is at most 5.5% with 10 and 20 blocks (20,000 runs each)', () => {
  for (const n of [10, 20]) {
    const rng = mulberry32(300 + n);
    const runs = 20000;
    let rejected = 0;
    for (let r = 0; r < runs; r++) {
      const d = nullRun(rng, n, 0.05 + 0.1 * rng());
      // 20 blocks: Monte Carlo, 199 draws to stay fast (exact whenever 0.05 x (draws + 1) is a whole number)
      if (signFlipTest(d, { seed: r, draws: 199 }).p_value <= 0.05) rejected++;
    }
    const rate = (100 * rejected) / runs;
    if (process.env.PRINT_RATES) console.log(`sign-flip false positives, ${n} blocks: ${rate.toFixed(2)}%`);
    assert.ok(rate <= 5.5, `${n} blocks: ${rate.toFixed(2)}%`);
  }
});

test.run();
