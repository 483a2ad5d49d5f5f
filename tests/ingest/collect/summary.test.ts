import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { benchmarkResults } from '../../../ingest/collect/summary.ts';
import type { Manifest, Repetition } from '../../../ingest/manifest.ts';

function rep(variant: string, repetition: number, status: Repetition['status'], tp: Record<string, number | null>): Repetition {
  return {
    variant,
    repetition,
    order: 0,
    status,
    error: status === 'failed' ? 'gateway was killed by SIGKILL during throughput' : null,
    started_at: '',
    finished_at: '',
    pids: { gateway: 1, workers: [] },
    phases: [{ name: 'throughput', timed: true, started_at: '', finished_at: '', commands: [], files: [], summary: tp }],
  };
}

const manifest = {
  config: { variants: [{ name: 'proxy', label: 'v1.0' }, { name: 'fdpass', label: 'v2.0' }], rate_rps: 2500 },
  repetitions: [
    rep('proxy', 1, 'complete', { gateway_cpu_pct: 40, gateway_usr_pct: 5, gateway_sys_pct: 35, workers_cpu_pct: 10, requests_per_s: 30000, latency_avg_ms: 3, latency_p50_ms: 2, latency_p99_ms: 10, errors: 0 }),
    rep('proxy', 2, 'complete', { gateway_cpu_pct: 44, gateway_usr_pct: 6, gateway_sys_pct: 38, workers_cpu_pct: 12, requests_per_s: 32000, latency_avg_ms: 4, latency_p50_ms: 2.5, latency_p99_ms: 12, errors: 0 }),
    rep('proxy', 3, 'complete', { gateway_cpu_pct: 50, gateway_usr_pct: 7, gateway_sys_pct: 43, workers_cpu_pct: null, requests_per_s: 31000, latency_avg_ms: 5, latency_p50_ms: 3, latency_p99_ms: 14, errors: 2 }),
    rep('fdpass', 1, 'failed', {}),
  ],
  skipped: [{ phase: 'perf-record', reason: 'perf is not installed' }],
} as unknown as Manifest;

test('the seed layout, medians of complete repetitions, failures listed', () => {
  const text = benchmarkResults(manifest);
  const lines = text.split('\n');
  assert.is(lines[1], '║                BENCHMARK RESULTS                   ║');
  assert.ok(lines.includes('PROXY (v1.0) Results: 3 of 3 repetitions complete (medians)'));
  assert.ok(lines.includes('    Average Total: 44.00%'));
  assert.ok(lines.includes('    Average User:  6.00%'));
  assert.ok(lines.includes('    Average Sys:   38.00%'));
  assert.ok(lines.includes('    Workers Total: 11.00%'), 'median of the two known values');
  assert.ok(lines.includes('    Requests/sec:  31000.00'));
  assert.ok(lines.includes('    Latency avg:   4.000ms  p50 2.500ms  p99 12.000ms'));
  assert.ok(lines.includes('    Errors:        0'));
  assert.ok(lines.includes('FDPASS (v2.0) Results: 0 of 1 repetitions complete'));
  assert.ok(lines.includes('  rep 1 failed: gateway was killed by SIGKILL during throughput'));
  assert.ok(lines.includes('skipped perf-record: perf is not installed'));
  assert.not.match(text, /Fixed rate/);
});

test.run();
