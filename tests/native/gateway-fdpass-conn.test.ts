// Integration tests of native/build/gateway in fdpass-conn mode: the shared cases (gateway-cases.ts),
// then what only this mode does: a connection stays with one worker for its life, new connections go
// to the worker with the fewest, a slow worker holds its clients, the worker timeout still applies to
// requests the gateway never sees, and a worker is not handed more connections than its descriptors allow.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { registerGatewayCases, testRoutesFile } from './gateway-cases.ts';
import { startGateway } from '../../hardening/lib/gateway-process.ts';
import { RawConnection, httpRequest, request } from '../../hardening/lib/raw-http.ts';
import { isAlive } from '../../ingest/collect/processes.ts';
import { countFds, workerPids } from '../../hardening/lib/proc-status.ts';
import { waitFor } from '../../hardening/lib/wait-for.ts';

registerGatewayCases(test, 'fdpass-conn');

/** Workers of the gateway sleeping in the slow handler (clock_nanosleep/nanosleep: 230/35 on x86-64, 115/101 on arm64). */
function sleeping(gatewayPid: number): number[] {
  return workerPids(gatewayPid).filter((w) => {
    try {
      return /^(230|35|115|101) /.test(readFileSync(`/proc/${w}/syscall`, 'utf8'));
    } catch {
      return false;
    }
  });
}

/** Sends a slow request on c and resolves with the worker that sleeps in it, once it does. */
async function slowOn(gatewayPid: number, c: RawConnection, ms: number, busy: number[] = []): Promise<number> {
  c.write(httpRequest('GET', `/api/slow?ms=${ms}`));
  const [w] = await waitFor(() => {
    const s = sleeping(gatewayPid).filter((p) => !busy.includes(p));
    return s.length === 1 ? s : null;
  }, `a worker sleeping for the request (besides ${busy.join(', ') || 'none'})`);
  return w!;
}

test('fdpass-conn: a connection stays with its worker; each new one goes to the worker holding the fewest', async () => {
  const g = await startGateway({ mode: 'fdpass-conn', workers: 2, routes: testRoutesFile() });
  const conns: RawConnection[] = [];
  try {
    const open = async () => {
      const c = await RawConnection.open(g.port);
      conns.push(c);
      return c;
    };
    const k1 = await open();
    const a = await slowOn(g.pid, k1, 300);
    assert.is((await k1.read(1))[0].status, 200);
    // A holds K1, B nothing: K2 goes to B.
    const k2 = await open();
    const b = await slowOn(g.pid, k2, 300);
    assert.is.not(b, a);
    assert.is((await k2.read(1))[0].status, 200);
    // K1 and K2 come back to their own workers, whoever is busy.
    assert.is(await slowOn(g.pid, k1, 300), a);
    assert.is(await slowOn(g.pid, k2, 300, [a]), b);
    assert.is((await k1.read(1))[0].status, 200);
    assert.is((await k2.read(1))[0].status, 200);
    // One each: K3 goes to either; K4 to the other one.
    const k3 = await open();
    const w3 = await slowOn(g.pid, k3, 300);
    assert.is((await k3.read(1))[0].status, 200);
    const k4 = await open();
    const w4 = await slowOn(g.pid, k4, 300);
    assert.is((await k4.read(1))[0].status, 200);
    assert.equal([w3, w4].sort(), [a, b].sort());
  } finally {
    for (const c of conns) c.close();
    assert.is((await g.stop()).code, 0);
  }
});

test('fdpass-conn: a slow worker holds its clients (a request on a connection it keeps waits for it)', async () => {
  const g = await startGateway({ mode: 'fdpass-conn', workers: 2, routes: testRoutesFile() });
  const k1 = await RawConnection.open(g.port);
  const k2 = await RawConnection.open(g.port);
  const k3 = await RawConnection.open(g.port);
  try {
    const a = await slowOn(g.pid, k1, 200);
    assert.is((await k1.read(1))[0].status, 200);
    const b = await slowOn(g.pid, k2, 200, [a]);
    assert.is((await k2.read(1))[0].status, 200);
    const w3 = await slowOn(g.pid, k3, 200);
    assert.is((await k3.read(1))[0].status, 200);
    // K1 keeps its worker busy; a hello from the connection that shares it comes after,
    // while the other worker is idle.
    const [busy, shares] = w3 === a ? [k1, k3] : [k2, k3];
    const order: string[] = [];
    busy.write(httpRequest('GET', '/api/slow?ms=1500'));
    await waitFor(() => sleeping(g.pid).includes(w3), 'the shared worker inside the slow handler');
    shares.write(httpRequest('GET', '/api/hello'));
    await Promise.all([
      busy.read(1, 30000).then(() => order.push('slow')),
      shares.read(1, 30000).then(() => order.push('hello')),
    ]);
    assert.equal(order, ['slow', 'hello']);
    assert.ok([a, b].includes(w3));
  } finally {
    k1.close();
    k2.close();
    k3.close();
    assert.is((await g.stop()).code, 0);
  }
});

test('fdpass-conn: a function that hangs on a kept connection is stopped by the worker timeout', async () => {
  const g = await startGateway({ mode: 'fdpass-conn', workers: 1, routes: testRoutesFile(), extraArgs: ['--worker-timeout', '1'] });
  const c = await RawConnection.open(g.port);
  try {
    const [w] = workerPids(g.pid);
    c.write(httpRequest('GET', '/api/hello'));
    assert.is((await c.read(1))[0].status, 200);
    // The gateway never sees this request: only the worker's watch word tells it the function runs.
    c.write(httpRequest('GET', '/api/slow?ms=60000'));
    await c.waitClosed(30000);
    await waitFor(() => !isAlive(w!), 'the stuck worker to be killed');
    assert.match(g.stderr(), /down: a function ran past the worker timeout/);
    await waitFor(async () => (await request(g.port, 'GET', '/api/hello')).status === 200, 'a fresh worker');
  } finally {
    c.close();
    assert.is((await g.stop()).code, 0);
  }
});

test('fdpass-conn: a worker is handed at most (descriptor limit - 32) connections; more get 503', async () => {
  // 64 descriptors: a worker keeps at most 32 connections, so it never runs out while receiving one.
  const g = await startGateway({ mode: 'fdpass-conn', workers: 1, wrapper: ['prlimit', '--nofile=64:64'] });
  const conns = await Promise.all(Array.from({ length: 40 }, () => RawConnection.open(g.port)));
  try {
    const statuses: number[] = [];
    for (const c of conns) {
      c.write(httpRequest('GET', '/api/hello'));
      statuses.push((await c.read(1, 30000))[0].status);
    }
    assert.is(statuses.filter((s) => s === 200).length, 32);
    assert.is(statuses.filter((s) => s === 503).length, 8);
    assert.equal(workerPids(g.pid).length, 1);
    const [w] = workerPids(g.pid);
    assert.ok(countFds(w!) >= 32 + 3, `the worker holds the 32 connections (${countFds(w!)} fds)`);
  } finally {
    for (const c of conns) c.close();
  }
  // The worker reports each close; then it takes connections again.
  await waitFor(async () => (await request(g.port, 'GET', '/api/hello')).status === 200, 'a new connection served by the worker');
  assert.is((await g.stop()).code, 0);
});

test.run();
