import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type Gateway } from '../../hardening/lib/gateway-process.ts';
import { freePort } from '../../hardening/lib/free-port.ts';
import { startNginx, type Nginx } from '../../bench/lib/nginx.ts';
import { benchClientPath, runClient } from '../../bench/lib/bench-clients.ts';
import { parseBenchCpu } from '../../ingest/parsers/bench-cpu.ts';
import { parseBenchThroughput } from '../../ingest/parsers/bench-throughput.ts';
import { parseWrk } from '../../ingest/parsers/wrk.ts';

const BIN = benchClientPath('bench-cpu');
let nginx: Nginx;
let fdpass: Gateway;
let dir: string;

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatebench-bench-cpu-'));
  nginx = await startNginx({ kind: 'return200', port: await freePort() });
  fdpass = await startGateway({ mode: 'fdpass', workers: 2 });
});

test.after(async () => {
  await nginx?.stop();
  await fdpass?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('nginx under bench-throughput: the request count is the load\'s own, totals are the sum of processes', async () => {
  const out = join(dir, 'load.txt');
  const load = [benchClientPath('bench-throughput'), '-d', '1s', '-c', '4', `http://127.0.0.1:${nginx.port}/api/hello`];
  const r = await runClient(BIN, ['-p', String(nginx.pids[0]), '--load-output', out, '--', ...load]);
  assert.is(r.code, 0, r.stderr);
  const c = parseBenchCpu(r.stdout);
  const t = parseBenchThroughput(readFileSync(out, 'utf8'));
  assert.is(c.requests, t.requests);
  assert.is(c.processes.length, 2);
  assert.is(c.total_cpu_us, c.processes.reduce((s, p) => s + p.cpu_us, 0));
  assert.is(c.total_cpu_us, c.total_utime_us + c.total_stime_us);
  assert.ok(c.processes.every((p) => p.cpu_us % c.clock_tick_us === 0), 'whole clock ticks');
  assert.ok(Math.abs(c.total_cpu_us_per_req! - c.total_cpu_us / t.requests) <= 0.0005, 'printed to 3 decimals');
  assert.is(c.command_exit, 0);
});

test('gateway fdpass under wrk: wrk\'s request count, gateway + 2 workers', async () => {
  const out = join(dir, 'wrk.txt');
  const r = await runClient(BIN, ['-p', String(fdpass.pid), '--load-output', out, '--', 'wrk', '-t1', '-c4', '-d1s', `http://127.0.0.1:${fdpass.port}/api/hello`]);
  assert.is(r.code, 0, r.stderr);
  const c = parseBenchCpu(r.stdout);
  const w = parseWrk(readFileSync(out, 'utf8'));
  assert.is(c.requests, w.requests);
  assert.equal(c.processes.map((p) => p.role), ['root', 'child', 'child']);
  assert.is(c.processes[0].pid, fdpass.pid);
  assert.ok(c.processes.slice(1).every((p) => p.ppid === fdpass.pid));
});

test('--requests-from a saved summary, and --requests', async () => {
  const saved = join(dir, 'tp.txt');
  const tp = await runClient(benchClientPath('bench-throughput'), ['-d', '300ms', '-c', '2', `http://127.0.0.1:${nginx.port}/`]);
  assert.is(tp.code, 0, tp.stderr);
  writeFileSync(saved, tp.stdout);
  const a = parseBenchCpu((await runClient(BIN, ['-p', String(nginx.pids[0]), '-d', '200ms', '--requests-from', saved])).stdout);
  assert.is(a.requests, parseBenchThroughput(tp.stdout).requests);
  const b = parseBenchCpu((await runClient(BIN, ['-p', String(nginx.pids[0]), '-d', '200ms', '--requests', '1234'])).stdout);
  assert.is(b.requests, 1234);
  const none = parseBenchCpu((await runClient(BIN, ['-p', String(nginx.pids[0]), '-d', '200ms'])).stdout);
  assert.is(none.requests, null);
  assert.is(none.total_cpu_us_per_req, null);
});

test('errors: a load command that does not exist, both a window and a command', async () => {
  const missing = await runClient(BIN, ['-p', String(nginx.pids[0]), '--', 'no-such-load-tool']);
  assert.is(missing.code, 1);
  assert.is(missing.stderr, 'bench-cpu: cannot run no-such-load-tool: No such file or directory\n');
  const both = await runClient(BIN, ['-p', String(nginx.pids[0]), '-d', '1s', '--', 'true']);
  assert.is(both.code, 2);
  assert.is(both.stderr, "bench-cpu: give either --duration or a load command after --, not both: the command's lifetime is the window\n");
});

test.run();
