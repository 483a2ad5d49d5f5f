import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { breakEven, checkGoals, humanBytes, median, renderTable, summarize, totalCpu, unsaturated, cpuCapacity, type NativeRun, type ServerSummary } from '../../../bench/lib/bench-native-report.ts';

function run(server: string, round: number, rps: number, over: Partial<NativeRun> = {}): NativeRun {
  return {
    server, round, requests: rps * 10, requests_per_s: rps, latency_p99_ms: 1, errors: 0,
    front_cpu_us_per_req: 10, rest_cpu_us_per_req: 2, server_cpu_pct: 95, front_rss_peak_kb: 2000, total_rss_peak_kb: 4000, ...over,
  };
}

function summary(server: string, rps: number, cpu: number | null, rss: number | null, rest: number | null = null): ServerSummary {
  return {
    server, rounds: 2, requests_per_s: rps, requests_per_s_min: rps, requests_per_s_max: rps, latency_p99_ms: 1, errors: 0,
    front_cpu_us_per_req: cpu, rest_cpu_us_per_req: rest, server_cpu_pct: null, front_rss_peak_kb: rss, total_rss_peak_kb: rss,
  };
}

test('median of odd, even and empty sets', () => {
  assert.is(median([3, 1, 2]), 2);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.is(median([]), null);
});

test('summarize: medians per server, range, summed errors, largest RSS', () => {
  const s = summarize([
    run('a', 1, 100, { errors: 1, front_rss_peak_kb: 1900 }),
    run('b', 1, 50),
    run('a', 2, 120, { errors: 2, front_cpu_us_per_req: 14, front_rss_peak_kb: 2100 }),
    run('b', 2, 70, { latency_p99_ms: null }),
  ]);
  assert.equal(s.map((x) => x.server), ['a', 'b']);
  assert.is(s[0].requests_per_s, 110);
  assert.is(s[0].requests_per_s_min, 100);
  assert.is(s[0].requests_per_s_max, 120);
  assert.is(s[0].errors, 3);
  assert.is(s[0].front_cpu_us_per_req, 12);
  assert.is(s[0].front_rss_peak_kb, 2100);
  assert.is(s[1].latency_p99_ms, 1);
});

test('checkGoals: the four goals of issue 3 with their bounds', () => {
  const goals = checkGoals({
    a: summary('a', 100000, 10, 12000, 0),
    b: summary('b', 40000, 30, 25000, 10),
    proxy: summary('proxy', 39000, 10, 2200, 2),
    fdpass: summary('fdpass', 50000, 6, 11000, 14),
  });
  assert.equal(goals.map((g) => [g.measured, g.pass]), [
    ['0.50x', true],
    ['0.97x', false],
    ['0.50x', true],
    ['3.33x', true],
    ['10.7 MB', false],
    ['0.60x', true],
  ]);
});

test('checkGoals: an unmeasured input is neither pass nor fail', () => {
  const goals = checkGoals({ a: summary('a', 0, null, null), b: summary('b', 1, null, null), proxy: summary('p', 1, null, null), fdpass: summary('f', 1, null, null) });
  assert.equal(goals.map((g) => g.pass), [null, true, null, null, null, null]);
  assert.is(goals[4].measured, 'n/a');
});

test('breakEven: the smallest size from which fdpass wins at every larger size', () => {
  assert.is(breakEven([{ size_bytes: 16, ratio: 1.2 }, { size_bytes: 4096, ratio: 0.9 }, { size_bytes: 65536, ratio: 1.1 }, { size_bytes: 1 << 20, ratio: 1.5 }]), 65536);
  assert.is(breakEven([{ size_bytes: 16, ratio: 1.2 }, { size_bytes: 4096, ratio: 0.9 }]), null);
  assert.is(breakEven([{ size_bytes: 4096, ratio: 1 }, { size_bytes: 16, ratio: 1.01 }]), 16);
});

test('cpuCapacity: one core divided by the CPU per request', () => {
  assert.is(cpuCapacity({ front_cpu_us_per_req: 4, rest_cpu_us_per_req: 6 }), 100000);
  assert.is(cpuCapacity({ front_cpu_us_per_req: 4, rest_cpu_us_per_req: null }), null);
  assert.is(cpuCapacity({ front_cpu_us_per_req: 0, rest_cpu_us_per_req: 0 }), null);
});

test('totalCpu: front + rest, unknown when either is', () => {
  assert.is(totalCpu({ front_cpu_us_per_req: 5.25, rest_cpu_us_per_req: 8.75 }), 14);
  assert.is(totalCpu({ front_cpu_us_per_req: 5.25, rest_cpu_us_per_req: null }), null);
});

test('unsaturated: servers whose median CPU stayed below the threshold', () => {
  const s = summarize([run('a', 1, 100, { server_cpu_pct: 19 }), run('a', 2, 100, { server_cpu_pct: 21 }), run('b', 1, 50, { server_cpu_pct: 97 })]);
  assert.equal(unsaturated(s), [{ server: 'a', cpu_pct: 20 }]);
  assert.equal(unsaturated(s, 10), []);
});

test('humanBytes and renderTable', () => {
  assert.is(humanBytes(16), '16 B');
  assert.is(humanBytes(65536), '64 KiB');
  assert.is(humanBytes(1048576), '1 MiB');
  assert.is(humanBytes(1500), '1500 B');
  assert.is(renderTable(['server', 'req/s'], [['a', '100'], ['bb', '5']]), 'server  req/s\n------  -----\na         100\nbb          5');
});

test.run();
