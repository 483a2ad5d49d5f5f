/**
 * Fault behaviours of `npm run collect`: a busy port or a missing tool stops it before anything starts; a
 * gateway that fails to start, or dies mid-run, fails that repetition (stderr saved) and the run goes on;
 * perf and strace missing skip their phases with the reason recorded; user mistakes are one line.
 * The collectors are independent (own port, own output folder, own process tag), so they all start at once
 * in `before` and each test checks one of them: the suite takes about as long as its longest run.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrateManifest, type Manifest } from '../../../ingest/manifest.ts';
import { freePort, startCli, taggedPids, type CliRun } from './run-cli.ts';

const GATEWAY = resolve('native/build/gateway');
const CLI = 'ingest/collect/cli.ts';
const out = mkdtempSync(join(tmpdir(), 'gb-collect-faults-'));
const short = ['--repetitions', '1', '--duration', '1', '--warmup', '0', '--phases', 'throughput', '--no-build', '--no-analyze', '--order', 'abab'];

function writeConfig(name: string, config: object): string {
  const path = join(out, `${name}.json`);
  writeFileSync(path, JSON.stringify(config));
  return path;
}

/** A PATH with only `tools` in it (symlinks to the real ones): a machine where the others are missing. */
function pathWith(name: string, tools: string[]): string {
  const bin = join(out, `bin-${name}`);
  mkdirSync(bin);
  for (const t of tools) symlinkSync(execFileSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).trim(), join(bin, t));
  return bin;
}

function onlyManifest(dest: string): Manifest {
  const dirs = readdirSync(dest);
  assert.is(dirs.length, 1, `one run in ${dest}: ${dirs}`);
  return migrateManifest(JSON.parse(readFileSync(join(dest, dirs[0], 'manifest.json'), 'utf8')));
}

let busy: Server;
let busyPort = 0;
let failsPort = 0;
let diesPort = 0;
const runs: Record<string, CliRun> = {};

test.before(async () => {
  if (!existsSync(GATEWAY)) throw new Error(`${GATEWAY} is not built: run make -C native first`);
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  busyPort = (busy.address() as { port: number }).port;
  failsPort = await freePort();
  diesPort = await freePort();
  const url = (p: number) => `http://127.0.0.1:${p}/api/hello`;
  const fails = writeConfig('fails', {
    load: { url: url(failsPort) },
    variants: [
      { name: 'broken', label: 'v0', start: ['sh', '-c', 'echo "gateway: cannot load routes" >&2; exit 1'], ready_url: url(failsPort) },
      { name: 'good', label: 'v1', start: [GATEWAY, '--mode', 'proxy', '--port', String(failsPort)], ready_url: url(failsPort) },
    ],
  });
  // dies 2.5 s after it starts: during the 5 s throughput phase
  const dying = ['sh', '-c', `exec timeout -s KILL 2.5 ${GATEWAY} --mode fdpass --port ${diesPort}`];
  const dies = writeConfig('dies', {
    load: { url: url(diesPort) },
    variants: [
      { name: 'a', label: 'A', start: dying, ready_url: url(diesPort) },
      { name: 'b', label: 'B', start: dying, ready_url: url(diesPort) },
    ],
  });
  runs.busy = startCli(CLI, [...short, '--port', String(busyPort), '--out', join(out, 'busy')]);
  runs.nowrk = startCli(CLI, [...short, '--port', String(await freePort()), '--out', join(out, 'nowrk')], { PATH: pathWith('nowrk', ['sh', 'env', 'taskset', 'pidstat']) });
  runs.noperf = startCli(
    CLI,
    ['--repetitions', '1', '--duration', '1', '--untimed', '1', '--warmup', '0', '--phases', 'throughput,strace,perf-record', '--no-build', '--no-analyze', '--port', String(await freePort()), '--out', join(out, 'noperf')],
    { PATH: pathWith('noperf', ['sh', 'env', 'taskset', 'pidstat', 'wrk']) },
  );
  runs.fails = startCli(CLI, [...short, '--config', fails, '--out', join(out, 'fails')]);
  runs.dies = startCli(CLI, ['--repetitions', '1', '--duration', '5', '--warmup', '0', '--phases', 'throughput', '--no-build', '--no-analyze', '--order', 'abab', '--config', dies, '--out', join(out, 'dies')]);
  runs.badVariant = startCli(CLI, ['--variants', 'proxy,zerocopy', '--dry-run']);
  runs.noConfig = startCli(CLI, ['--config', join(out, 'nope.json')]);
  runs.badDuration = startCli(CLI, ['--duration', 'ten']);
  runs.dry = startCli(CLI, ['--dry-run', '--seed', '11', '--repetitions', '2', '--port', '9999', '--out', join(out, 'dry'), '--no-pin']);
  await Promise.all(Object.values(runs).map((r) => r.done));
  busy.close();
});

