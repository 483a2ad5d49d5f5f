import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendantPids, isAlive, portInUse, probeHttp, sleep, Supervisor, waitReady } from '../../../ingest/collect/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'gb-proc-'));

async function until(cond: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(20);
  }
  return cond();
}

test('stop ends the child and everything it forked (process group)', async () => {
  const sup = new Supervisor();
  const c = sup.start(['sh', '-c', 'sleep 300 & sleep 300 & wait'], { role: 'gateway' });
  assert.ok(await until(() => descendantPids(c.pid).length === 2), 'two grandchildren started');
  const kids = descendantPids(c.pid);
  const exit = await sup.stop(c);
  assert.is(exit.signal, 'SIGTERM');
  assert.ok(await until(() => kids.every((k) => !isAlive(k))), `left running: ${kids.filter(isAlive)}`);
  assert.is(sup.running.length, 0);
});

test('a child that ignores SIGTERM is killed after the grace period', async () => {
  const sup = new Supervisor();
  const c = sup.start(['sh', '-c', "trap '' TERM; echo armed; while :; do sleep 0.05; done"], { role: 'stubborn', stdout: join(dir, 'stubborn.txt') });
  assert.ok(await until(() => readFileSync(join(dir, 'stubborn.txt'), 'utf8').includes('armed')));
  const exit = await sup.stop(c, { graceMs: 200 });
  assert.is(exit.signal, 'SIGKILL');
  assert.is(c.exit?.signal, 'SIGKILL');
});

test('stdout and stderr go to files; a missing program is an exit with a reason, not a crash', async () => {
  const sup = new Supervisor();
  const ok = sup.start(['sh', '-c', 'echo out; echo err >&2; exit 4'], { role: 't', stdout: join(dir, 'o.txt'), stderr: join(dir, 'e.txt') });
  assert.equal(await ok.exited, { code: 4, signal: null });
  assert.is(readFileSync(join(dir, 'o.txt'), 'utf8'), 'out\n');
  assert.is(readFileSync(join(dir, 'e.txt'), 'utf8'), 'err\n');
  const missing = sup.start(['/nonexistent/gateway'], { role: 'gateway', stderr: join(dir, 'm.txt') });
  const exit = await missing.exited;
  assert.is(exit.code, 127);
  assert.is(exit.error, 'cannot start /nonexistent/gateway: ENOENT');
  assert.is(readFileSync(join(dir, 'm.txt'), 'utf8'), 'cannot start /nonexistent/gateway: ENOENT\n');
});

test('stopAll stops every running child', async () => {
  const sup = new Supervisor();
  const a = sup.start(['sleep', '300'], { role: 'a' });
  const b = sup.start(['sleep', '300'], { role: 'b' });
  assert.is(sup.running.length, 2);
  await sup.stopAll();
  assert.is(sup.running.length, 0);
  assert.ok(!isAlive(a.pid) && !isAlive(b.pid));
});

test('waitReady fails early when the process exits, and says how', async () => {
  const sup = new Supervisor();
  const c = sup.start(['sh', '-c', 'exit 3'], { role: 'gateway' });
  try {
    await waitReady('http://127.0.0.1:1/', c, 10_000);
    assert.unreachable();
  } catch (e) {
    assert.is((e as Error).message, 'gateway exited with code 3 before answering http://127.0.0.1:1/');
  }
});

test('waitReady and probeHttp see an HTTP answer (any status below 500)', async () => {
  const srv = createHttpServer((_q, r) => r.writeHead(404).end());
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  assert.is(await probeHttp(`http://127.0.0.1:${port}/x`), 404);
  const sup = new Supervisor();
  const c = sup.start(['sleep', '30'], { role: 'gateway' });
  await waitReady(`http://127.0.0.1:${port}/x`, c, 5000);
  await sup.stop(c);
  srv.close();
  assert.is(await probeHttp(`http://127.0.0.1:${port}/x`), null);
});

test('portInUse', async () => {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  assert.is(await portInUse('127.0.0.1', port), true);
  await new Promise<void>((r) => srv.close(() => r()));
  assert.is(await portInUse('127.0.0.1', port), false);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
