/**
 * End to end: a very short `npm run collect` against the embedded gateway (both variants, 1 repetition,
 * 1 s phases), and an interrupted one. Asserts the run directory's files and manifest, never timings.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWrk } from '../../../ingest/parsers/wrk.ts';
import { migrateManifest } from '../../../ingest/manifest.ts';
import { freePort, startCli, taggedPids } from './run-cli.ts';

const GATEWAY = 'native/build/gateway';
const out = mkdtempSync(join(tmpdir(), 'gb-collect-e2e-'));

test.before(() => {
  if (!existsSync(GATEWAY)) throw new Error(`${GATEWAY} is not built: run make -C native first`);
});
test.after(() => rmSync(out, { recursive: true, force: true }));

test('a short collect writes a complete run: raw files, CSV, manifest', async () => {
  const port = await freePort();
  const dest = join(out, 'full');
  const run = startCli('ingest/collect/cli.ts', ['--repetitions', '1', '--duration', '1', '--warmup', '1', '--untimed', '1', '--connections', '8', '--rate', '200', '--order', 'abab', '--seed', '3', '--port', String(port), '--out', dest, '--no-build', '--no-analyze', '--machine', 'test box']);
  const { code } = await run.done;
  assert.is(code, 0, run.stderr() + run.stdout());
  assert.equal(taggedPids(run.tag), [], 'no process left behind');

  const dirs = readdirSync(dest);
  assert.is(dirs.length, 1);
  assert.match(dirs[0], /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-v1\.0-vs-v2\.0$/);
  const runDir = join(dest, dirs[0]);
  const m = migrateManifest(JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')));
  assert.is(m.status, 'complete');
  assert.is(m.id, dirs[0]);
  assert.is(m.label, 'v1.0-vs-v2.0');
  assert.equal(m.config.variants.map((v) => [v.name, v.label]), [['proxy', 'v1.0'], ['fdpass', 'v2.0']]);
  assert.is(m.config.seed, 3);
  assert.is(m.config.order, 'abab');
  assert.is(m.config.connections, 8);
  assert.is(m.config.rate_rps, 200);
  assert.equal(m.plan, [{ variant: 'proxy', repetition: 1, order: 0 }, { variant: 'fdpass', repetition: 1, order: 1 }]);
  assert.ok(m.tools.wrk && m.tools.sysstat && m.tools.node, JSON.stringify(m.tools));
  assert.match(m.machine.fingerprint, /^[0-9a-f]{16}$/);
  assert.is(m.schema_version, 4);
  assert.is(m.kind, 'compare');
  assert.is(m.machine.name, 'test box');
  assert.match(m.git.commit ?? '', /^[0-9a-f]{40}$/);
  if (m.machine.cpu_count >= 2) assert.equal(m.config.pinning, { sut_cpus: '0', load_cpus: '1' });

  assert.equal(m.repetitions.map((r) => [r.variant, r.status]), [['proxy', 'complete'], ['fdpass', 'complete']]);
  for (const r of m.repetitions) {
    const skipped = new Set(m.skipped.map((s) => s.phase));
    const expected = ['warmup', 'throughput', 'fixed-rate', 'strace', 'perf-record'].filter((p) => !skipped.has(p));
    assert.equal(r.phases.map((p) => p.name), expected);
    assert.ok(r.pids.gateway! > 0);
    assert.is(r.pids.workers.length, 1, 'one worker');
    for (const p of r.phases) {
      for (const f of p.files) assert.ok(existsSync(join(runDir, f.path)), `${f.path} listed in the manifest exists`);
      for (const c of p.commands) {
        // strace and perf stat count until the collector's SIGINT; the gateway is stopped with SIGTERM
        if (c.role === 'perf-stat') assert.is(c.signal, 'SIGINT', `${p.name} perf stat stopped when the load ended`);
        else if (c.role !== 'strace' && c.role !== 'gateway') assert.is(c.exit_code, 0, `${p.name} ${c.role}: ${c.argv.join(' ')}`);
      }
    }
    const tp = r.phases.find((p) => p.name === 'throughput')!;
    assert.is(tp.timed, true);
    const perfRoles = skipped.has('perf-stat') ? [] : ['perf-stat', 'perf-stat-workers'];
    const machineRoles = ['proc-stat-before', 'proc-stat-after', 'speed-probe-before', 'speed-probe-after'];
    assert.equal(tp.files.map((f) => f.role).sort(), [...perfRoles, ...machineRoles, 'pidstat', 'pidstat-csv', 'wrk'].sort());
    // perf stat counts the fixed-rate trial too (CPU per request at the fixed rate)
    const fr = r.phases.find((p) => p.name === 'fixed-rate');
    if (fr) assert.equal(fr.files.map((f) => f.role).filter((x) => x.startsWith('perf-stat')).sort(), perfRoles);
    // /proc/stat copied as the kernel prints it, before the load starts and after it ends
    assert.match(readFileSync(join(runDir, `${r.variant}/rep-1/throughput.proc-stat-before.txt`), 'utf8'), /^cpu +\d+ \d+ \d+ \d+/);
    assert.match(readFileSync(join(runDir, `${r.variant}/rep-1/throughput.speed-probe-after.txt`), 'utf8'), /^speed-probe 1\ncpu=\d+ iterations=\d+ ns=\d+ checksum=[0-9a-f]{8}\n/);
    const variantPort = r.variant === 'proxy' ? port : port + 1;
    const wrkCmd = tp.commands.find((c) => c.role === 'wrk')!;
    assert.ok(wrkCmd.argv.includes('--latency'));
    assert.equal(wrkCmd.argv.slice(-1), [`http://127.0.0.1:${variantPort}/api/hello`]);
    const pidstatCmd = tp.commands.find((c) => c.role === 'pidstat')!;
    assert.equal(pidstatCmd.argv.slice(0, 2), ['env', 'LC_ALL=C']);
    assert.ok(pidstatCmd.argv.includes(`${r.pids.gateway},${r.pids.workers[0]}`));
    const wrk = parseWrk(readFileSync(join(runDir, `${r.variant}/rep-1/throughput.wrk.txt`), 'utf8'));
    assert.ok(wrk.requests > 0);
    assert.is(tp.summary?.requests, wrk.requests);
    assert.is(tp.summary?.errors, 0);
    assert.is(tp.summary?.samples, 1, 'one pidstat sample of the gateway in a 1 s phase');
    const pidstatText = readFileSync(join(runDir, `${r.variant}/rep-1/throughput.pidstat.txt`), 'utf8');
    assert.match(pidstatText, new RegExp(`\\s${r.pids.gateway}\\s`));
    const csv = readFileSync(join(runDir, `${r.variant}/rep-1/throughput.pidstat.csv`), 'utf8').split('\n');
    assert.is(csv[0], 'timestamp,pid,cpu_percent,user_cpu,sys_cpu,memory_mb,ctx_switches,voluntary_switches,nonvoluntary_switches');
    assert.is(csv.filter((l) => l.split(',')[1] === String(r.pids.gateway)).length, 1, 'one CSV row per gateway sample');
    assert.is(csv.filter((l) => l.split(',')[1] === String(r.pids.workers[0])).length, 1, 'one CSV row per worker sample');
    if (!skipped.has('strace')) {
      const st = r.phases.find((p) => p.name === 'strace')!;
      assert.is(st.timed, false);
      assert.match(readFileSync(join(runDir, `${r.variant}/rep-1/strace.strace.txt`), 'utf8'), /total/);
    }
    assert.is(r.sut?.command.exit_code, 0, 'the gateway exits cleanly on SIGTERM');
    assert.is(r.sut?.command.pid, r.pids.gateway);
    assert.equal(r.sut?.command.argv.slice(-6), ['--mode', r.variant, '--port', String(variantPort), '--workers', '1']);
    assert.equal(r.sut?.files, [
      { role: 'stdout', path: `${r.variant}/rep-1/gateway.stdout.txt` },
      { role: 'stderr', path: `${r.variant}/rep-1/gateway.stderr.txt` },
    ]);
    assert.is(readFileSync(join(runDir, `${r.variant}/rep-1/gateway.stdout.txt`), 'utf8'), 'ready\n');
  }
  assert.match(run.stdout(), /BENCHMARK RESULTS/);
  assert.match(run.stdout(), /PROXY \(v1\.0\) Results: 1 of 1 repetitions complete/);
  // side by side: both gateways were up before the first trial, and the two throughput trials are adjacent
  const [a, b] = m.repetitions.map((r) => r.phases.find((p) => p.name === 'throughput')!);
  assert.ok(Date.parse(b.started_at) - Date.parse(a.finished_at!) < 2000, `${a.finished_at} -> ${b.started_at}`);
  assert.ok(Date.parse(m.repetitions[1].started_at) < Date.parse(a.started_at), 'the second gateway started before the first trial');
});

test('SIGINT mid-run: every child stopped, partial run kept and marked incomplete', async () => {
  const port = await freePort();
  const dest = join(out, 'interrupted');
  const run = startCli('ingest/collect/cli.ts', ['--repetitions', '2', '--duration', '20', '--warmup', '1', '--port', String(port), '--out', dest, '--no-build', '--no-analyze', '--phases', 'throughput']);
  const deadline = Date.now() + 20_000;
  while (!/throughput/.test(run.stdout()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.match(run.stdout(), /throughput/, 'reached the throughput phase');
  await new Promise((r) => setTimeout(r, 500)); // wrk, pidstat and perf are running
  const during = taggedPids(run.tag);
  assert.ok(during.length >= 4, `collector, gateway, worker and load running (${during.length})`);
  run.child.kill('SIGINT');
  const { code } = await run.done;
  assert.is(code, 130);
  assert.equal(taggedPids(run.tag), [], 'no process left behind');
  const dirs = readdirSync(dest);
  assert.is(dirs.length, 1, `one run, renamed from .tmp: ${dirs}`);
  assert.ok(!dirs[0].startsWith('.tmp-'));
  const m = migrateManifest(JSON.parse(readFileSync(join(dest, dirs[0], 'manifest.json'), 'utf8')));
  assert.is(m.status, 'incomplete');
  assert.is(m.interrupted_by, 'SIGINT');
  // both variants of the first block were started (they run side by side): both incomplete
  assert.equal(m.repetitions.map((r) => [r.repetition, r.status]), [[1, 'incomplete'], [1, 'incomplete']]);
  assert.is(m.plan?.length, 4);
  const ran = m.repetitions.find((r) => r.phases.some((p) => p.name === 'throughput'))!;
  assert.ok(statSync(join(dest, dirs[0], `${ran.variant}/rep-1/throughput.wrk.txt`)).isFile());
  assert.match(run.stdout(), /interrupted by SIGINT; the partial run is kept, marked incomplete/);
});

test.run();
