import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeRun } from '../../analysis/analyze-run.ts';
import { appliesTo, capacityDriftNotes, idleProcessWarnings, loadCpuCount, runGates, runPairGates, summaryGates } from '../../analysis/compare/gates.ts';
import { metricDef } from '../../analysis/metrics/metric-defs.ts';
import type { RepetitionResult } from '../../analysis/schema.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRun } from '../../bench/lib/synthetic.ts';
import { manifestFor } from './synthetic-manifest.ts';
import { warningMessage, warningSeverity } from '../../analysis/warnings.ts';

function rep(variant: string, repetition: number, metrics: Record<string, number | null>, status = 'complete'): RepetitionResult {
  return { variant, repetition, order: 0, status, error: null, metrics, series: [], syscalls: [], open_loop_spectrum: [], files: [], errors: [] };
}

test('non-2xx responses or socket errors fail the gate for the variant and phase', () => {
  const w = runGates(manifestFor(), [rep('proxy', 2, { non_2xx_responses: 12, socket_errors: 3 }), rep('fdpass', 1, { non_2xx_responses: 0, socket_errors: 0 })], DEFAULT_SETTINGS);
  const errors = w.filter((x) => x.code === 'http-errors');
  assert.equal(errors, [{ code: 'http-errors', variant: 'proxy', repetition: 2, phase: 'throughput', non_2xx: 12, socket_errors: 3 }]);
  assert.ok(appliesTo(errors[0], metricDef('throughput_rps'), ['proxy', 'fdpass']));
  assert.not.ok(appliesTo(errors[0], metricDef('cpu_pct_at_fixed_rate'), ['proxy', 'fdpass']));
});

test('open-loop errors fail the gate of the fixed-rate phase', () => {
  const w = runGates(manifestFor(), [rep('fdpass', 1, { openloop_errors: 4 })], DEFAULT_SETTINGS);
  assert.equal(w.find((x) => x.code === 'http-errors'), { code: 'http-errors', variant: 'fdpass', repetition: 1, phase: 'fixed-rate', non_2xx: 0, socket_errors: 4 });
});

test('load generator saturated: at or above 90% of its pinned CPUs', () => {
  const m = manifestFor(); // load pinned to CPU "1": capacity 100%
  const w = runGates(m, [rep('proxy', 1, { load_cpu_pct: 95 }), rep('proxy', 2, { load_cpu_pct: 60 })], DEFAULT_SETTINGS);
  assert.equal(w.filter((x) => x.code === 'load-saturated'), [
    { code: 'load-saturated', variant: 'proxy', repetition: 1, phase: 'throughput', load_cpu_pct: 95, capacity_pct: 100, threshold_pct: 90 },
  ]);
});

test('load and gateway both saturated: a note (the gateway CPU was fully used), not a gate', () => {
  const w = runGates(manifestFor(), [rep('proxy', 1, { load_cpu_pct: 97.5, sut_cpu_busy_pct: 99.1 }), rep('fdpass', 1, { load_cpu_pct: 96, sut_cpu_busy_pct: 80 })], DEFAULT_SETTINGS);
  assert.equal(w.filter((x) => x.code === 'both-saturated' || x.code === 'load-saturated'), [
    { code: 'load-saturated', variant: 'fdpass', repetition: 1, phase: 'throughput', load_cpu_pct: 96, capacity_pct: 100, threshold_pct: 90 },
    { code: 'both-saturated', variant: 'proxy', phase: 'throughput', blocks: 1, of: 1, load_cpu_pct: 97.5, sut_cpu_pct: 99.1 },
  ]);
});

test('the open-loop client at the fixed rate: its own CPU at or above the threshold gates the fixed-rate metrics only', () => {
  const m = manifestFor();
  const w = runGates(m, [rep('proxy', 1, { load_cpu_pct: 40, load_cpu_pct_at_fixed_rate: 96.5 }), rep('proxy', 2, { load_cpu_pct: 40, load_cpu_pct_at_fixed_rate: 16.5 })], DEFAULT_SETTINGS);
  const gates = w.filter((x) => x.code === 'load-saturated');
  assert.equal(gates, [{ code: 'load-saturated', variant: 'proxy', repetition: 1, phase: 'fixed-rate', load_cpu_pct: 96.5, capacity_pct: 100, threshold_pct: 90 }]);
  assert.ok(appliesTo(gates[0], metricDef('openloop_latency_p99_ms'), ['proxy', 'fdpass']));
  assert.not.ok(appliesTo(gates[0], metricDef('throughput_rps'), ['proxy', 'fdpass']));
  assert.is(warningMessage(gates[0]), 'proxy repetition 1 (fixed-rate): the load generator used 96.5% CPU of 100% available (>= 90%): the client, not the gateway, may limit the rate, and its latencies measure the client');
});

