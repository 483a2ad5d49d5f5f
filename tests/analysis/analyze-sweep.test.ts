import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeAll } from '../../analysis/analyze.ts';
import { analyzeRun } from '../../analysis/analyze-run.ts';
import { migrateAnalysis } from '../../analysis/schema.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRun } from '../../bench/lib/synthetic.ts';
import { loadInput } from '../../analysis/load/load-inputs.ts';
import { SWEEP_METRICS, sweepCandidates } from '../../analysis/analyze-sweep.ts';
import { syntheticSweep } from './synthetic-sweep.ts';

// A real committed sweep: proxy, fdpass and fdpass-conn, 7 sizes, 6 blocks, throughput phase only (schema 3).
const REAL_SWEEP = 'raw-results/2026-12-06T09-44-04Z-sweep-v1.0-vs-v2.0';

const close = (actual: number | null | undefined, expected: number, tolerance: number, what: string) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

const sweep = () => syntheticSweep({ id: '2026-12-01T00-00-00Z-sweep', created_at: '2026-12-01T00:00:00Z' });

test('per size, the paired change of each sweep metric: the block ratios cancel the machine speed', () => {
  const s = analyzeRun(sweep(), DEFAULT_SETTINGS, []).run.sweep!;
  assert.equal(s.metrics, ['throughput_rps', 'total_cpu_us_per_req', 'gateway_cpu_us_per_req', 'latency_p99_ms', 'gateway_rss_peak_kb']);
  assert.equal(s.points.map((p) => [p.point, p.size_bytes]), [['1KiB', 1024], ['4KiB', 4096], ['16KiB', 16384], ['64KiB', 65536]]);
  const cpu = s.points.map((p) => p.comparisons.find((c) => c.metric === 'total_cpu_us_per_req')!);
  // the chosen CPU ratios 1.2, 1.05, 0.85, 0.6 (requests are whole numbers: a few thousandths off)
  [20, 5, -15, -40].forEach((x, i) => close(cpu[i].change_pct.estimate, x, 0.002, `total CPU change at ${s.points[i].point}`));
  // with 6 blocks the 95% interval is the extreme block ratios: the ratio times exp(-0.02) and exp(+0.02)
  close(cpu[0].change_pct.ci_low, (1.2 * Math.exp(-0.02) - 1) * 100, 0.002, 'CI low at 1 KiB');
  close(cpu[0].change_pct.ci_high, (1.2 * Math.exp(0.02) - 1) * 100, 0.002, 'CI high at 1 KiB');
  assert.equal(cpu.map((c) => c.verdict), ['regressed', 'regressed', 'improved', 'improved']);
  assert.equal(cpu.map((c) => c.blocks), [{ used: 6, total: 6 }, { used: 6, total: 6 }, { used: 6, total: 6 }, { used: 6, total: 6 }]);
  assert.ok(cpu.every((c) => c.expected === null), 'the seed guide expectations are about hello, not a sweep');
  const tp = s.points[3].comparisons.find((c) => c.metric === 'throughput_rps')!;
  close(tp.change_pct.estimate, (1 / 0.6 - 1) * 100, 0.002, 'throughput at 64 KiB');
  // each variant's own figure: proxy's CPU per request at 1 KiB is 1e6 / (20000 x speed), mean over blocks
  const proxyCpu = s.points[0].summaries.find((x) => x.variant === 'proxy' && x.metric === 'total_cpu_us_per_req')!;
  close(proxyCpu.estimate, 50 * ([1, 0.9, 1.1, 0.95, 1.05, 1].reduce((a, v) => a + 1 / v, 0) / 6), 0.01, 'proxy CPU per request at 1 KiB');
  assert.is(proxyCpu.n, 6);
  assert.ok(s.points[0].summaries.some((x) => x.variant === 'fdpass' && x.metric === 'workers_cpu_us_per_req'), 'the workers share is kept for the curves');
  assert.equal(s.points[0].warnings.map((w) => w.code), ['load-not-monitored']);
});