test.after(() => rmSync(out, { recursive: true, force: true }));

test('port in use: a clear error before anything starts, no run written', async () => {
  const run = runs.busy;
  assert.is((await run.done).code, 3);
  assert.is(run.stderr().trim(), `collect: port ${busyPort} on 127.0.0.1 is already in use: stop what listens there (ss -ltnp 'sport = :${busyPort}' shows it) or pass another port with --port N`);
  assert.not.ok(existsSync(join(out, 'busy')), 'no run directory');
  assert.equal(taggedPids(run.tag), []);
});

test('missing required tool: the message names the package and the install command, exit 3', async () => {
  const run = runs.nowrk;
  assert.is((await run.done).code, 3);
  assert.is(run.stderr().trim(), 'collect: missing tools: wrk (package wrk). Install them with: npm run setup  (or: sudo apt-get install -y wrk)');
  assert.not.ok(existsSync(join(out, 'nowrk')));
});

test('perf and strace missing: their phases are skipped and the reasons recorded', async () => {
  const run = runs.noperf;
  assert.is((await run.done).code, 0, run.stderr());
  const m = onlyManifest(join(out, 'noperf'));
  assert.is(m.status, 'complete');
  assert.equal(m.skipped, [
    { phase: 'perf-stat', reason: 'perf is not installed (package linux-perf; npm run setup installs it)' },
    { phase: 'perf-record', reason: 'perf is not installed (package linux-perf; npm run setup installs it)' },
    { phase: 'strace', reason: 'strace is not installed (package strace; npm run setup installs it)' },
  ]);
  assert.is(m.tools.perf, null);
  assert.is(m.tools.strace, null);
  for (const r of m.repetitions) {
    assert.equal(r.phases.map((p) => p.name), ['throughput']);
    // the speed probe around the trial; pidstat and the load; no perf stat
    assert.equal(r.phases[0].commands.map((c) => c.role), ['speed-probe', 'pidstat', 'wrk', 'speed-probe']);
    assert.equal(r.phases[0].files.map((f) => f.role).filter((x) => x.startsWith('proc-stat')), ['proc-stat-before', 'proc-stat-after']);
  }
  assert.match(run.stdout(), /collect: skipping strace: strace is not installed/);
  assert.equal(taggedPids(run.tag), []);
});

