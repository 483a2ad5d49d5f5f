/**
 * The collector (`npm run collect`, ingest/collect/) interrupted with SIGINT or SIGTERM at several
 * points of a short real run: it must exit, leave no process behind (every process it started carries a
 * marker in its environment, searched for in /proc), leave no half-written file or staging directory,
 * mark a partial run `incomplete` with a readable manifest, and not touch a run collected before. An
 * unwritable results folder must give one clear line (it gave a stack trace: fixed in ingest/collect).
 * The interruption points are fixed offsets; what is asserted holds wherever the signal lands.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRun } from '../../ingest/load.ts';
import { freePortRun } from '../../hardening/lib/free-port.ts';
import { waitFor } from '../../hardening/lib/wait-for.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = mkdtempSync(path.join(os.tmpdir(), 'gatebench-collect-faults-'));

function processesMarked(mark: string): string[] {
  const found: string[] = [];
  for (const n of readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    try {
      if (readFileSync(`/proc/${n}/environ`, 'latin1').includes(mark)) {
        found.push(`${n}: ${readFileSync(`/proc/${n}/cmdline`, 'latin1').replace(/\0/g, ' ').trim()}`);
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? [p + '/', ...walk(p)] : [p];
  });
}

function treeHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of walk(dir).sort()) {
    h.update(f);
    if (!f.endsWith('/')) h.update(readFileSync(f));
  }
  return h.digest('hex');
}

let runCount = 0;
async function collect(signal?: NodeJS.Signals, afterMs?: number): Promise<{ code: number | null; sig: string | null; mark: string; output: string }> {
  const mark = `GATEBENCH_FAULT_${process.pid}_${++runCount}`;
  const port = await freePortRun(2); // the second variant listens on port + 1
  const args = ['--import', 'tsx', 'ingest/collect/cli.ts', '--repetitions', '2', '--duration', '1', '--warmup', '0'];
  args.push('--phases', 'throughput,fixed-rate', '--rate', '500', '--no-build', '--no-analyze', '--no-pin', '--port', String(port), '--out', out);
  const p = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, GATEBENCH_FAULT_MARK: mark }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  p.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  p.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const timer = signal ? setTimeout(() => p.kill(signal), afterMs) : undefined;
  const hard = setTimeout(() => p.kill('SIGKILL'), 120000);
  const [code, sig] = await new Promise<[number | null, string | null]>((resolve) => p.on('exit', (c, s) => resolve([c, s])));
  clearTimeout(timer);
  clearTimeout(hard);
  return { code, sig, mark, output };
}

function runDirs(): string[] {
  return readdirSync(out).filter((n) => statSync(path.join(out, n)).isDirectory());
}

let interruptedRuns = 0;
let firstRun = '';
let firstHash = '';

test('a complete run to keep: collect exits 0 and writes a complete manifest', async () => {
  const r = await collect();
  assert.is(r.code, 0, r.output.slice(-2000));
  const dirs = runDirs();
  assert.is(dirs.length, 1, dirs.join(' '));
  firstRun = path.join(out, dirs[0]!);
  const run = await loadRun(firstRun);
  assert.is(run.error, null);
  assert.is(run.manifest!.status, 'complete');
  firstHash = treeHash(firstRun);
  assert.equal(processesMarked(r.mark), []);
});

for (const [signal, afterMs] of [
  ['SIGINT', 2500],
  ['SIGTERM', 2500],
  ['SIGINT', 5000],
  ['SIGTERM', 6500],
] as const) {
  test(`${signal} after ${afterMs} ms: no process left, no half-written file, run marked incomplete, earlier run intact`, async () => {
    const before = new Set(runDirs());
    const r = await collect(signal, afterMs);
    assert.ok(r.code !== 0 || r.sig !== null, `collect finished before the signal: ${r.output.slice(-500)}`);
    await waitFor(() => processesMarked(r.mark).length === 0, `no process of the interrupted collect left (${processesMarked(r.mark).join('; ')})`);
    const added = runDirs().filter((d) => !before.has(d));
    const leftovers = walk(out).filter((f) => /\.tmp\b|\.tmp-|\.partial/.test(path.basename(f.replace(/\/$/, ''))));
    assert.equal(leftovers, [], 'no staging directory or temporary file left');
    // A signal before the run directory exists leaves none; otherwise there is one, incomplete.
    assert.ok(added.length <= 1, added.join(' '));
    interruptedRuns += added.length;
    for (const d of added) {
      const run = await loadRun(path.join(out, d));
      assert.is(run.error, null, run.error ?? '');
      assert.is(run.manifest!.status, 'incomplete');
      assert.ok(run.manifest!.repetitions.some((rep) => rep.status === 'incomplete'));
    }
    if (added.length) assert.is(r.code, 130, `exit code of an interrupted collect: ${r.code}`);
    assert.is(treeHash(firstRun), firstHash, 'the earlier run is untouched');
  });
}

test('an unwritable results folder: exit 3 with one clear line, nothing run, the earlier run untouched', async () => {
  const blocker = path.join(out, 'not-a-folder');
  writeFileSync(blocker, 'a file where the results folder should be\n');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'ingest/collect/cli.ts', '--quick', '--no-build', '--no-analyze', '--no-pin', '--phases', 'throughput', '--out', path.join(blocker, 'runs')],
    { cwd: ROOT, encoding: 'utf8', timeout: 120000 },
  );
  assert.is(r.status, 3, r.stdout + r.stderr);
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.is(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^collect: cannot create the run folder in .*not-a-folder\/runs: ENOTDIR/);
  assert.is(treeHash(firstRun), firstHash, 'the earlier run is untouched');
});

test('at least one signal landed while a run was being written', () => {
  assert.ok(interruptedRuns >= 1, `${interruptedRuns} interrupted runs`);
});

test.after(() => rmSync(out, { recursive: true, force: true }));

test.run();