test('a monitored role idle under full load (an nginx master as the gateway): a warning naming it', () => {
  const reps = [1, 2, 3].flatMap((k) => [rep('direct', k, { throughput_rps: 90000, gateway_cpu_pct: 0, workers_cpu_pct: 97 }), rep('proxy', k, { throughput_rps: 20000, gateway_cpu_pct: 60, workers_cpu_pct: 35 })]);
  assert.equal(idleProcessWarnings(reps), [{ code: 'idle-process', variant: 'direct', process: 'gateway', cpu_pct: 0 }]);
  assert.is(warningSeverity(idleProcessWarnings(reps)[0]), 'warning');
});

test('the embedded fdpass-conn gateway idles by design: its front is not flagged, its workers still are', () => {
  const reps = [1, 2, 3].flatMap((k) => [rep('fdpass-conn', k, { throughput_rps: 90000, gateway_cpu_pct: 0.2, workers_cpu_pct: 0.4 })]);
  assert.equal(idleProcessWarnings(reps, new Set(['fdpass-conn'])), [{ code: 'idle-process', variant: 'fdpass-conn', process: 'workers', cpu_pct: 0.4 }]);
  const m = manifestFor();
  m.config.variants[0] = { ...m.config.variants[0], source: 'fdpass-conn' };
  const gated = runGates(m, [1, 2, 3].map((k) => rep(m.config.variants[0].name, k, { throughput_rps: 90000, gateway_cpu_pct: 0, workers_cpu_pct: 95 })), DEFAULT_SETTINGS);
  assert.equal(gated.filter((x) => x.code === 'idle-process'), []);
});

test('load generator not monitored: a note, not a gate', () => {
  const m = manifestFor();
  for (const r of m.repetitions) delete r.pids.load;
  const w = runGates(m, [], DEFAULT_SETTINGS);
  assert.ok(w.some((x) => x.code === 'load-not-monitored'));
  assert.not.ok(w.some((x) => x.code === 'load-saturated'));
});

test('capacity drift: throughput spread beyond the CV threshold with a steady CPU cost per request is a note', () => {
  // the throughput and total CPU-us per request of the committed quiet run 2026-11-22T20-37-01Z (proxy):
  // the first repetitions ran at ~105k req/s, later ones at ~50k, at the same cost per request
  const proxy = [
    [105193.24, 9.14],
    [106292.68, 9.22],
    [50203.98, 9.27],
    [54830.25, 8.55],
    [48350.84, 9.51],
  ].map(([rps, cost], i) => rep('proxy', i + 1, { throughput_rps: rps, total_cpu_us_per_req: cost }));
  const notes = capacityDriftNotes(proxy, DEFAULT_SETTINGS);
  assert.is(notes.length, 1);
  const n = notes[0] as Extract<(typeof notes)[number], { code: 'capacity-drift' }>;
  assert.is(n.variant, 'proxy');
  // independently: Python statistics.stdev(x) / statistics.mean(x) * 100 gives 41.123 and 3.901
  assert.is(n.throughput_cv_pct.toFixed(3), '41.123');
  assert.is(n.cost_cv_pct.toFixed(3), '3.901');
  assert.ok(runGates(manifestFor(), proxy, DEFAULT_SETTINGS).some((w) => w.code === 'capacity-drift'));
  // the cost per request moving too (the work changed), a steady throughput, or fewer than 3 values: no note
  const costMoves = proxy.map((r, i) => rep('proxy', i + 1, { throughput_rps: r.metrics.throughput_rps, total_cpu_us_per_req: [9, 18, 9, 14, 9][i] }));
  assert.equal(capacityDriftNotes(costMoves, DEFAULT_SETTINGS), []);
  const steady = proxy.map((r, i) => rep('proxy', i + 1, { throughput_rps: 100000 + i * 1000, total_cpu_us_per_req: 9 }));
  assert.equal(capacityDriftNotes(steady, DEFAULT_SETTINGS), []);
  assert.equal(capacityDriftNotes(proxy.slice(0, 2), DEFAULT_SETTINGS), []);
  assert.equal(capacityDriftNotes([...proxy.slice(0, 2), rep('proxy', 3, { throughput_rps: 50000, total_cpu_us_per_req: 9 }, 'failed')], DEFAULT_SETTINGS), []);
});

test('load CPUs from the pinning list, else threads capped by CPUs', () => {
  assert.is(loadCpuCount('0,2-3', 2, 4), 3);
  assert.is(loadCpuCount('1', 8, 2), 1);
  assert.is(loadCpuCount(null, 4, 2), 2);
  assert.is(loadCpuCount(null, 1, 2), 1);
});

test('an untimed phase overlapping a timed one fails the gate', () => {
  const m = manifestFor();
  const r = m.repetitions[0];
  const strace = r.phases.find((p) => p.name === 'strace')!;
  const fixed = r.phases.find((p) => p.name === 'fixed-rate')!;
  strace.started_at = new Date(Date.parse(fixed.finished_at!) - 500).toISOString(); // 0.5 s before the fixed-rate phase ended
  const w = runGates(m, [], DEFAULT_SETTINGS).filter((x) => x.code === 'phase-overlap');
  assert.is(w.length, 1);
  assert.equal(w[0], {
    code: 'phase-overlap',
    variant: r.variant,
    repetition: 1,
    untimed_phase: `${r.variant}/rep-1/strace`,
    timed_phase: 'fixed-rate',
    overlap_s: 0.5,
  });
});