test('a gateway that fails to start fails its repetition with its stderr saved and shown; a variant that never ran fails the run (exit 1)', async () => {
  const run = runs.fails;
  assert.is((await run.done).code, 1, run.stderr());
  const m = onlyManifest(join(out, 'fails'));
  const dir = join(out, 'fails', m.id);
  assert.match(m.id, /Z-v0-vs-v1$/);
  assert.is(m.status, 'failed');
  assert.match(run.stdout(), /^collect:   broken stderr: gateway: cannot load routes$/m);
  assert.match(run.stdout(), /^collect: variant broken has no complete repetition \(first error: gateway exited with code 1 before answering/m);
  assert.equal(m.repetitions.map((r) => [r.variant, r.status]), [['broken', 'failed'], ['good', 'complete']]);
  assert.is(m.repetitions[0].error, `gateway exited with code 1 before answering http://127.0.0.1:${failsPort}/api/hello (its stderr: broken/rep-1/gateway.stderr.txt)`);
  assert.is(readFileSync(join(dir, 'broken/rep-1/gateway.stderr.txt'), 'utf8'), 'gateway: cannot load routes\n');
  assert.is(m.repetitions[0].sut?.command.exit_code, 1);
  assert.equal(m.repetitions[0].phases, []);
  assert.is(m.config.function, '/api/hello');
  assert.match(run.stdout(), /broken block 1 failed: gateway exited with code 1/);
  assert.equal(taggedPids(run.tag), []);
});

test('a gateway that dies mid-run fails its repetition; every repetition failed -> exit 1, run failed', async () => {
  const run = runs.dies;
  assert.is((await run.done).code, 1, run.stderr() + run.stdout());
  const m = onlyManifest(join(out, 'dies'));
  assert.is(m.status, 'failed');
  for (const r of m.repetitions) {
    assert.is(r.status, 'failed');
    assert.is(r.error, `gateway was killed by SIGKILL during throughput (its stderr: ${r.variant}/rep-1/gateway.stderr.txt)`);
    assert.ok(r.phases.some((p) => p.name === 'throughput'), 'the phase it died in is recorded');
  }
  assert.equal(taggedPids(run.tag), [], 'the orphaned workers were stopped with the process group');
});

test('user mistakes are one line, exit 2', async () => {
  assert.is((await runs.badVariant.done).code, 2);
  assert.is(runs.badVariant.stderr().trim(), "collect: variant 'zerocopy' is not in the embedded gateway (it has: proxy, fdpass, fdpass-conn)");
  assert.is((await runs.noConfig.done).code, 2);
  assert.is(runs.noConfig.stderr().trim(), `collect: --config ${join(out, 'nope.json')}: cannot read it (ENOENT)`);
  assert.is((await runs.badDuration.done).code, 2);
  assert.is(runs.badDuration.stderr().trim(), "collect: --duration must be a positive number of seconds, got 'ten'");
});

test('--dry-run prints the plan and exact commands and starts nothing', async () => {
  assert.is((await runs.dry.done).code, 0);
  const text = runs.dry.stdout();
  assert.match(text, /^run label: v1\.0-vs-v2\.0$/m);
  assert.match(text, /^plan \(random, seed 11\): (proxy|fdpass)#1 (proxy|fdpass)#1 (proxy|fdpass)#2 (proxy|fdpass)#2$/m);
  assert.match(text, /^blocks: 2, each with one trial of every variant; the variants of a block run side by side, trials back to back; untimed phases in block 2 only$/m);
  // each variant on its own port, so a block's variants can run side by side
  assert.match(text, /start: +\S+\/native\/build\/gateway --mode proxy --port 9999 --workers 1$/m);
  assert.match(text, /start: +\S+\/native\/build\/gateway --mode fdpass --port 10000 --workers 1$/m);
  assert.match(text, /wrk -t 2 -c 100 -d 2s --latency http:\/\/127\.0\.0\.1:10000\/api\/hello$/m);
  assert.match(text, /^  front: +the main process; workers: the main process's descendants \(found once it answers, and again after the warmup\)$/m);
  assert.match(text, /env LC_ALL=C pidstat -u -r -w -h -p '<front>,<workers>' 1 2$/m);
  assert.match(text, /perf stat -e task-clock,context-switches,cpu-migrations,page-faults,raw_syscalls:sys_enter -p '<workers>'  \(each perf stat stopped with SIGINT when the load ends\)$/m);
  assert.match(text, /speed-probe --cpus 0,1$/m);
  assert.match(text, /bench-latency -R 2500 /);
  assert.match(text, /strace -c -f -o strace\.strace\.txt -p '<front>' -p '<workers>'/);
  assert.match(text, /perf record -g -F 199 -o perf\.data -p '<front>' -- sleep 3/);
  assert.not.ok(existsSync(join(out, 'dry')));
});

test.run();
