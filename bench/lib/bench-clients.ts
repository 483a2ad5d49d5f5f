/**
 * Running the C bench clients (native/build/bench-*) from TypeScript: their paths, and one call that runs a
 * client to completion and returns what it printed. Used by tests/native/bench-*.test.ts and the bench scripts.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BenchClient = 'bench-throughput' | 'bench-latency' | 'bench-memory' | 'bench-cpu';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Path of a built client: $GATEBENCH_BENCH_DIR/<name> (e.g. the ASan build) or native/build/<name>.
 *
 * @example
 * benchClientPath('bench-latency') // -> '/work/main/native/build/bench-latency'
 */
export function benchClientPath(name: BenchClient): string {
  return join(process.env.GATEBENCH_BENCH_DIR ?? join(REPO_ROOT, 'native', 'build'), name);
}

/**
 * Why the clients cannot run (not built), or null.
 *
 * @example
 * benchClientsMissing() // -> null after `make -C native`
 */
export function benchClientsMissing(): string | null {
  for (const name of ['bench-throughput', 'bench-latency', 'bench-memory', 'bench-cpu'] as const) {
    const path = benchClientPath(name);
    if (!existsSync(path)) return `${path} is not built (make -C native builds it)`;
  }
  return null;
}

export interface ClientRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run a program to completion without blocking the event loop (servers started from this process keep
 * being served), killing it after `timeoutMs` (default 120 s) so that a hang fails instead of stalling.
 *
 * @example
 * const r = await runClient(benchClientPath('bench-throughput'), ['-d', '1s', 'http://127.0.0.1:8080/api/hello']);
 * r.code // 0
 */
export function runClient(binary: string, args: string[], timeoutMs = 120_000): Promise<ClientRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}
