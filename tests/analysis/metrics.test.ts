import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { legacyToPidstat, processSeries, repetitionMetrics } from '../../analysis/metrics/metrics.ts';
import { fixtureInput } from './fixture.ts';

// Expected values computed by hand (and with python3's statistics module) from the raw files of
// tests/fixtures/analysis/runs/2026-11-22T19-15-00Z-nginx/proxy/rep-1: pidstat rows of pid 2072 (gateway:
// %CPU 25, 28, 27; %usr 3, 4, 4; %system 22, 24, 23; cswch/s 507, 494, 495; nvcswch/s 4589, 5537, 5753),
// pid 2069 (worker: %CPU 12, 14, 12), wrk (24192 requests in 3.05s, 7934.38 req/s, p99 19.99ms), perf stat
// (794.29 msec task-clock), strace (62909 calls; 3461 requests in the strace phase), bench-latency (p99 47631 us).
const close = (a: number | null | undefined, b: number, eps = 1e-9) => assert.ok(a !== null && a !== undefined && Math.abs(a - b) < eps, `${a} != ${b}`);

test('throughput-phase metrics of proxy rep 1', async () => {
  const input = await fixtureInput();
  const rep = input.manifest!.repetitions.find((r) => r.variant === 'proxy' && r.repetition === 1)!;
  const { result } = repetitionMetrics(rep, input.files);
  const m = result.metrics;
  assert.is(m.throughput_rps, 7934.38);
  assert.is(m.latency_p50_ms, 1.82);
  assert.is(m.latency_p99_ms, 19.99);
  assert.is(m.non_2xx_responses, 0);
  assert.is(m.socket_errors, 0);
  close(m.gateway_cpu_pct, 80 / 3);
  assert.is(m.gateway_cpu_peak_pct, 28);
  close(m.gateway_usr_cpu_pct, 11 / 3);
  assert.is(m.gateway_sys_cpu_pct, 23);
  close(m.gateway_sys_share_pct, 86.25);
  close(m.gateway_cswch_per_s, 1496 / 3);
  assert.is(m.gateway_rss_peak_kb, 7308);
  assert.is(m.gateway_rss_growth_kb, 0);
  close(m.workers_cpu_pct, 38 / 3);
  close(m.load_cpu_pct, 37 / 3);
  close(m.gateway_cpu_us_per_req, 33.61992945326279);
  close(m.total_cpu_us_per_req, 49.589395943562614);
  close(m.gateway_cswch_per_req, 0.7301828428130511);
  close(m.total_cswch_per_req, 1.4372099592151677);
  close(m.gateway_task_clock_us_per_req, 32.832754629629626);
  close(m.gateway_cpu_share_pct, (80 / 3 / (80 / 3 + 38 / 3)) * 100);
  close(m.syscalls_per_req, 18.17653857266686);
  assert.equal(result.errors, []);
});

test('a front of several processes (pids.front) is summed: the gateway figures are theirs together', async () => {
  const input = await fixtureInput();
  const rep = input.manifest!.repetitions.find((r) => r.variant === 'proxy' && r.repetition === 1)!;
  // the same raw files, with the gateway (2072) and the worker (2069) both recorded as the front
  const both = { ...rep, pids: { ...rep.pids, gateway: 2069, front: [2069, 2072], workers: [] } };
  const m = repetitionMetrics(both, input.files).result.metrics;
  close(m.gateway_cpu_pct, 80 / 3 + 38 / 3);
  assert.is(m.workers_cpu_pct, undefined);
  close(m.total_cpu_us_per_req, 49.589395943562614, 1e-9);
  close(m.cpu_pct_at_fixed_rate, 37 / 3 + 13 / 3);
  // pids.front wins over pids.gateway: a front that is only the worker
  const worker = repetitionMetrics({ ...rep, pids: { ...rep.pids, gateway: 2069, front: [2069], workers: [] } }, input.files).result.metrics;
  close(worker.gateway_cpu_pct, 38 / 3);
});

test('fixed-rate metrics and the open-loop spectrum of proxy rep 1', async () => {
  const input = await fixtureInput();
  const rep = input.manifest!.repetitions.find((r) => r.variant === 'proxy' && r.repetition === 1)!;
  const { result, latencies_us } = repetitionMetrics(rep, input.files);
  const m = result.metrics;
  close(m.cpu_pct_at_fixed_rate, 37 / 3);
  close(m.total_cpu_pct_at_fixed_rate, 37 / 3 + 13 / 3);
  assert.is(m.openloop_latency_p99_ms, 47.631);
  assert.is(m.openloop_latency_p999_ms, 65.542);
  assert.is(m.openloop_errors, 0);
  assert.is(m.fixed_rate_achieved_rps, 2000);
  // the fixture's bench-latency predates its cpu_s line: the client's own CPU is unknown, not zero
  assert.is(m.load_cpu_pct_at_fixed_rate, null);
  // CPU per request at the fixed rate: pidstat's mean %CPU over the open-loop client's achieved 2,000 req/s
  close(m.gateway_cpu_us_per_req_at_fixed_rate, ((37 / 3 / 100) * 1e6) / 2000); // 61.7 us
  close(m.total_cpu_us_per_req_at_fixed_rate, (((37 / 3 + 13 / 3) / 100) * 1e6) / 2000); // 83.3 us
  assert.is(latencies_us!.length, 6000);
  const p = (q: number) => result.open_loop_spectrum.find((x) => x.percentile === q)!.latency_ms;
  close(p(50), 2.6315); // type-7 percentile of the 6000 raw latencies (python3)
  close(p(99), 47.63314, 1e-6);
  close(p(100), 68.74);
});

