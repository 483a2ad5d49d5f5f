/**
 * What a per-call micro bench (bench-parse-small) needs: CPU-time medians, and
 * running the bench again from an esbuild bundle (`--bundled`), as the analysis worker threads run the code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Median of the per-call microseconds over `rounds` rounds of `iterations` calls of `fn`, in CPU time of this
 * process (user + system): on a machine shared with other work, wall time counts the time this process waited
 * for a core, CPU time does not (it does count V8's GC and compiler threads, which are part of the cost).
 *
 * @example
 * medianCpuUs(() => detectFormat(text), 7, 3000) // 3.6
 */
export function medianCpuUs(fn: () => unknown, rounds: number, iterations: number): number {
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < iterations; i++) fn();
    const d = process.cpuUsage(c0);
    per.push((d.user + d.system) / iterations);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)];
}

/** medianCpuUs of an asynchronous `fn` (each call awaited). */
export async function medianCpuUsAsync(fn: () => Promise<unknown>, rounds: number, iterations: number): Promise<number> {
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < iterations; i++) await fn();
    const d = process.cpuUsage(c0);
    per.push((d.user + d.system) / iterations);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)];
}

/**
 * Bundles the script at `scriptUrl` with esbuild (no tsx keepNames, packages left as imports) and runs the
 * bundle with plain node and this process's arguments less `--bundled`; returns its exit status. The bundle
 * lives in the checkout's git-ignored .cache, so that its package imports resolve from node_modules, and is
 * deleted afterwards.
 *
 * @example
 * if (values.bundled) process.exit(await runBundled(import.meta.url));
 */
export async function runBundled(scriptUrl: string): Promise<number> {
  const script = fileURLToPath(scriptUrl);
  const name = basename(script).replace(/\.ts$/, '');
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  mkdirSync(join(repo, '.cache'), { recursive: true });
  const dir = mkdtempSync(join(repo, '.cache', `${name}-`));
  try {
    const { build } = await import('esbuild');
    const out = join(dir, `${name}.mjs`);
    await build({ entryPoints: [script], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: out, logLevel: 'silent' });
    const args = process.argv.slice(2).filter((a) => a !== '--bundled');
    console.log('(bundled with esbuild, run by plain node: no keepNames)');
    return spawnSync(process.execPath, [out, ...args], { stdio: 'inherit' }).status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
