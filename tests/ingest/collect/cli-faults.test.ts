/**
 * Fault behaviours of `npm run collect`: a busy port stops it before anything starts; a gateway that fails to
 * start, or dies mid-run, fails that repetition (stderr saved) and the run goes on; a missing variant or a bad
 * config is a one-line error.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrateManifest } from '../../../ingest/manifest.ts';
import { freePort, startCli, taggedPids } from './run-cli.ts';

const GATEWAY = resolve('native/build/gateway');
const out = mkdtempSync(join(tmpdir(), 'gb-collect-faults-'));
test.after(() => rmSync(out, { recursive: true, force: true }));

const short = ['--repetitions', '1', '--duration', '1', '--warmup', '0', '--phases', 'throughput', '--no-build', '--no-analyze', '--order', 'abab'];

function writeConfig(name: string, config: object): string {
  const path = join(out, `${name}.json`);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

test('port in use: a clear error before anything starts, no run written', async () => {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  const dest = join(out, 'busy');
  try {
    const run = startCli('ingest/collect/cli.ts', [...short, '--port', String(port), '--out', dest]);
    const { code } = await run.done;
    assert.is(code, 3);
    assert.is(run.stderr().trim(), `collect: port ${port} on 127.0.0.1 is already in use: stop what listens there (ss -ltnp 'sport = :${port}' shows it) or pass another port with --port N`);
    assert.not.ok(existsSync(dest), 'no run directory');
    assert.equal(taggedPids(run.tag), []);
  } finally {
    srv.close();
  }
});

test('a gateway that fails to start fails its repetition with its stderr saved; the run goes on', async () => {
  const port = await freePort();
  const cfg = writeConfig('fails', {
    load: { url: `http://127.0.0.1:${port}/api/hello` },
    variants: [
      { name: 'broken', label: 'v0', start: ['sh', '-c', 'echo "gateway: cannot load routes" >&2; exit 1'], ready_url: `http://127.0.0.1:${port}/api/hello` },
      { name: 'good', label: 'v1', start: [GATEWAY, '--mode', 'proxy', '--port', String(port)], ready_url: `http://127.0.0.1:${port}/api/hello` },
    ],
  });
  const dest = join(out, 'fails');
  const run = startCli('ingest/collect/cli.ts', [...short, '--config', cfg, '--out', dest]);
  const { code } = await run.done;
  assert.is(code, 0, run.stderr());
  const [dir] = readdirSync(dest);
  assert.match(dir, /Z-v0-vs-v1$/);
  const m = migrateManifest(JSON.parse(readFileSync(join(dest, dir, 'manifest.json'), 'utf8')));
  assert.is(m.status, 'complete');
  assert.equal(m.repetitions.map((r) => [r.variant, r.status]), [['broken', 'failed'], ['good', 'complete']]);
  assert.is(m.repetitions[0].error, `gateway exited with code 1 before answering http://127.0.0.1:${port}/api/hello (its stderr: broken/rep-1/gateway.stderr.txt)`);
  assert.is(readFileSync(join(dest, dir, 'broken/rep-1/gateway.stderr.txt'), 'utf8'), 'gateway: cannot load routes\n');
  assert.is(m.repetitions[0].phases[0].commands[0].exit_code, 1);
  assert.is(m.config.function, '/api/hello');
  assert.match(run.stdout(), /broken rep 1 failed: gateway exited with code 1/);
  assert.equal(taggedPids(run.tag), []);
});

test('a gateway that dies mid-run fails its repetition; every repetition failed -> exit 1, run failed', async () => {
  const port = await freePort();
  const start = ['sh', '-c', `exec timeout -s KILL 1.5 ${GATEWAY} --mode fdpass --port ${port}`];
  const cfg = writeConfig('dies', {
    load: { url: `http://127.0.0.1:${port}/api/hello` },
    variants: [
      { name: 'a', label: 'A', start, ready_url: `http://127.0.0.1:${port}/api/hello` },
      { name: 'b', label: 'B', start, ready_url: `http://127.0.0.1:${port}/api/hello` },
    ],
  });
  const dest = join(out, 'dies');
  const run = startCli('ingest/collect/cli.ts', ['--repetitions', '1', '--duration', '3', '--warmup', '0', '--phases', 'throughput', '--no-build', '--no-analyze', '--order', 'abab', '--config', cfg, '--out', dest]);
  const { code } = await run.done;
  assert.is(code, 1, run.stderr());
  const [dir] = readdirSync(dest);
  const m = migrateManifest(JSON.parse(readFileSync(join(dest, dir, 'manifest.json'), 'utf8')));
  assert.is(m.status, 'failed');
  for (const r of m.repetitions) {
    assert.is(r.status, 'failed');
    assert.match(r.error ?? '', new RegExp(`^gateway was killed by SIGKILL during throughput \\(its stderr: ${r.variant}/rep-1/gateway.stderr.txt\\)$`));
    assert.ok(r.phases.some((p) => p.name === 'throughput'), 'the phase it died in is recorded');
  }
  assert.equal(taggedPids(run.tag), [], 'the orphaned workers were stopped with the process group');
});

test('user mistakes are one line, exit 2', async () => {
  const a = startCli('ingest/collect/cli.ts', ['--variants', 'proxy,zerocopy', '--dry-run']);
  const b = startCli('ingest/collect/cli.ts', ['--config', join(out, 'nope.json')]);
  const c = startCli('ingest/collect/cli.ts', ['--duration', 'ten']);
  const [ea, eb, ec] = await Promise.all([a.done, b.done, c.done]);
  assert.is(ea.code, 2);
  assert.is(a.stderr().trim(), "collect: variant 'zerocopy' is not in the embedded gateway (it has: proxy, fdpass)");
  assert.is(eb.code, 2);
  assert.is(b.stderr().trim(), `collect: --config ${join(out, 'nope.json')}: cannot read it (ENOENT)`);
  assert.is(ec.code, 2);
  assert.is(c.stderr().trim(), "collect: --duration must be a positive number of seconds, got 'ten'");
});

test('--dry-run prints the plan and exact commands and starts nothing', async () => {
  const dest = join(out, 'dry');
  const run = startCli('ingest/collect/cli.ts', ['--dry-run', '--seed', '11', '--repetitions', '2', '--port', '9999', '--out', dest, '--no-pin']);
  assert.is((await run.done).code, 0);
  const text = run.stdout();
  assert.match(text, /^run label: v1\.0-vs-v2\.0$/m);
  assert.match(text, /^plan \(random, seed 11\): (proxy|fdpass)#1 (proxy|fdpass)#1 (proxy|fdpass)#2 (proxy|fdpass)#2$/m);
  assert.match(text, /start: +\S+\/native\/build\/gateway --mode fdpass --port 9999 --workers 1$/m);
  assert.match(text, /wrk -t 2 -c 100 -d 10s --latency http:\/\/127\.0\.0\.1:9999\/api\/hello$/m);
  assert.match(text, /env LC_ALL=C pidstat -u -r -w -h -p '<gateway>,<workers>' 1 10$/m);
  assert.match(text, /bench-latency -R 2500 /);
  assert.match(text, /strace -c -f -o strace\.strace\.txt -p '<gateway>' -p '<workers>'/);
  assert.match(text, /perf record -g -F 199 -o perf\.data -p '<gateway>' -- sleep 3/);
  assert.not.ok(existsSync(dest));
});

test.run();
