import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type Gateway } from '../../hardening/lib/gateway-process.ts';
import { freePort } from '../../hardening/lib/free-port.ts';
import { startNginx, type Nginx } from '../../bench/lib/nginx.ts';
import { benchClientPath, runClient } from '../../bench/lib/bench-clients.ts';
import { parseBenchLatency } from '../../ingest/parsers/bench-latency.ts';
import { parseBenchLatencies } from '../../ingest/parsers/bench-latencies.ts';

const BIN = benchClientPath('bench-latency');
let nginx: Nginx;
let fdpass: Gateway;
let dir: string;

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatebench-bench-latency-'));
  nginx = await startNginx({ kind: 'return200', port: await freePort() });
  fdpass = await startGateway({ mode: 'fdpass', workers: 1 });
});

test.after(async () => {
  await nginx?.stop();
  await fdpass?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** nearest rank, as the client computes it */
function rank(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length - 1e-9) - 1)];
}

test('500 req/s for 1 s on nginx: the schedule, the raw file and the percentiles agree', async () => {
  const file = join(dir, 'nginx.txt');
  const r = await runClient(BIN, ['-R', '500', '-c', '5', '-d', '1s', '--latencies', file, `http://127.0.0.1:${nginx.port}/api/hello`]);
  assert.is(r.code, 0, r.stderr);
  const s = parseBenchLatency(r.stdout);
  // the schedule is fixed in advance: 500 requests fall due in a 1 s window, sent or not
  assert.is(s.requests_sent + s.requests_unsent, 500);
  assert.is(s.errors.total, 0);
  assert.is(s.requests, s.requests_sent);
  const raw = parseBenchLatencies(readFileSync(file, 'utf8'));
  assert.is(raw.count, s.requests);
  const sorted = [...raw.latencies_us].sort((a, b) => a - b);
  assert.is(rank(sorted, 50), s.latency_us.p50);
  assert.is(rank(sorted, 99), s.latency_us.p99);
  assert.is(sorted[sorted.length - 1], s.latency_us.max);
  assert.ok(s.latency_us.p50 <= s.latency_us.p99 && s.latency_us.p99 <= s.latency_us.max);
  assert.is(s.rate_target_per_s, 500);
  assert.is(s.rate_achieved_per_s, s.requests / s.duration_s);
});

test('Connection: close on nginx: each request pays its connect, still no errors', async () => {
  const r = await runClient(BIN, ['-R', '200', '-c', '4', '-d', '1s', '--close', `http://127.0.0.1:${nginx.port}/api/hello`]);
  assert.is(r.code, 0, r.stderr);
  const s = parseBenchLatency(r.stdout);
  assert.is(s.keepalive, false);
  assert.is(s.requests_sent + s.requests_unsent, 200);
  assert.is(s.errors.total, 0);
});

test('gateway fdpass: a fixed rate of hello with no errors', async () => {
  const file = join(dir, 'gw.txt');
  const r = await runClient(BIN, ['-R', '1000', '-c', '10', '-d', '1s', '--latencies', file, `http://127.0.0.1:${fdpass.port}/api/hello`]);
  assert.is(r.code, 0, r.stderr);
  const s = parseBenchLatency(r.stdout);
  assert.is(s.requests_sent + s.requests_unsent, 1000);
  assert.is(s.errors.total, 0);
  assert.is(parseBenchLatencies(readFileSync(file, 'utf8')).count, s.requests);
});

test('a closed port: one line, exit 1; a missing rate: exit 2', async () => {
  const port = await freePort();
  const r = await runClient(BIN, ['-R', '10', '-d', '1s', `http://127.0.0.1:${port}/`]);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.is(r.stderr, `bench-latency: cannot connect to 127.0.0.1:${port}: Connection refused\n`);
  const u = await runClient(BIN, [`http://127.0.0.1:${port}/`]);
  assert.is(u.code, 2);
  assert.is(u.stderr, 'bench-latency: missing --rate (-R): the fixed request rate, e.g. -R 2500\n');
  const bad = await runClient(BIN, ['-R', 'fast', `http://127.0.0.1:${port}/`]);
  assert.is(bad.code, 2);
  assert.is(bad.stderr, "bench-latency: invalid --rate 'fast': expected requests per second, e.g. 2500\n");
});

test.run();
