import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startGateway, type Gateway } from '../../hardening/lib/gateway-process.ts';
import { freePort } from '../../hardening/lib/free-port.ts';
import { startNginx, type Nginx } from '../../bench/lib/nginx.ts';
import { benchClientPath, runClient } from '../../bench/lib/bench-clients.ts';
import { parseBenchMemory } from '../../ingest/parsers/bench-memory.ts';
import { parseBenchThroughput } from '../../ingest/parsers/bench-throughput.ts';

const BIN = benchClientPath('bench-memory');
let nginx: Nginx;
let proxy: Gateway;

test.before(async () => {
  nginx = await startNginx({ kind: 'return200', port: await freePort() });
  proxy = await startGateway({ mode: 'proxy', workers: 2 });
});

test.after(async () => {
  await nginx?.stop();
  await proxy?.stop();
});

test('nginx over a --duration window: master and its one worker, sampled at the interval', async () => {
  const r = await runClient(BIN, ['-p', String(nginx.pids[0]), '-i', '50ms', '-d', '500ms']);
  assert.is(r.code, 0, r.stderr);
  const m = parseBenchMemory(r.stdout);
  assert.equal(m.pids, [nginx.pids[0]]);
  assert.is(m.processes.length, 2);
  assert.equal(m.processes.map((p) => p.role), ['root', 'child']);
  assert.is(m.processes[0].pid, nginx.pids[0]);
  assert.is(m.processes[1].ppid, nginx.pids[0]);
  assert.equal(m.processes.map((p) => p.comm), ['nginx', 'nginx']);
  assert.ok(m.processes.every((p) => p.rss_final_kb > 0 && p.alive));
  assert.is(m.rss_final_kb, m.processes[0].rss_final_kb + m.processes[1].rss_final_kb);
  assert.ok(m.samples >= 2);
});

test('--no-children: the root only', async () => {
  const r = await runClient(BIN, ['-p', String(nginx.pids[0]), '--no-children', '-d', '200ms']);
  assert.is(r.code, 0, r.stderr);
  assert.is(parseBenchMemory(r.stdout).processes.length, 1);
});

test('gateway under a load command: gateway + 2 workers, the command\'s exit and its summary kept apart', async () => {
  const load = [benchClientPath('bench-throughput'), '-d', '1s', '-c', '4', `http://127.0.0.1:${proxy.port}/api/hello`];
  const r = await runClient(BIN, ['-p', String(proxy.pid), '-w', '200ms', '--', ...load]);
  assert.is(r.code, 0, r.stderr);
  const m = parseBenchMemory(r.stdout);
  assert.is(m.processes_seen, 3);
  assert.equal(m.processes.map((p) => p.comm), ['gateway', 'gateway', 'gateway']);
  assert.is(m.command, load.join(' '));
  assert.is(m.command_exit, 0);
  // the load's own summary went to stderr, whole and parseable
  const t = parseBenchThroughput(r.stderr);
  assert.is(t.errors.total, 0);
  assert.ok(t.requests > 0);
});

test('errors: no such pid (exit 1), no window (exit 2)', async () => {
  const gone = await runClient(BIN, ['-p', '999999999', '-d', '1s']);
  assert.is(gone.code, 1);
  assert.is(gone.stderr, 'bench-memory: no process 999999999 (cannot read /proc/999999999/stat: No such file or directory)\n');
  const nowin = await runClient(BIN, ['-p', String(nginx.pids[0])]);
  assert.is(nowin.code, 2);
  assert.is(nowin.stderr, 'bench-memory: missing --duration D or a load command after -- (e.g. -- wrk -d10s URL)\n');
});

test.run();