test('the break-even per metric from those changes', () => {
  const s = analyzeRun(sweep(), DEFAULT_SETTINGS, []).run.sweep!;
  const cpu = s.break_even.find((b) => b.metric === 'total_cpu_us_per_req')!;
  assert.is(cpu.status, 'crossed');
  // +5% at 4 KiB and -15% at 16 KiB: a quarter of the way in log size
  close(cpu.size_bytes, 4096 * 4 ** 0.25, 1, 'total CPU break-even');
  assert.equal(cpu.bracket, { below_bytes: 4096, above_bytes: 16384 });
  assert.is(cpu.candidate_better, 'above');
  close(cpu.interval!.low_bytes, 5036, 1, 'band low');
  close(cpu.interval!.high_bytes, 6645, 1, 'band high');
  const tp = s.break_even.find((b) => b.metric === 'throughput_rps')!;
  const a = (1 / 1.05 - 1) * 100;
  const b = (1 / 0.85 - 1) * 100;
  close(tp.size_bytes, 4096 * 4 ** (a / (a - b)), 1, 'throughput break-even');
  const gw = s.break_even.find((x) => x.metric === 'gateway_cpu_us_per_req')!;
  assert.equal([gw.status, gw.candidate_better, gw.range], ['not-reached', 'everywhere', { from_bytes: 1024, to_bytes: 65536 }]);
});

test('a sweep run has no comparisons, summaries or targets of its own, and every trial keeps its size', () => {
  const a = analyzeRun(sweep(), DEFAULT_SETTINGS, [{ target: 'throughput', metric: 'throughput_rps', op: '>', threshold: 1, unit: 'req/s', scope: 'embedded' }] as never);
  assert.equal([a.comparisons.length, a.run.summaries.length, a.targets.length], [0, 0, 0]);
  assert.is(a.run.repetitions.length, 48);
  assert.equal([...new Set(a.run.repetitions.map((r) => r.point))], ['1KiB', '4KiB', '16KiB', '64KiB']);
  assert.equal(a.run.warnings, []);
});

test('a failed trial costs its size one block: that size is invalid with 5 blocks, the others are not', () => {
  const input = sweep();
  const failed = input.manifest!.repetitions.find((r) => r.point === '16KiB' && r.variant === 'fdpass' && r.repetition === 2)!;
  failed.status = 'failed';
  failed.error = 'gateway was killed by SIGKILL during throughput';
  const s = analyzeRun(input, DEFAULT_SETTINGS, []).run.sweep!;
  const at16 = s.points[2].comparisons.find((c) => c.metric === 'total_cpu_us_per_req')!;
  assert.is(at16.verdict, 'invalid');
  assert.equal(at16.blocks, { used: 5, total: 5 });
  assert.ok(s.points[2].warnings.some((w) => w.code === 'repetition-failed'));
  assert.is(s.points[1].comparisons.find((c) => c.metric === 'total_cpu_us_per_req')!.verdict, 'regressed');
  assert.equal(s.break_even.find((b) => b.metric === 'total_cpu_us_per_req')!.invalid_sizes_bytes, [16384]);
});

test('in the whole analysis, a sweep is never the headline run and validates against the schema', () => {
  const plain = syntheticRun({ id: '2026-11-30T00-00-00Z-plain', created_at: '2026-11-30T00:00:00Z', seed: 3, repetitions: 6 });
  const { analysis } = analyzeAll([plain, sweep()], DEFAULT_SETTINGS, []);
  assert.equal(analysis.latest, { synthetic: '2026-11-30T00-00-00Z-plain' });
  assert.equal(analysis.history.groups[0].runs, ['2026-11-30T00-00-00Z-plain', '2026-12-01T00-00-00Z-sweep']);
  assert.ok(analysis.history.groups[0].series.every((s) => s.points.every((p) => p.run === '2026-11-30T00-00-00Z-plain')), 'the sweep adds no history point');
  const round = migrateAnalysis(JSON.parse(JSON.stringify(analysis)));
  assert.is(round.runs[1].sweep?.break_even.length, 5);
  // a sweep between two plain runs is no event on the timeline (its own sizes, duration and phases)
  const later = syntheticRun({ id: '2026-12-02T00-00-00Z-plain', created_at: '2026-12-02T00:00:00Z', seed: 4, repetitions: 6 });
  assert.equal(analyzeAll([plain, sweep(), later], DEFAULT_SETTINGS, []).analysis.history.groups[0].events, []);
  // a machine with only sweeps has no headline run
  assert.equal(analyzeAll([sweep()], DEFAULT_SETTINGS, []).analysis.latest, {});
});

