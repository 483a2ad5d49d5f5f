/**
 * The analysis of every run directory, streaming (a run's parsed files are dropped once it is analyzed) and,
 * with several runs and CPUs, spread over this thread and worker threads, each taking the next directory as
 * it becomes free. Each run goes through the per-run cache (analyze-dir.ts: key, cached part, or load +
 * parse + analyze and store) on the thread that takes it, so a cold and a warm history are both parallel.
 * Results are identical to the serial path (resampling plans are seeded per side, not per thread; a part
 * from a worker or the cache is its JSON, which gives the same output JSON); only the wall time changes.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { assembleAnalysis, type RunPart } from './analyze.ts';
import { analyzeDir, analyzeTaken, type DirResult } from './analyze-dir.ts';
import type { RenderedRuns } from './report/rendered-runs.ts';
import { csvRowsOfRun } from './report/csv.ts';
import { METRICS } from './metric-defs.ts';
import { DEFAULT_CACHE_DIR } from './run-cache.ts';
import { workerBundle } from './worker-bundle.ts';
import type { Analysis, Settings } from './schema.ts';
import type { Target } from './targets.ts';

/**
 * Threads used by default (this one and threads - 1 workers): the CPUs, at most 4.
 *
 * @example
 * defaultThreads() // 2 on a 2-core machine
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

type WorkerMessage = { index: number; json: string; csv: string | null; cached: boolean } | { done: true };

/**
 * Analyzes `dirs` on this thread and `helpers` worker threads at once, each taking the next directory from
 * a shared counter; calls `onResult` for each directory as its result arrives. This thread takes part: its
 * modules are loaded and its code is warm, while a worker needs time to load its own (~0.15 s from the
 * bundle of worker-bundle.ts, ~0.7 s through tsx).
 */
async function shared(
  dirs: string[],
  settings: Settings,
  targets: Target[],
  cacheDir: string | null,
  helpers: number,
  onResult: (index: number, r: DirResult) => void,
): Promise<void> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workerData = { dirs, settings, targets, cacheDir, next };
  // the worker as one JavaScript file when it can be built (fast start), else through tsx, which the worker
  // registers itself (worker threads do not inherit the parent's module hooks)
  const bundle = helpers > 0 ? await workerBundle() : null;
  const url = new URL('./analyze-worker.ts', import.meta.url).href;
  const code = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url)}); })`;
  const worker = () =>
    new Promise<void>((resolve, reject) => {
      const w = bundle !== null ? new Worker(bundle, { workerData }) : new Worker(code, { eval: true, workerData });
      let done = false;
      w.on('message', (m: WorkerMessage) => {
        if ('done' in m) {
          done = true;
          resolve();
          void w.terminate();
        } else onResult(m.index, { json: m.json, csv: m.csv, cached: m.cached, part: null });
      });
      w.once('error', reject);
      w.once('exit', (code) => {
        if (!done) reject(new Error(`analysis worker exited with code ${code} before finishing`));
      });
    });
  const running = Array.from({ length: helpers }, worker);
  // this thread's share; a worker that fails rejects its promise, which is reported once this loop is done
  running.forEach((p) => p.catch(() => {}));
  await analyzeTaken(next, dirs, settings, targets, cacheDir, onResult);
  await Promise.all(running);
}

export interface AnalyzeDirsOptions {
  /** threads in all: this one and threads - 1 workers (default: the CPUs, at most 4) */
  threads?: number;
  /** where per-run results are cached (default .cache/analysis); null: no cache */
  cacheDir?: string | null;
}

/** The analysis and each run's rendered report pieces (for reportFiles / renderJson / renderCsv). */
export interface AnalyzedDirs {
  analysis: Analysis;
  rendered: RenderedRuns;
}

/**
 * @example
 * const { analysis, rendered } = await analyzeDirsRendered(dirs, DEFAULT_SETTINGS, targets);
 * reportFiles(analysis, rendered)
 */
export async function analyzeDirsRendered(dirs: string[], settings: Settings, targets: Target[], options: AnalyzeDirsOptions = {}): Promise<AnalyzedDirs> {
  const threads = options.threads ?? defaultThreads();
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  const parts: (RunPart | null)[] = new Array(dirs.length).fill(null);
  const pieces: (DirResult | null)[] = new Array(dirs.length).fill(null);
  const redo: number[] = [];
  const take = (index: number, r: DirResult): void => {
    pieces[index] = r;
    if (r.part !== null) {
      parts[index] = r.part;
      return;
    }
    try {
      parts[index] = JSON.parse(r.json) as RunPart;
    } catch (err) {
      if (!r.cached) throw err;
      redo.push(index); // a damaged cache entry: analyzed again below, without the cache
    }
  };
  // this thread and threads - 1 workers; no worker for a handful of runs (starting one costs most of a second)
  const helpers = dirs.length >= 8 ? Math.max(0, threads - 1) : 0;
  await shared(dirs, settings, targets, cacheDir, helpers, take);
  for (const i of redo) take(i, await analyzeDir(dirs[i], settings, targets, null));
  const rendered: RenderedRuns = new Map();
  parts.forEach((p, i) => {
    // a cached run's CSV rows are made here from its parsed part (the cache keeps only the JSON)
    if (p !== null && pieces[i] !== null) rendered.set(p.run.id, { json: pieces[i]!.json, csv: pieces[i]!.csv ?? csvRowsOfRun(p.run, METRICS) });
  });
  return { analysis: assembleAnalysis(parts.filter((p): p is RunPart => p !== null), settings), rendered };
}

/**
 * @example
 * const analysis = await analyzeDirs(['raw-results/a', 'raw-results/b'], DEFAULT_SETTINGS, targets, { threads: 2 });
 */
export async function analyzeDirs(dirs: string[], settings: Settings, targets: Target[], options: AnalyzeDirsOptions = {}): Promise<Analysis> {
  return (await analyzeDirsRendered(dirs, settings, targets, options)).analysis;
}