test('series: one per monitored process and timed phase, with times from 0', async () => {
  const input = await fixtureInput();
  const rep = input.manifest!.repetitions.find((r) => r.variant === 'proxy' && r.repetition === 1)!;
  const { result } = repetitionMetrics(rep, input.files);
  assert.equal(
    result.series.map((s) => [s.phase, s.process, s.pid, s.samples.length]),
    [
      ['throughput', 'gateway', 2072, 3],
      ['throughput', 'worker', 2069, 3],
      ['throughput', 'load', 2096, 3],
      ['fixed-rate', 'gateway', 2072, 3],
      ['fixed-rate', 'worker', 2069, 3],
    ],
  );
  const gw = result.series[0].samples;
  assert.equal(gw.map((s) => s.t_s), [0, 1, 2]);
  assert.equal(gw[0], { t_s: 0, usr_pct: 3, system_pct: 22, cpu_pct: 25, rss_kb: 7308, cswch_per_s: 507, nvcswch_per_s: 4589 });
  const worker = result.process_stats!.find((p) => p.phase === 'throughput' && p.process === 'worker')!;
  assert.equal([worker.pid, worker.samples, worker.cpu_peak_pct, worker.rss_peak_kb], [2069, 3, 14, 7104]);
  assert.ok(Math.abs(worker.cpu_pct! - 38 / 3) < 1e-9);
  assert.equal([result.syscalls[0].name, result.syscalls[0].calls, result.syscalls[1].name], ['recvfrom', 10389, 'writev']); // ordered by calls
});

test('a variant without workers has no worker metrics and total = gateway', async () => {
  const input = await fixtureInput();
  const rep = input.manifest!.repetitions.find((r) => r.variant === 'direct' && r.repetition === 1)!;
  const m = repetitionMetrics(rep, input.files).result.metrics;
  assert.is(m.workers_cpu_pct, undefined);
  close(m.total_cpu_us_per_req, m.gateway_cpu_us_per_req!);
});

test('a file that fails to parse is reported with file and reason; the rest is still measured', async () => {
  const input = await fixtureInput();
  const rep = input.manifest!.repetitions.find((r) => r.variant === 'proxy' && r.repetition === 2)!;
  const files = new Map(input.files);
  const wrkPath = rep.phases.find((p) => p.name === 'throughput')!.files.find((f) => f.role === 'wrk')!.path;
  files.set(wrkPath, { error: { file: wrkPath, line: 7, reason: 'expected "Requests/sec:"' } });
  const { result } = repetitionMetrics(rep, files);
  assert.equal(result.errors, [{ file: wrkPath, line: 7, reason: 'expected "Requests/sec:"' }]);
  assert.is(result.metrics.throughput_rps, undefined);
  assert.is(result.metrics.gateway_cpu_us_per_req, undefined);
  assert.ok(typeof result.metrics.gateway_cpu_pct === 'number');
});

test('a file of the wrong format is an error naming both formats', async () => {
  const input = await fixtureInput();
  const rep = input.manifest!.repetitions[0];
  const files = new Map(input.files);
  const pidPath = rep.phases.find((p) => p.name === 'throughput')!.files.find((f) => f.role === 'pidstat')!.path;
  files.set(pidPath, { record: { format: 'wrk' } });
  const { result } = repetitionMetrics(rep, files);
  assert.equal(result.errors, [{ file: pidPath, line: null, reason: 'expected pidstat output for role pidstat, found wrk' }]);
});

test('processSeries ignores processes that are not monitored', () => {
  const s = processSeries(
    'throughput',
    {
      format: 'pidstat',
      samples: [
        { pid: 1, elapsed_s: 0, usr_pct: 1, system_pct: 2, cpu_pct: 3, rss_kb: 4, cswch_per_s: 5, nvcswch_per_s: 6 },
        { pid: 99, elapsed_s: 0, usr_pct: 1, system_pct: 2, cpu_pct: 3, rss_kb: 4, cswch_per_s: 5, nvcswch_per_s: 6 },
      ],
    },
    { gateway: 1, workers: [] },
  );
  assert.equal(s.map((x) => [x.process, x.pid]), [['gateway', 1]]);
});

test('legacy CSV samples become pidstat samples (MiB -> kB, time from the timestamp)', () => {
  const p = legacyToPidstat({
    format: 'legacy-csv',
    samples: [{ timestamp: '2026-11-22 19:01:16', pid: 7, cpu_percent: 12, user_cpu: 2, sys_cpu: 10, memory_mb: 2.5, voluntary_switches: 100, nonvoluntary_switches: 3 }],
  });
  assert.equal(p.samples[0], { pid: 7, command: null, epoch_s: Date.UTC(2026, 10, 22, 19, 1, 16) / 1000, usr_pct: 2, system_pct: 10, cpu_pct: 12, rss_kb: 2560, cswch_per_s: 100, nvcswch_per_s: 3 });
});

test.run();