test('sweepCandidates: the run\'s candidate first, then the other variants; none in an A/A run', () => {
  assert.equal(sweepCandidates(['proxy', 'fdpass', 'fdpass-conn'], 'proxy', 'fdpass'), ['fdpass', 'fdpass-conn']);
  assert.equal(sweepCandidates(['proxy', 'fdpass', 'fdpass-conn'], 'proxy', 'fdpass-conn'), ['fdpass-conn', 'fdpass']);
  assert.equal(sweepCandidates(['proxy'], 'proxy', 'proxy'), []);
});

test('a real sweep of three variants: every candidate against the baseline at each size, and a break-even per candidate', async () => {
  const a = analyzeRun(await loadInput(REAL_SWEEP), DEFAULT_SETTINGS, []);
  const s = a.run.sweep!;
  // no fixed-rate phase in that run: the closed-loop metrics only
  assert.equal(s.metrics, ['throughput_rps', 'total_cpu_us_per_req', 'gateway_cpu_us_per_req', 'latency_p99_ms', 'gateway_rss_peak_kb']);
  // its schema 3 points migrated with the run's --rate
  assert.equal(s.points.map((p) => `${p.point}@${p.rate_rps}`), ['16B@2500', '1KiB@2500', '4KiB@2500', '16KiB@2500', '64KiB@2500', '256KiB@2500', '1MiB@2500']);
  for (const p of s.points) assert.equal(p.comparisons.map((c) => c.candidate.variant), [...Array(5).fill('fdpass'), ...Array(5).fill('fdpass-conn')], p.point);
  const cpu = (cand: string, point: string) => s.points.find((p) => p.point === point)!.comparisons.find((c) => c.candidate.variant === cand && c.metric === 'total_cpu_us_per_req')!;
  // fdpass costs more CPU per request at 16 B, fdpass-conn less; at 1 MiB both about 96% less
  close(cpu('fdpass', '16B').change_pct.estimate, 18.61, 0.01, 'fdpass total CPU at 16 B');
  assert.is(cpu('fdpass', '16B').verdict, 'regressed');
  close(cpu('fdpass-conn', '16B').change_pct.estimate, -11.35, 0.01, 'fdpass-conn total CPU at 16 B');
  close(cpu('fdpass', '1MiB').change_pct.estimate, -96.19, 0.01, 'fdpass total CPU at 1 MiB');
  close(cpu('fdpass-conn', '1MiB').change_pct.estimate, -96.55, 0.01, 'fdpass-conn total CPU at 1 MiB');
  // the saturation gate is active: wrk on its one CPU at 99.4% invalidates fdpass-conn's closed-loop figures at 16 B
  assert.is(cpu('fdpass-conn', '16B').verdict, 'invalid');
  assert.match(cpu('fdpass-conn', '16B').reason ?? '', /fdpass-conn repetition 1 \(throughput\): the load generator used 99\.4% CPU/);
  assert.equal(s.break_even.map((b) => `${b.candidate}:${b.metric}:${b.status}`), [
    'fdpass:throughput_rps:crossed',
    'fdpass:total_cpu_us_per_req:crossed',
    'fdpass:gateway_cpu_us_per_req:not-reached',
    'fdpass:latency_p99_ms:crossed',
    'fdpass:gateway_rss_peak_kb:crossed',
    'fdpass-conn:throughput_rps:crossed',
    'fdpass-conn:total_cpu_us_per_req:not-reached',
    'fdpass-conn:gateway_cpu_us_per_req:not-reached',
    'fdpass-conn:latency_p99_ms:crossed',
    'fdpass-conn:gateway_rss_peak_kb:not-reached',
  ]);
  const fdpassCpu = s.break_even[1];
  close(fdpassCpu.size_bytes, 11259, 1, 'fdpass total CPU break-even');
  assert.equal([fdpassCpu.bracket, fdpassCpu.candidate_better], [{ below_bytes: 4096, above_bytes: 16384 }, 'above']);
  assert.equal([s.break_even[6].candidate_better, s.break_even[6].invalid_sizes_bytes], ['everywhere', [16, 1024, 4096, 16384, 65536, 262144, 1048576]]);
});

// A real small sweep with the fixed-rate phase (tests/fixtures/analysis/PROVENANCE.md): 16 B, 64 KiB, 1 MiB, 6 blocks.
const FIXED_RATE_SWEEP = 'tests/fixtures/analysis/sweeps/2026-12-06T11-05-27Z-fixture-sweep';

