import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openLoopSummary, sortedLatencies, spectrumOfSorted } from '../../analysis/metrics/open-loop.ts';
import { pooledSpectrum } from '../../analysis/metrics/run-aggregates.ts';

test('the bench-latency record: microseconds to ms, errors total, achieved rate', () => {
  const o = openLoopSummary({
    format: 'bench-latency',
    requests: 6000,
    duration_s: 3,
    rate_achieved_per_s: 2000,
    errors: { connect: 0, read: 1, write: 0, timeout: 2, status: 0, parse: 0, total: 3 },
    latency_us: { samples: 6000, mean: 4705.4, p50: 2631, p90: 9141, p95: 14545, p99: 47631, p99_9: 65542, max: 68740 },
  });
  assert.equal(o, { p50_ms: 2.631, p90_ms: 9.141, p95_ms: 14.545, p99_ms: 47.631, p999_ms: 65.542, max_ms: 68.74, count: 6000, errors: 3, achieved_rps: 2000, client_cpu_pct: null });
});

test('the client\'s own CPU: cpu_s over the sending window, in percent of one CPU', () => {
  const o = openLoopSummary({ format: 'bench-latency', requests: 5000, duration_s: 2, cpu_s: 0.331, latency_us: { p99: 2770 } });
  assert.ok(Math.abs(o.client_cpu_pct! - 16.55) < 1e-9, `${o.client_cpu_pct}`);
});

test('other spellings: top-level _ms fields, numeric errors, rate from count and duration', () => {
  const o = openLoopSummary({ format: 'bench-latency', count: 100, errors: 0, duration_s: 2, p50_ms: 0.5, p99_us: 900 });
  assert.equal([o.p50_ms, o.p99_ms, o.count, o.errors, o.achieved_rps], [0.5, 0.9, 100, 0, 50]);
});

test('spectrum: type-7 percentiles in ms, dropping those beyond the sample size', () => {
  const s = spectrumOfSorted(Float64Array.from([100, 200, 300]));
  assert.equal(s, [
    { percentile: 0, latency_ms: 0.1 },
    { percentile: 50, latency_ms: 0.2 },
    { percentile: 100, latency_ms: 0.3 },
  ]);
  const big = spectrumOfSorted(Float64Array.from({ length: 1000 }, (_, i) => i + 1));
  assert.equal(big.map((p) => p.percentile), [0, 50, 75, 90, 95, 99, 99.5, 99.9, 100]);
  assert.is(big.find((p) => p.percentile === 99)!.latency_ms, 0.99001); // 1 + 0.99 * 999 us
});

test('pooled spectrum of several repetitions: raw latencies merged, never percentiles averaged', () => {
  const p = pooledSpectrum('fdpass', [sortedLatencies({ format: 'bench-latencies', latencies_us: [300, 100] }), Float64Array.from([200])]);
  assert.equal(p, { variant: 'fdpass', count: 3, spectrum: [{ percentile: 0, latency_ms: 0.1 }, { percentile: 50, latency_ms: 0.2 }, { percentile: 100, latency_ms: 0.3 }] });
});

test.run();
