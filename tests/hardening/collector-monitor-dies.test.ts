/**
 * A monitor that exits early (found by tests/hardening/, fixed in ingest/collect/phases.ts): pidstat
 * SIGKILLed during the throughput phase used to leave the repetition and the run marked `complete`, with
 * only a parse message blaming the file's format. The repetition is now failed with an error naming the
 * monitor and how it ended, and the run goes on.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRun } from '../../ingest/load.ts';
import { freePortRun } from '../../hardening/lib/free-port.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = mkdtempSync(path.join(os.tmpdir(), 'gatebench-collect-monitor-'));

test('a monitor (pidstat) killed mid-phase fails its repetition with a clear error', async () => {
  const mark = `GATEBENCH_MONITOR_${process.pid}`;
  const port = await freePortRun(2); // the second variant listens on port + 1
  const args = ['--import', 'tsx', 'ingest/collect/cli.ts', '--repetitions', '1', '--order', 'abab', '--duration', '3', '--warmup', '0'];
  args.push('--phases', 'throughput', '--no-build', '--no-analyze', '--no-pin', '--port', String(port), '--out', out);
  const p = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, GATEBENCH_FAULT_MARK: mark }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  p.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  p.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let killed = 0;
  // Kill the first pidstat this collect starts, as soon as it appears.
  const poll = setInterval(() => {
    if (killed) return;
    for (const n of readdirSync('/proc')) {
      if (!/^\d+$/.test(n)) continue;
      try {
        // a monitoring pidstat (-p PIDS), not the `pidstat -V` the collector runs for the manifest's tool versions
        const cmd = readFileSync(`/proc/${n}/cmdline`, 'latin1');
        if (!cmd.startsWith('pidstat\0') || !cmd.includes('\0-p\0')) continue;
        if (!readFileSync(`/proc/${n}/environ`, 'latin1').includes(mark)) continue;
        process.kill(Number(n), 'SIGKILL');
        killed = Number(n);
        return;
      } catch {
        // gone meanwhile
      }
    }
  }, 50);
  const hard = setTimeout(() => p.kill('SIGKILL'), 120000);
  await new Promise((resolve) => p.on('exit', resolve));
  clearInterval(poll);
  clearTimeout(hard);
  assert.ok(killed > 0, 'pidstat was killed mid-phase');
  const dir = readdirSync(out).find((d) => !d.startsWith('.'));
  assert.ok(dir, output.slice(-1000));
  const run = await loadRun(path.join(out, dir!));
  assert.is(run.error, null);
  const rep = run.manifest!.repetitions.find((r) => r.phases.some((ph) => ph.commands.some((c) => c.pid === killed)));
  assert.ok(rep, `the repetition whose pidstat (pid ${killed}) was killed: ${output.slice(-600)}`);
  assert.match(output, /pidstat[^\n]*(killed|SIGKILL|signal|exited|died)/i, 'a message saying the monitor died');
  assert.ok(rep!.status !== 'complete' || rep!.error !== null, `repetition marked ${rep!.status} with error ${rep!.error}`);
});

test.after(() => rmSync(out, { recursive: true, force: true }));

test.run();