test('a real sweep with the fixed-rate phase: CPU per request at the fixed rate first, with verdicts where wrk saturated', async () => {
  const a = analyzeRun(await loadInput(FIXED_RATE_SWEEP), DEFAULT_SETTINGS, []);
  const s = a.run.sweep!;
  // every sweep metric, the fixed-rate ones first (the headline), then the closed-loop ones
  assert.equal(s.metrics, [...SWEEP_METRICS]);
  assert.equal(s.metrics.slice(0, 4), ['total_cpu_us_per_req_at_fixed_rate', 'gateway_cpu_us_per_req_at_fixed_rate', 'openloop_latency_p99_ms', 'throughput_rps']);
  assert.equal(s.points.map((p) => `${p.point}@${p.rate_rps}`), ['16B@1000', '64KiB@256', '1MiB@16']);
  const at = (point: string, metric: string) => s.points.find((p) => p.point === point)!.comparisons.find((c) => c.metric === metric)!;
  // the headline: fdpass's total CPU per request at the fixed rate, from perf stat's task-clock per open-loop request
  close(at('1MiB', 'total_cpu_us_per_req_at_fixed_rate').change_pct.estimate, -90.82, 0.01, 'total CPU at the fixed rate, 1 MiB');
  assert.equal(['16B', '64KiB', '1MiB'].map((p) => at(p, 'total_cpu_us_per_req_at_fixed_rate').verdict), ['no significant difference', 'no significant difference', 'improved']);
  assert.equal(['16B', '64KiB', '1MiB'].map((p) => at(p, 'gateway_cpu_us_per_req_at_fixed_rate').verdict), ['improved', 'improved', 'improved']);
  // the load-saturation gate stays on the closed-loop metrics: wrk saturated its CPU at 16 B and 64 KiB
  assert.equal(['16B', '64KiB', '1MiB'].map((p) => at(p, 'total_cpu_us_per_req').verdict), ['invalid', 'invalid', 'improved']);
  assert.match(at('16B', 'throughput_rps').reason ?? '', /proxy repetition 1 \(throughput\): the load generator used 90\.8% CPU/);
  assert.equal(at('16B', 'total_cpu_us_per_req_at_fixed_rate').reason, null);
  // one trial: proxy at 1 MiB, block 1: perf stat's task-clock, 17.42 ms for the gateway and 75.86 ms for the worker, over 16 requests
  const trial = a.run.repetitions.find((r) => r.variant === 'proxy' && r.point === '1MiB' && r.repetition === 1)!;
  close(trial.metrics.gateway_cpu_us_per_req_at_fixed_rate, 17420 / 16, 1e-6, 'gateway CPU per request at the fixed rate');
  close(trial.metrics.total_cpu_us_per_req_at_fixed_rate, (17420 + 75860) / 16, 1e-6, 'total CPU per request at the fixed rate');
  // each variant's own figure at the fixed rate, kept for the curves
  const proxy1M = s.points[2].summaries.find((x) => x.variant === 'proxy' && x.metric === 'total_cpu_us_per_req_at_fixed_rate')!;
  assert.is(proxy1M.n, 6);
  const cpu = s.break_even.find((b) => b.metric === 'total_cpu_us_per_req_at_fixed_rate')!;
  assert.equal([cpu.candidate, cpu.status, cpu.bracket, cpu.candidate_better, cpu.invalid_sizes_bytes], ['fdpass', 'crossed', { below_bytes: 16, above_bytes: 65536 }, 'above', []]);
  close(cpu.size_bytes, 174.1, 0.1, 'the break-even of total CPU at the fixed rate');
  assert.equal(s.break_even.find((b) => b.metric === 'total_cpu_us_per_req')!.invalid_sizes_bytes, [16, 65536]);
});

test('a sweep has the probe\'s view of the machine per block, and its speed notes at each size', async () => {
  const a = analyzeRun(await loadInput('raw-results/2026-12-06T11-25-12Z-sweep-v1.0-vs-v2.0'), DEFAULT_SETTINGS, []);
  const s = a.run.speed!;
  assert.equal(s.blocks.map((b) => b.block), [1, 2, 3, 4, 5, 6]);
  close(s.sut_range_pct, 5.5, 0.05, 'range of the block means on the gateway CPU');
  close(s.blocks[5].sut_within_pct, 24.5, 0.05, 'the probe within block 6 (every size: minutes)');
  // at each size, a note where the probe moved more than 10% around that size's trials of a block
  assert.equal(a.run.sweep!.points.map((p) => p.warnings.filter((w) => w.code === 'speed-change').length), [3, 5, 6, 4, 6, 4]);
});

test.run();
