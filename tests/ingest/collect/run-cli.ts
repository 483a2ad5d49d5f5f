/**
 * Test helper: run `ingest/collect/cli.ts` (or import-cli.ts) as a child process, tagged with an environment
 * variable so a test can find every process it left behind (the tag is inherited by all descendants).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { freePortRun } from '../../../hardening/lib/free-port.ts';

export const TAG_VAR = 'GATEBENCH_TEST_TAG';

export interface CliRun {
  child: ChildProcess;
  tag: string;
  stdout: () => string;
  stderr: () => string;
  done: Promise<{ code: number | null; signal: string | null }>;
}

/**
 * Start the CLI at `script` with `args`.
 *
 * @example
 * const run = startCli('ingest/collect/cli.ts', ['--dry-run']); (await run.done).code // -> 0
 */
export function startCli(script: string, args: string[], env: Record<string, string> = {}): CliRun {
  const tag = randomUUID();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [TAG_VAR]: tag, FORCE_COLOR: '0', ...env },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, tag, stdout: () => out, stderr: () => err, done };
}

/**
 * Pids of live processes whose environment carries `tag` (zombies excluded).
 *
 * @example
 * taggedPids(run.tag) // -> [] once the collector cleaned up
 */
export function taggedPids(tag: string): number[] {
  const needle = `${TAG_VAR}=${tag}`;
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (readFileSync(`/proc/${e}/environ`, 'latin1').split('\0').includes(needle)) out.push(Number(e));
    } catch {
      /* gone or not readable */
    }
  }
  return out;
}

/**
 * A port for a collect run of the embedded gateway: it and the next one (the second variant's) are free,
 * outside the ephemeral range.
 *
 * @example
 * await freePort() // -> 24117
 */
export function freePort(): Promise<number> {
  return freePortRun(2);
}
