import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Comparison, RepetitionResult, SpeedReading } from '../../analysis/schema.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { instrumentNotes, runSpeed, speedNotes } from '../../analysis/metrics/speed.ts';

function reading(role: 'sut' | 'load', when: 'before' | 'after', ns: number): SpeedReading {
  return { phase: 'throughput', when, cpu: role === 'sut' ? 0 : 1, role, ns_per_miter: ns };
}

function rep(variant: string, block: number, sut: [number, number], rps: number): RepetitionResult {
  return {
    variant,
    repetition: block,
    order: 0,
    status: 'complete',
    error: null,
    metrics: { throughput_rps: rps, probe_sut_ns_per_miter: (sut[0] + sut[1]) / 2 },
    series: [],
    syscalls: [],
    open_loop_spectrum: [],
    files: [],
    errors: [],
    speed: [reading('sut', 'before', sut[0]), reading('sut', 'after', sut[1]), reading('load', 'before', 1000), reading('load', 'after', 1000)],
  };
}

const reps = [
  rep('proxy', 1, [1000, 1000], 100000),
  rep('fdpass', 1, [1000, 1020], 80000),
  rep('proxy', 2, [1000, 1500], 80000), // the machine slowed down inside block 2
  rep('fdpass', 2, [2000, 2000], 40000),
  rep('proxy', 3, [2000, 2000], 50000),
  rep('fdpass', 3, [2000, 2000], 40000),
];

test('speedNotes: a note for a block where the probe moved more than 10%', () => {
  assert.equal(speedNotes(reps, DEFAULT_SETTINGS), [{ code: 'speed-change', block: 2, cpu_role: 'system-under-test', change_pct: 100, threshold_pct: 10 }]);
});

test('runSpeed: block means, range, largest move within a block, what the probe explains', () => {
  const s = runSpeed(reps)!;
  assert.equal(s.blocks.map((b) => [b.block, b.sut_ns_per_miter, b.load_ns_per_miter, Math.round(b.sut_within_pct! * 1e9) / 1e9]), [
    [1, 1005, 1000, 2],
    [2, 1625, 1000, 100],
    [3, 2000, 1000, 0],
  ]);
  assert.ok(Math.abs(s.sut_range_pct! - 99.0049751) < 1e-6);
  assert.is(s.load_range_pct, 0);
  assert.is(s.max_within_block_pct, 100);
  // slower probe, lower throughput: a strong negative correlation
  assert.ok(s.throughput_probe_correlation! < -0.9, `${s.throughput_probe_correlation}`);
  assert.ok(Math.abs(s.throughput_variance_explained_pct! - s.throughput_probe_correlation! ** 2 * 100) < 1e-9);
  assert.is(runSpeed(reps.map((r) => ({ ...r, speed: undefined }))), null);
});

function comparison(metric: string, lo: number, hi: number): Comparison {
  return {
    run: 'r', metric, unit: 'us', better: 'lower', statistic: 'mean',
    baseline: { variant: 'a', estimate: 1, ci_low: 1, ci_high: 1, n: 10 },
    candidate: { variant: 'b', estimate: 1, ci_low: 1, ci_high: 1, n: 10 },
    change_pct: { estimate: (lo + hi) / 2, ci_low: lo, ci_high: hi },
    p_value: 0.01, verdict: 'improved', reason: null, warnings: [], expected: null,
  };
}

test('instrumentNotes: two instruments of one quantity whose change intervals do not overlap get a note each', () => {
  const out = instrumentNotes([comparison('gateway_cpu_us_per_req', -52, -45), comparison('gateway_task_clock_us_per_req', -65, -55), comparison('total_cpu_us_per_req', 20, 30), comparison('pidstat_total_cpu_us_per_req', 25, 35)]);
  const codes = (m: string) => out.find((c) => c.metric === m)!.warnings.map((w) => [w.code, w.other_metric]);
  assert.equal(codes('gateway_cpu_us_per_req'), [['instrument-disagreement', 'gateway_task_clock_us_per_req']]);
  assert.equal(codes('gateway_task_clock_us_per_req'), [['instrument-disagreement', 'gateway_cpu_us_per_req']]);
  assert.equal(codes('total_cpu_us_per_req'), [], 'overlapping intervals agree');
  assert.is(out.find((c) => c.metric === 'gateway_cpu_us_per_req')!.verdict, 'improved', 'a note never changes a verdict');
});

test.run();
