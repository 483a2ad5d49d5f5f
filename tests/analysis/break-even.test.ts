import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { breakEven, type ChangeAtSize } from '../../analysis/compare/break-even.ts';

const close = (actual: number | null | undefined, expected: number, what: string) => assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-6 * expected, `${what}: ${actual} vs ${expected}`);
const at = (size_bytes: number, estimate: number | null, ci_low: number | null, ci_high: number | null, verdict?: string): ChangeAtSize => ({ size_bytes, estimate, ci_low, ci_high, ...(verdict ? { verdict } : {}) });

test('two sizes: the crossing and the band are interpolated in log size', () => {
  // +20% [+10, +30] at 1 KiB, -30% [-40, -20] at 64 KiB: the estimate is zero 20/50 of the way (in log size)
  const b = breakEven('total_cpu_us_per_req', 'lower', [at(65536, -30, -40, -20), at(1024, 20, 10, 30)]);
  assert.is(b.status, 'crossed');
  close(b.size_bytes, 1024 * 64 ** 0.4, 'estimate');
  // the CI's low bound is zero 10/50 of the way, its high bound 30/50
  close(b.interval?.low_bytes, 1024 * 64 ** 0.2, 'interval low');
  close(b.interval?.high_bytes, 1024 * 64 ** 0.6, 'interval high');
  assert.equal(b.bracket, { below_bytes: 1024, above_bytes: 65536 });
  assert.is(b.candidate_better, 'above');
  assert.is(b.crossings_bytes.length, 1);
  assert.equal(b.range, { from_bytes: 1024, to_bytes: 65536 });
  assert.equal(b.invalid_sizes_bytes, []);
});

test('the band reaches past the sizes next to the crossing where their CIs contain zero', () => {
  const b = breakEven('total_cpu_us_per_req', 'lower', [at(1024, 30, 20, 40), at(4096, 10, -5, 25), at(16384, -10, -25, 5), at(65536, -40, -50, -30)]);
  close(b.size_bytes, 8192, 'halfway between 4 KiB and 16 KiB');
  // low: the CI's low bound goes from -5 (4 KiB) to +20 (1 KiB): zero 5/25 of the way down
  close(b.interval?.low_bytes, 4096 * 4 ** -0.2, 'interval low');
  // high: the CI's high bound goes from +5 (16 KiB) to -30 (64 KiB): zero 5/35 of the way up
  close(b.interval?.high_bytes, 16384 * 4 ** (5 / 35), 'interval high');
  assert.equal(b.bracket, { below_bytes: 4096, above_bytes: 16384 });
});

test('higher is better: throughput that rises past the baseline pays above the crossing', () => {
  const b = breakEven('throughput_rps', 'higher', [at(16, -10, -12, -8), at(1048576, 50, 40, 60)]);
  close(b.size_bytes, 16 * 65536 ** (10 / 60), 'estimate');
  assert.is(b.candidate_better, 'above');
  // lower is better with the same numbers: the candidate pays below
  assert.is(breakEven('latency_p99_ms', 'lower', [at(16, -10, -12, -8), at(1048576, 50, 40, 60)]).candidate_better, 'below');
});

test('an open end: the band still contains zero at the largest size', () => {
  const b = breakEven('gateway_rss_peak_kb', 'lower', [at(1024, 10, 5, 15), at(4096, -2, -9, 5)]);
  close(b.size_bytes, 1024 * 4 ** (10 / 12), 'estimate');
  close(b.interval?.low_bytes, 1024 * 4 ** (5 / 14), 'interval low');
  assert.is(b.interval?.high_bytes, null);
});

test('not reached: the candidate better everywhere, the band at the end nearest zero said when it contains zero', () => {
  const b = breakEven('total_cpu_us_per_req', 'lower', [at(16, -2, -6, 2), at(1024, -20, -25, -15), at(1048576, -60, -65, -55)]);
  assert.is(b.status, 'not-reached');
  assert.is(b.size_bytes, null);
  assert.is(b.bracket, null);
  assert.is(b.candidate_better, 'everywhere');
  assert.is(b.interval?.low_bytes, null);
  close(b.interval?.high_bytes, 16 * 64 ** (2 / 17), 'the high bound is zero 2/17 of the way to 1 KiB');
  const worse = breakEven('total_cpu_us_per_req', 'lower', [at(16, 30, 20, 40), at(1024, 10, 5, 15)]);
  assert.is(worse.candidate_better, 'nowhere');
  assert.is(worse.interval, null);
});

test('several crossings: the last one is the break-even, all are listed', () => {
  const b = breakEven('latency_p99_ms', 'lower', [at(16, 10, 5, 15), at(1024, -10, -15, -5), at(65536, 10, 5, 15)]);
  assert.is(b.status, 'crossed');
  assert.is(b.crossings_bytes.length, 2);
  close(b.crossings_bytes[0], 128, 'first: halfway between 16 B and 1 KiB');
  close(b.crossings_bytes[1], 8192, 'last: halfway between 1 KiB and 64 KiB');
  close(b.size_bytes, 8192, 'the break-even is the last');
  assert.is(b.candidate_better, 'below');
});

test('an estimate of exactly zero at a measured size crosses there', () => {
  const b = breakEven('total_cpu_us_per_req', 'lower', [at(16, 10, 5, 15), at(1024, 0, -5, 5), at(65536, -10, -15, -5)]);
  assert.equal([b.status, b.size_bytes, b.crossings_bytes], ['crossed', 1024, [1024]]);
  assert.is(b.candidate_better, 'above');
});

test('a missing CI leaves the bracket but no band; invalid sizes are named', () => {
  const b = breakEven('throughput_rps', 'higher', [at(16, -5, null, null, 'invalid'), at(4096, 5, 1, 9, 'improved')]);
  assert.is(b.interval, null);
  assert.equal(b.bracket, { below_bytes: 16, above_bytes: 4096 });
  close(b.size_bytes, 256, 'halfway in log size');
  assert.equal(b.invalid_sizes_bytes, [16]);
});

test('no data: fewer than two sizes with an estimate', () => {
  const b = breakEven('throughput_rps', 'higher', [at(16, 5, 1, 9), at(1024, null, null, null)]);
  assert.equal(b, { metric: 'throughput_rps', status: 'no-data', size_bytes: null, interval: null, bracket: null, candidate_better: null, crossings_bytes: [], range: { from_bytes: 16, to_bytes: 16 }, invalid_sizes_bytes: [] });
});

test.run();
