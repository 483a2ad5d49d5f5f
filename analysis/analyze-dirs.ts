/**
 * The analysis of every run directory, streaming (a run's parsed files are dropped once it is analyzed) and,
 * with several runs and CPUs, spread over worker threads: each worker loads, parses and analyzes its share
 * of the directories. Results are identical to the serial path (resampling plans are seeded per side, not
 * per thread); only the wall time changes.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { assembleAnalysis, type RunPart } from './analyze.ts';
import { analyzeRun } from './analyze-run.ts';
import { loadInput } from './load-inputs.ts';
import type { Analysis, Settings } from './schema.ts';
import type { PlanCache } from './summarize.ts';
import type { Target } from './targets.ts';
import { DEFAULT_CACHE_DIR, readCached, runCacheKey, writeCached } from './run-cache.ts';
import { basename } from 'node:path';

/**
 * Worker threads used by default: the CPUs, at most 4.
 *
 * @example
 * defaultThreads() // 2 on a 2-core machine
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function inWorker(dirs: string[], settings: Settings, targets: Target[]): Promise<RunPart[]> {
  const url = new URL('./analyze-worker.ts', import.meta.url).href;
  // the worker registers tsx itself: worker threads do not inherit the parent's module hooks
  const code = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url)}); })`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { dirs, settings, targets } });
    let done = false;
    w.once('message', (parts: RunPart[]) => {
      done = true;
      resolve(parts);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (!done) reject(new Error(`analysis worker exited with code ${code} before finishing`));
    });
  });
}

async function analyzeUncached(dirs: string[], settings: Settings, targets: Target[], threads: number): Promise<RunPart[]> {
  const workers = Math.min(threads, Math.floor(dirs.length / 4));
  if (workers <= 1) {
    const plans: PlanCache = new Map();
    const parts: RunPart[] = [];
    for (const dir of dirs) {
      const a = analyzeRun(await loadInput(dir), settings, targets, plans);
      parts.push({ run: a.run, comparisons: a.comparisons, targets: a.targets });
    }
    return parts;
  }
  // interleaved shares so that every worker gets old and new runs alike
  const shares = Array.from({ length: workers }, (_, w) => dirs.filter((_, i) => i % workers === w));
  return (await Promise.all(shares.map((share) => inWorker(share, settings, targets)))).flat();
}

export interface AnalyzeDirsOptions {
  /** worker threads (default: the CPUs, at most 4) */
  threads?: number;
  /** where per-run results are cached (default .cache/analysis); null: no cache */
  cacheDir?: string | null;
}

/**
 * @example
 * const analysis = await analyzeDirs(['raw-results/a', 'raw-results/b'], DEFAULT_SETTINGS, targets, { threads: 2 });
 */
export async function analyzeDirs(dirs: string[], settings: Settings, targets: Target[], options: AnalyzeDirsOptions = {}): Promise<Analysis> {
  const threads = options.threads ?? defaultThreads();
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  const parts: (RunPart | null)[] = new Array(dirs.length).fill(null);
  const keys: (string | null)[] = new Array(dirs.length).fill(null);
  if (cacheDir) {
    dirs.forEach((dir, i) => {
      keys[i] = runCacheKey(dir, settings, targets);
      if (keys[i]) parts[i] = readCached(cacheDir, keys[i]!);
    });
  }
  const todo = dirs.map((d, i) => [d, i] as const).filter(([, i]) => parts[i] === null);
  const fresh = await analyzeUncached(todo.map(([d]) => d), settings, targets, threads);
  // workers return their shares in order; match results back by run id (ids are directory names)
  const byId = new Map(fresh.map((p) => [p.run.id, p]));
  for (const [dir, i] of todo) {
    const id = basename(dir.replace(/\/+$/, ''));
    const p = byId.get(id) ?? null;
    parts[i] = p;
    if (p && cacheDir && keys[i]) writeCached(cacheDir, keys[i]!, p);
  }
  return assembleAnalysis(parts.filter((p): p is RunPart => p !== null), settings);
}
