/**
 * The collector and a full disk: the results folder on a small tmpfs (mounted by this test, root only).
 * Before the run, too little room: one clear line before anything starts. During the run (the disk is
 * filled as soon as the run's .tmp- folder appears): one clear line, exit 3, no stack trace, no process
 * left, and the run collected before is byte-identical.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startCli, taggedPids } from '../ingest/collect/run-cli.ts';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const PREVIOUS = '{"schema_version":1,"note":"a run collected before"}\n';

function mountTmpfs(size: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gatebench-full-disk-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  assert.is(r.status, 0, `mount tmpfs: ${r.stderr}`);
  mkdirSync(path.join(dir, 'previous-run'));
  writeFileSync(path.join(dir, 'previous-run', 'manifest.json'), PREVIOUS);
  return dir;
}

function unmount(dir: string): void {
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
}

/** Write zeros until the filesystem says ENOSPC. */
function fill(dir: string): void {
  const fd = openSync(path.join(dir, 'filler'), 'w');
  const block = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    assert.is((e as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    closeSync(fd);
  }
}

const args = async (out: string) => ['--repetitions', '1', '--duration', '1', '--warmup', '0', '--phases', 'throughput', '--no-build', '--no-analyze', '--no-pin', '--port', String(await freePort()), '--out', out];

const maybe = isRoot ? test : test.skip;

maybe('too little room before the run: one line naming the folder and the room needed, nothing started', async () => {
  const dir = mountTmpfs('1m');
  try {
    const run = startCli('ingest/collect/cli.ts', await args(dir));
    const { code } = await run.done;
    assert.is(code, 3, run.stderr());
    const lines = run.stderr().split('\n').filter(Boolean);
    assert.is(lines.length, 1, run.stderr());
    assert.match(lines[0], new RegExp(`^collect: only \\d+ kB free on the filesystem holding ${dir}; a run of 2 repetitions needs about 3 MB`));
    assert.equal(readdirSync(dir).sort(), ['previous-run']);
    assert.is(readFileSync(path.join(dir, 'previous-run', 'manifest.json'), 'utf8'), PREVIOUS);
  } finally {
    unmount(dir);
  }
});

maybe('the disk fills up during the run: one line, exit 3, no process left, the previous run untouched', async () => {
  const dir = mountTmpfs('8m');
  try {
    const run = startCli('ingest/collect/cli.ts', await args(dir));
    // fill the disk as soon as the run's temporary folder exists
    let filled = false;
    for (let i = 0; i < 600 && !filled; i++) {
      if (readdirSync(dir).some((n) => n.startsWith('.tmp-'))) {
        fill(dir);
        filled = true;
      } else await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(filled, 'the run never created its .tmp- folder');
    const { code } = await run.done;
    assert.is(code, 3, run.stdout().slice(-2000) + run.stderr());
    assert.not.match(run.stderr(), /\n\s+at /, 'no stack trace');
    assert.match(run.stderr(), /collect: the disk is full \(ENOSPC\) writing .*; what was written so far is kept in its \.tmp- folder/);
    assert.equal(taggedPids(run.tag), []);
    assert.is(readFileSync(path.join(dir, 'previous-run', 'manifest.json'), 'utf8'), PREVIOUS);
  } finally {
    unmount(dir);
  }
});

test.run();