test('sequential phases do not overlap', () => {
  assert.not.ok(runGates(manifestFor(), [], DEFAULT_SETTINGS).some((x) => x.code === 'phase-overlap'));
});

test('fewer than 3 repetitions: no CI per variant, said once per variant; too few blocks: verdicts invalid', () => {
  const a = analyzeRun(syntheticRun({ id: 'two', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: 2 }), DEFAULT_SETTINGS, []);
  assert.equal(
    a.warnings.filter((w) => w.code === 'too-few-repetitions'),
    [
      { code: 'too-few-repetitions', variant: 'proxy', n: 2 },
      { code: 'too-few-repetitions', variant: 'fdpass', n: 2 },
    ],
  );
  const thr = a.comparisons.find((c) => c.metric === 'throughput_rps')!;
  assert.is(thr.verdict, 'invalid');
  assert.equal([thr.baseline.ci_low, thr.baseline.ci_high], [null, null]);
  assert.match(thr.reason!, /fewer than 3 repetitions of proxy \(n = 2\): no confidence interval/);
  assert.match(thr.reason!, /only 2 blocks with throughput_rps on both sides \(0 dropped; at least 6 are needed/);
});

test('high CV: a gate per metric and variant above the threshold', () => {
  assert.equal(summaryGates('proxy', 'throughput_rps', 5, 14.2, DEFAULT_SETTINGS), [{ code: 'high-cv', variant: 'proxy', metric: 'throughput_rps', cv_pct: 14.2, threshold_pct: 10 }]);
  assert.equal(summaryGates('proxy', 'throughput_rps', 5, 9.9, DEFAULT_SETTINGS), []);
  assert.equal(summaryGates('proxy', 'throughput_rps', 0, null, DEFAULT_SETTINGS), [{ code: 'no-data', metric: 'throughput_rps', variant: 'proxy' }]);
  // paired comparisons (one run): a variant's CV is a note, not a gate; a wide spread of block ratios is
  const noisy = analyzeRun(syntheticRun({ id: 'noisy', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: 10, noise: 0.3 }), DEFAULT_SETTINGS, []);
  assert.ok(noisy.comparisons.every((c) => !c.warnings.some((w) => w.code === 'high-cv')));
  assert.ok(noisy.comparisons.some((c) => c.warnings.some((w) => w.code === 'variant-cv' && w.severity === 'note')));
  // noise makes intervals wide, not verdicts invalid: only real validity failures are gates
  const invalid = noisy.comparisons.filter((c) => c.verdict === 'invalid');
  assert.ok(invalid.every((c) => c.warnings.some((w) => w.code === 'baseline-zero' || w.code === 'no-data')), JSON.stringify(invalid.map((c) => c.reason)));
  assert.ok(noisy.comparisons.filter((c) => c.verdict === 'no significant difference').length > 20);
});

test('different machines or configs are not comparable', () => {
  const a = { id: 'a', machine: { fingerprint: 'f1' }, config: { duration_s: 30, connections: 100, threads: 2, rate_rps: 2500, pinning: { sut_cpus: '0', load_cpus: '1' } } };
  const b = { id: 'b', machine: { fingerprint: 'f2' }, config: { ...a.config, connections: 50 } };
  assert.equal(runPairGates(a, b), [
    { code: 'machine-mismatch', baseline_fingerprint: 'f1', candidate_fingerprint: 'f2' },
    { code: 'config-mismatch', fields: 'connections 100 vs 50', baseline_run: 'a', candidate_run: 'b' },
  ]);
  assert.equal(runPairGates(a, { ...a, id: 'c' }), []);
});

test('a failed repetition is left out and said', () => {
  const w = runGates(manifestFor(), [rep('proxy', 3, { throughput_rps: 1 }, 'failed')], DEFAULT_SETTINGS);
  assert.ok(w.some((x) => x.code === 'repetition-failed' && x.variant === 'proxy' && x.repetition === 3));
});

test('a gate makes the verdict invalid with the reason, for the metrics it applies to only', () => {
  const input = syntheticRun({ id: 'gated', created_at: '2026-01-01T00:00:00Z', seed: 4, repetitions: 10, effects: { fdpass: { rps: 1.2 } } });
  const path = 'fdpass/rep-2/throughput.wrk.txt';
  const rec = structuredClone(input.files.get(path)!.record) as { errors: { non_2xx_3xx: number } };
  rec.errors.non_2xx_3xx = 7;
  input.files.set(path, { record: rec as never });
  const a = analyzeRun(input, DEFAULT_SETTINGS, []);
  const thr = a.comparisons.find((c) => c.metric === 'throughput_rps')!;
  assert.is(thr.verdict, 'invalid');
  assert.is(thr.reason, 'fdpass repetition 2 (throughput): 7 non-2xx/3xx responses and 0 socket errors: the measurement includes failures');
  assert.is.not(a.comparisons.find((c) => c.metric === 'cpu_pct_at_fixed_rate')!.verdict, 'invalid');
});

test.run();
