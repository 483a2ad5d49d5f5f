import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairedLogRatio } from '../../../analysis/stats/paired-log-ratio.ts';
import { mulberry32, type Rng } from '../../../ingest/prng.ts';

const close = (a: number | null, b: number, tol = 1e-12, msg = '') => assert.ok(a !== null && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg} ${a} vs ${b}`);

test('constant ratio: the interval is the ratio itself, whatever the machine speed of each block', () => {
  const r = pairedLogRatio([10, 20, 40, 10, 20, 40], [9, 18, 36, 9, 18, 36]);
  assert.is(r.n, 6);
  assert.is(r.dropped, 0);
  close(r.ratio, 0.9);
  close(r.ci_low, 0.9);
  close(r.ci_high, 0.9);
  close(r.sd_log, 0, 1e-15);
  assert.is(r.ci_level, 1 - 2 / 64); // 6 blocks: [min, max] of the Walsh averages at 62/64
});

test('hand-computed: d = ln 2 x (0..4): Walsh averages ln 2 x {0, 0.5, ..., 4}, median ln 4, 5 blocks: [min, max] at 30/32', () => {
  const r = pairedLogRatio([1, 1, 1, 1, 1], [1, 2, 4, 8, 16]);
  close(r.ratio, 4);
  close(r.ci_low, 1);
  close(r.ci_high, 16);
  assert.is(r.ci_level, 0.9375);
  close(r.sd_log, Math.LN2 * Math.sqrt(2.5)); // sd of 0..4 is sqrt(2.5)
});

test('hand-computed: d = 0..9: P(T <= 8) = 25/1024, so the 9th smallest and largest Walsh averages, 2 and 7', () => {
  // Walsh sums i + j (i <= j) of 0..9 counted from the bottom: s = 0, 1, 2, 2, 3, 3, 4, 4, 4 -> the 9th is 4, i.e. 2
  const d = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const r = pairedLogRatio(d.map(() => 1), d.map(Math.exp));
  close(r.ratio, Math.exp(4.5));
  close(r.ci_low, Math.exp(2));
  close(r.ci_high, Math.exp(7));
  assert.is(r.ci_level, 1 - 50 / 1024);
});

/** Exact P(T <= t) of the signed-rank statistic by enumerating all 2^n subsets of the ranks. */
function bruteCdf(n: number): number[] {
  const M = (n * (n + 1)) / 2;
  const count = new Array(M + 1).fill(0);
  for (let mask = 0; mask < 1 << n; mask++) {
    let t = 0;
    for (let k = 0; k < n; k++) if (mask & (1 << k)) t += k + 1;
    count[t]++;
  }
  let s = 0;
  return count.map((c) => (s += c) / 2 ** n);
}

test('interval = Walsh averages cut at the brute-force signed-rank quantile (2 to 12 blocks, several levels)', () => {
  const rng = mulberry32(4);
  for (let n = 2; n <= 12; n++) {
    const cdf = bruteCdf(n);
    const M = (n * (n + 1)) / 2;
    for (const conf of [0.8, 0.9, 0.95, 0.99]) {
      let c = 0;
      while (c + 1 <= (M - 1) / 2 && cdf[c + 1] <= (1 - conf) / 2) c++;
      const a = Array.from({ length: n }, () => 1 + rng() * 99);
      const b = a.map((x) => x * Math.exp(rng() - 0.5));
      const d = a.map((x, i) => Math.log(b[i]) - Math.log(x));
      const walsh: number[] = [];
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh.push((d[i] + d[j]) / 2);
      walsh.sort((x, y) => x - y);
      const r = pairedLogRatio(a, b, conf);
      const at = `n ${n} conf ${conf}`;
      close(r.ci_low, Math.exp(walsh[c]), 1e-12, at);
      close(r.ci_high, Math.exp(walsh[M - 1 - c]), 1e-12, at);
      close(r.ci_level, 1 - 2 * cdf[c], 1e-12, at);
      const med = M % 2 ? walsh[(M - 1) / 2] : (walsh[M / 2 - 1] + walsh[M / 2]) / 2;
      close(r.ratio, Math.exp(med), 1e-12, at);
      // the smallest attainable level at or above the request, or [min, max] when none is below 1
      if (cdf[0] <= (1 - conf) / 2) assert.ok(r.ci_level! >= conf, at);
      else assert.is(c, 0, at);
    }
  }
});

test('levels at 20 blocks (table: P(T <= 52) = 0.0242) and the normal approximation past 200 blocks', () => {
  const level = (n: number) => pairedLogRatio(new Array(n).fill(1), Array.from({ length: n }, (_, i) => 1 + i / n)).ci_level!;
  assert.ok(Math.abs(level(20) - (1 - 2 * 0.0242)) < 2e-4, String(level(20)));
  const exact200 = level(200);
  const normal201 = level(201);
  assert.ok(exact200 >= 0.95 && exact200 < 0.9502, String(exact200));
  assert.ok(Math.abs(normal201 - 0.95) < 3e-4, String(normal201));
});

test('drops pairs with a value not finite or <= 0 in either array; the rest are used as they are', () => {
  const a = [10, NaN, 12, 0, 11, 9, Infinity, 10, 13, -1, 10];
  const b = [9, 9, 11, 9, 0, 8, 9, 9.5, 12, 9, Number.NaN];
  const r = pairedLogRatio(a, b);
  assert.is(r.n, 5);
  assert.is(r.dropped, 6);
  assert.equal(r, { ...pairedLogRatio([10, 12, 9, 10, 13], [9, 11, 8, 9.5, 12]), dropped: 6 });
});

test('each block may run at its own machine speed: scaling a block scales both values and changes nothing', () => {
  const rng = mulberry32(8);
  const a = Array.from({ length: 9 }, () => 50 + rng() * 10);
  const b = a.map((x) => x * (0.8 + rng() * 0.1));
  const speed = a.map(() => 0.3 + rng() * 3);
  const r = pairedLogRatio(a, b);
  const s = pairedLogRatio(
    a.map((x, i) => x * speed[i]),
    b.map((x, i) => x * speed[i]),
  );
  for (const k of ['ratio', 'ci_low', 'ci_high', 'sd_log'] as const) close(s[k], r[k]!, 1e-12, k);
});

test('swapping the variants inverts the ratio and the interval', () => {
  const a = [10, 11, 9.5, 10.2, 10.8, 9.9, 10.1];
  const b = [8.9, 9.4, 8.8, 9.0, 9.7, 8.2, 9.3];
  const r = pairedLogRatio(a, b);
  const s = pairedLogRatio(b, a);
  close(s.ratio, 1 / r.ratio!);
  close(s.ci_low, 1 / r.ci_high!);
  close(s.ci_high, 1 / r.ci_low!);
});

test('fewer than 2 blocks: a ratio from 1, nothing from 0; bad input is a clear error', () => {
  assert.equal(pairedLogRatio([4, 0], [2, 5]), { n: 1, dropped: 1, ratio: 0.5, ci_low: null, ci_high: null, ci_level: null, sd_log: null });
  assert.equal(pairedLogRatio([], []), { n: 0, dropped: 0, ratio: null, ci_low: null, ci_high: null, ci_level: null, sd_log: null });
  assert.throws(() => pairedLogRatio([1, 2], [1]), /aligned by block/);
  assert.throws(() => pairedLogRatio([1, 2], [1, 2], 1), /confidence/);
});

// ---- coverage simulation ----------------------------------------------------------------------------

function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * One randomized-block run of times (lower is faster): n blocks, one trial of each variant per block in a
 * random order, lognormal noise per trial, and from a random trial on (never the first) the whole machine
 * at 1/slowdown speed: every later trial of both variants takes `slowdown` times as long. About half the
 * time the step falls between the two trials of a block.
 */
function simulateRun(rng: Rng, n: number, ratio: number, sigma: number, slowdown: number): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  const step = 1 + Math.floor(rng() * (2 * n - 1));
  for (let k = 0; k < n; k++) {
    const aFirst = rng() < 0.5;
    const ta = 2 * k + (aFirst ? 0 : 1);
    const tb = 2 * k + (aFirst ? 1 : 0);
    a.push(100 * (ta >= step ? slowdown : 1) * Math.exp(sigma * normal(rng)));
    b.push(100 * ratio * (tb >= step ? slowdown : 1) * Math.exp(sigma * normal(rng)));
  }
  return { a, b };
}

/** Share (%) of runs whose interval holds the true ratio, and mean half-width in % of the true ratio. */
function coverage(n: number, slowdown: number, runs: number, seed: number): { pct: number; halfWidthPct: number } {
  const rng = mulberry32(seed);
  let hit = 0;
  let width = 0;
  for (let r = 0; r < runs; r++) {
    const ratio = r % 2 ? 0.8 : 1.0;
    const sigma = 0.05 + 0.1 * rng();
    const { a, b } = simulateRun(rng, n, ratio, sigma, slowdown);
    const ci = pairedLogRatio(a, b);
    if (ci.ci_low! <= ratio && ratio <= ci.ci_high!) hit++;
    width += ((ci.ci_high! - ci.ci_low!) / 2 / ratio) * 100;
  }
  return { pct: (100 * hit) / runs, halfWidthPct: width / runs };
}

// 8,000 runs per size: the coverage estimate's own SE is sqrt(0.95 x 0.05 / 8000) = 0.24 points
const RUNS = 8000;

test('coverage 93-97% at 5, 10 and 20 blocks with the machine at 0.5x from a random trial on', () => {
  for (const n of [5, 10, 20]) {
    const c = coverage(n, 2, RUNS, 100 + n);
    if (process.env.PRINT_RATES) console.log(`coverage with the step, ${n} blocks: ${c.pct.toFixed(2)}%, half-width ${c.halfWidthPct.toFixed(1)}%`);
    assert.ok(c.pct >= 93 && c.pct <= 97, `${n} blocks: ${c.pct.toFixed(2)}% (half-width ${c.halfWidthPct.toFixed(1)}%)`);
  }
});

test('coverage 93-97% without the step as well', () => {
  for (const n of [5, 10, 20]) {
    const c = coverage(n, 1, RUNS, 200 + n);
    if (process.env.PRINT_RATES) console.log(`coverage without it, ${n} blocks: ${c.pct.toFixed(2)}%, half-width ${c.halfWidthPct.toFixed(1)}%`);
    assert.ok(c.pct >= 93 && c.pct <= 97, `${n} blocks: ${c.pct.toFixed(2)}% (half-width ${c.halfWidthPct.toFixed(1)}%)`);
  }
});

test.run();
