// The gateway's command line: help, bad options, a busy port, the default routes
// file found from any working directory, and the exec-free start-up failure path.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GATEWAY_BIN, GATEWAY_MODES, assertBuilt, startGateway } from '../../hardening/lib/gateway-process.ts';
import { freePort } from '../../hardening/lib/free-port.ts';
import { request } from '../../hardening/lib/raw-http.ts';

function run(args: string[], cwd?: string): Promise<{ code: number | null; out: string; err: string }> {
  assertBuilt();
  return new Promise((resolve) => {
    const p = spawn(GATEWAY_BIN, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

test('--help prints usage and exits 0', async () => {
  const r = await run(['--help']);
  assert.is(r.code, 0);
  assert.match(r.out, /--mode proxy\|fdpass\|fdpass-conn \[options\]/);
  assert.match(r.out, /fdpass-conn: the client socket goes to one worker for the connection's life/);
  assert.match(r.out, /--idle-timeout/);
});

test('bad options exit 2 with a clear message', async () => {
  for (const [args, msg] of [
    [['--mode', 'fast'], /invalid --mode 'fast' \(expected proxy, fdpass or fdpass-conn\)/],
    [['--mode', 'proxy', '--port', 'eighty'], /invalid --port/],
    [['--mode', 'proxy', '--workers', '0'], /invalid --workers/],
    [['--mode', 'proxy', '--frobnicate'], /unknown option/],
    [['--mode', 'proxy', '--port'], /needs a value/],
    [['--port', '8080'], /--mode proxy\|fdpass\|fdpass-conn is required/],
    [['--mode', 'proxy', '--idle-timeout', '-1'], /invalid --idle-timeout/],
  ] as Array<[string[], RegExp]>) {
    const r = await run(args);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.err, msg);
  }
});

test('a busy port is a one-line error naming the address and port, exit 1', async () => {
  const port = await freePort();
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(port, '127.0.0.1', resolve));
  try {
    const r = await run(['--mode', 'fdpass', '--port', String(port)]);
    assert.is(r.code, 1);
    assert.is(r.err.trim().split('\n').length, 1);
    assert.match(r.err, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.match(r.err, /in use/);
  } finally {
    srv.close();
  }
});

test('a broken routes file is reported with its line, exit 2', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatebench-badroutes-'));
  const file = path.join(dir, 'routes.conf');
  writeFileSync(file, 'GET /api/hello native hello.so hello\nGET /x wasm nothing.so h\n');
  const r = await run(['--mode', 'proxy', '--routes', file, '--port', String(await freePort())]);
  assert.is(r.code, 2);
  assert.match(r.err, /routes\.conf:2: unknown runtime wasm/);
});

test('a worker that cannot load its function fails start-up, exit 1', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatebench-badsym-'));
  const file = path.join(dir, 'routes.conf');
  writeFileSync(file, `GET /api/hello native ${path.dirname(GATEWAY_BIN)}/hello.so no_such_symbol\n`);
  const r = await run(['--mode', 'fdpass', '--routes', file, '--port', String(await freePort())]);
  assert.is(r.code, 1);
  assert.match(r.err, /no handler no_such_symbol/);
  assert.not.match(r.out, /ready/);
});

test('the default routes file is found from any working directory', async () => {
  for (const mode of GATEWAY_MODES) {
    const g = await startGateway({ mode });
    try {
      // startGateway does not pass --routes; its cwd is the test runner's, so
      // also check from an unrelated directory below.
      assert.is((await request(g.port, 'GET', '/api/hello')).status, 200);
    } finally {
      await g.stop();
    }
  }
  const port = await freePort();
  const p = spawn(GATEWAY_BIN, ['--mode', 'proxy', '--port', String(port)], { cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready\n')) resolve();
      });
      p.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    assert.is((await request(port, 'GET', '/api/payload?size=5')).body.toString(), 'xxxxx');
  } finally {
    p.kill('SIGTERM');
    await new Promise((r) => p.once('exit', r));
  }
});

test('--ready-file is written once accepting', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatebench-ready-'));
  const f = path.join(dir, 'ready');
  const g = await startGateway({ mode: 'proxy', extraArgs: ['--ready-file', f] });
  try {
    const { readFileSync } = await import('node:fs');
    assert.is(readFileSync(f, 'utf8'), 'ready\n');
  } finally {
    await g.stop();
  }
});

test.run();
