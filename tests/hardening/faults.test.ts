/**
 * Fault injection against native/build/gateway, in every mode: a worker SIGKILLed under load, slowloris
 * clients, a descriptor limit low enough that accept() hits EMFILE, and a function that never answers.
 * Every wait is a bounded poll on a condition; nothing asserts a duration.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { GATEWAY_MODES, startGateway, type Gateway } from '../../hardening/lib/gateway-process.ts';
import { request } from '../../hardening/lib/raw-http.ts';
import { isAlive } from '../../ingest/collect/processes.ts';
import { countFds, workerPids } from '../../hardening/lib/proc-status.ts';
import { waitFor } from '../../hardening/lib/wait-for.ts';
import { runLoad } from '../../hardening/lib/load-mix.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gatebench-faults-'));
const running: Gateway[] = [];

async function start(...args: Parameters<typeof startGateway>): Promise<Gateway> {
  const gw = await startGateway(...args);
  running.push(gw);
  return gw;
}

async function helloOk(port: number, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await request(port, 'GET', '/api/hello')).status);
  return statuses;
}

/** Opens a connection and writes bytes; the socket records whether the server closed it. */
function openHeld(port: number, bytes: string): Promise<{ sock: net.Socket; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    let closed = false;
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.on('error', () => undefined);
    sock.on('close', () => (closed = true));
    sock.on('end', () => (closed = true));
    sock.on('data', () => undefined);
    sock.once('connect', () => {
      if (bytes) sock.write(bytes);
      resolve({ sock, closed: () => closed });
    });
    sock.once('error', reject);
  });
}

function processesWithArg(arg: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'latin1').split('\0').includes(arg)) out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

for (const mode of GATEWAY_MODES) {
  test(`${mode}: a worker SIGKILLed under load is respawned, errors stay bounded, nothing hangs`, async () => {
    const gw = await start({ mode, workers: 2 });
    const [victim, other] = await waitFor(() => {
      const p = workerPids(gw.pid);
      return p.length === 2 ? p : undefined;
    }, 'two workers');
    let killed = false;
    const connections = 8;
    const load = await runLoad({
      port: gw.port,
      requests: 4000,
      connections,
      execEvery: 0,
      stepTimeoutMs: 30000,
      onProgress: (n) => {
        if (!killed && n >= 1000) {
          killed = true;
          process.kill(victim!, 'SIGKILL');
        }
      },
    });
    assert.ok(killed, 'the worker was killed mid-load');
    assert.is(load.sent, 4000);
    assert.is(load.errors.stall ?? 0, 0, `no request may hang: ${load.samples.join('; ')}`);
    // Only requests the dead worker had started can fail: at most one pipelined burst (3) per connection.
    const failed = load.sent - load.ok;
    assert.ok(failed <= connections * 3, `${failed} failed requests: ${load.samples.join('; ')}`);
    const after = await waitFor(() => {
      const p = workerPids(gw.pid);
      return p.length === 2 && !p.includes(victim!) ? p : undefined;
    }, 'the killed worker to be replaced');
    assert.ok(after.includes(other!), 'the surviving worker was left alone');
    assert.ok(isAlive(gw.pid));
    assert.equal(await helloOk(gw.port, 20), Array(20).fill(200));
    assert.match(gw.stderr(), new RegExp(`worker \\d+ \\(pid ${victim}\\) down: `));
    assert.is((await gw.stop()).code, 0);
  });

  test(`${mode}: slowloris connections are closed by the idle timeout and their descriptors freed`, async () => {
    const gw = await start({ mode, workers: 1, extraArgs: ['--idle-timeout', '1'] });
    const base = countFds(gw.pid);
    const held = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        openHeld(gw.port, i % 2 ? 'GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' : 'POST /api/echo HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly part of the body'),
      ),
    );
    await waitFor(() => countFds(gw.pid) >= base + 50, 'the gateway to hold the 50 slow connections');
    await waitFor(() => held.every((h) => h.closed()), 'every slow connection closed by the gateway', { attempts: 300, intervalMs: 100 });
    await waitFor(() => countFds(gw.pid) === base, `gateway fds back to ${base}`, { attempts: 300, intervalMs: 100 });
    for (const h of held) h.sock.destroy();
    assert.equal(await helloOk(gw.port, 5), Array(5).fill(200));
    assert.is((await gw.stop()).code, 0);
  });

  test(`${mode}: with ulimit -n 64 the gateway sheds connections at EMFILE and recovers`, async () => {
    const gw = await start({ mode, workers: 1, wrapper: ['prlimit', '--nofile=64:64'] });
    const limits = readFileSync(`/proc/${gw.pid}/limits`, 'utf8');
    assert.match(limits, /^Max open files\s+64\s+64\s+files/m);
    const base = countFds(gw.pid);
    // More idle clients than descriptors: accept() must fail with EMFILE part-way.
    const held: Array<{ sock: net.Socket; closed: () => boolean }> = [];
    for (let i = 0; i < 120; i++) held.push(await openHeld(gw.port, 'GET /api/hello HTTP/1.1\r\n'));
    await waitFor(() => /out of file descriptors/.test(gw.stderr()), 'the gateway to report shedding');
    await waitFor(() => held.some((h) => h.closed()), 'some connections shed (closed by the gateway)');
    assert.ok(isAlive(gw.pid), 'the gateway survives EMFILE');
    for (const h of held) h.sock.destroy();
    await waitFor(() => countFds(gw.pid) === base, `gateway fds back to ${base}`, { attempts: 300, intervalMs: 100 });
    assert.equal(await helloOk(gw.port, 20), Array(20).fill(200));
    // Under the limit again, a load with many connections is served in full.
    const load = await runLoad({ port: gw.port, requests: 2000, connections: 16, execEvery: 0 });
    assert.is(load.ok, load.sent, load.samples.join('; '));
    assert.is((await gw.stop()).code, 0);
  });

  test(`${mode}: a function that never answers gets 504 and the gateway keeps serving`, async () => {
    const marker = { proxy: '4242.5', fdpass: '4243.5', 'fdpass-conn': '4244.5' }[mode];
    const routes = path.join(tmp, `routes-hang-${mode}.conf`);
    writeFileSync(routes, `GET /api/hello native hello.so hello\nGET /api/hang exec /bin/sleep ${marker}\n`);
    const gw = await start({ mode, workers: 2, routes, extraArgs: ['--worker-timeout', '1'] });
    await waitFor(() => workerPids(gw.pid).length === 2, 'two workers');
    const hang = request(gw.port, 'GET', '/api/hang');
    await waitFor(() => processesWithArg(marker).length === 1, 'the hanging function to run');
    // Meanwhile the other worker serves.
    assert.equal(await helloOk(gw.port, 10), Array(10).fill(200));
    const r = await hang;
    assert.is(r.status, 504);
    assert.match(r.body.toString(), /Gateway Timeout/);
    await waitFor(() => workerPids(gw.pid).length === 2, 'the stuck worker to be replaced');
    await waitFor(() => processesWithArg(marker).length === 0, 'the hanging function to be killed with its worker');
    assert.equal(await helloOk(gw.port, 20), Array(20).fill(200));
    assert.is((await gw.stop()).code, 0);
  });
}

test.after(async () => {
  for (const gw of running) await gw.stop('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

test.run();
