import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseBenchCpu } from '../../../ingest/parsers/bench-cpu.ts';
import { detectFormat } from '../../../ingest/detect.ts';
import { ParseError } from '../../../ingest/parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8');

test('gateway under wrk: request count read from wrk, CPU per process and per request', () => {
  const r = parseBenchCpu(fixture('cpu-gateway-wrk.txt'));
  assert.is(r.format, 'bench-cpu');
  assert.is(r.requests, 92438);
  assert.is(r.clock_tick_us, 10000);
  assert.is(r.duration_s, 2.1);
  assert.is(r.processes.length, 3);
  assert.equal(r.processes[0], {
    pid: 17917, ppid: 1, role: 'root', comm: 'gateway', utime_us: 20000, stime_us: 1030000, cpu_us: 1050000, cpu_pct: 49.99,
    cpu_us_per_req: 11.359, waited_children_cpu_us: 0, alive: true,
  });
  assert.is(r.total_cpu_us, 1500000);
  assert.is(r.total_cpu_us, r.processes.reduce((s, p) => s + p.cpu_us, 0));
  assert.is(r.total_cpu_us_per_req, 16.227);
  assert.is(r.command, 'wrk -t2 -c20 -d2s http://127.0.0.1:18993/api/hello');
});

test('nginx under bench-throughput: request count read from its summary', () => {
  const r = parseBenchCpu(fixture('cpu-nginx-throughput.txt'));
  assert.is(r.requests, 81245);
  assert.is(r.total_cpu_us, 730000);
  assert.is(r.total_cpu_pct, 34.74);
  assert.is(r.processes[1].cpu_us_per_req, 8.985);
});

test('--requests-from an idle window: per-request fields present, all zero', () => {
  const r = parseBenchCpu(fixture('cpu-gateway-requests-from.txt'));
  assert.is(r.requests, 24189);
  assert.is(r.total_cpu_us_per_req, 0);
});

test('no request count: per-request fields are null', () => {
  const r = parseBenchCpu(fixture('cpu-nginx-idle.txt'));
  assert.is(r.requests, null);
  assert.is(r.total_cpu_us_per_req, null);
  assert.equal(r.processes.map((p) => p.cpu_us_per_req), [null, null]);
  assert.is(detectFormat(fixture('cpu-nginx-idle.txt')).name, 'bench-cpu');
});

test('requests without the per-request total is inconsistent', () => {
  const text = fixture('cpu-gateway-wrk.txt').replace(/^total_cpu_us_per_req: .*\n/m, '');
  try {
    parseBenchCpu(text);
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, ParseError);
    assert.is((e as ParseError).reason, 'bench-cpu summary has "requests" without "total_cpu_us_per_req" or the reverse');
  }
});

test.run();
