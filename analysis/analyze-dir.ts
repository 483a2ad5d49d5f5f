/**
 * One run directory to the part of the analysis the assembly needs (RunPart) and its rendered report
 * pieces (report/rendered-runs.ts), through the per-run cache: its key (run-cache.ts), the cached JSON when
 * there is one, else load + parse + analyze, render, and store the JSON. The unit of work of
 * analyze-dirs.ts, on the main thread or in a worker thread.
 */
import type { RunPart } from './analyze.ts';
import { analyzeRun } from './analyze-run.ts';
import { loadInput } from './load-inputs.ts';
import { csvRowsOfRun } from './report/csv.ts';
import { METRICS } from './metric-defs.ts';
import { readCachedText, runCacheKey, writeCachedText } from './run-cache.ts';
import type { Settings } from './schema.ts';
import type { Target } from './targets.ts';

/** A run's part as JSON text and its CSV rows (what a worker thread sends back: strings, cheap to pass). */
export interface DirResult {
  /** JSON of the RunPart */
  json: string;
  /** the run's rows of metrics.csv; null for a cached run (the caller makes them from the parsed part) */
  csv: string | null;
  /** the RunPart itself when it was just computed (no need to parse `json` on this thread) */
  part: RunPart | null;
  /** true when read from the cache */
  cached: boolean;
}

/**
 * @example
 * const r = await analyzeDir('raw-results/r1', DEFAULT_SETTINGS, targets, '.cache/analysis', new Map());
 * JSON.parse(r.json).run.id // 'r1'
 */
export async function analyzeDir(dir: string, settings: Settings, targets: Target[], cacheDir: string | null): Promise<DirResult> {
  const key = cacheDir ? runCacheKey(dir, settings, targets) : null;
  if (cacheDir && key) {
    const json = readCachedText(cacheDir, key);
    if (json !== null) return { json, csv: null, part: null, cached: true };
  }
  const a = analyzeRun(await loadInput(dir), settings, targets);
  const part: RunPart = { run: a.run, comparisons: a.comparisons, targets: a.targets };
  const json = JSON.stringify(part);
  const csv = csvRowsOfRun(part.run, METRICS);
  if (cacheDir && key) writeCachedText(cacheDir, key, json);
  return { json, csv, part, cached: false };
}

/**
 * Analyzes run directories by index, taking each next index from `next` (an Int32Array over a
 * SharedArrayBuffer, shared by every thread at work) until none are left; calls `onResult` for each.
 * Yields to the event loop after each run, so a thread that also receives the workers' results handles
 * them as they come (not all at the end, when the other threads have nothing left to do).
 *
 * @example
 * await analyzeTaken(new Int32Array(new SharedArrayBuffer(4)), dirs, DEFAULT_SETTINGS, targets, null, new Map(), (i, r) => parts[i] = r);
 */
export async function analyzeTaken(
  next: Int32Array,
  dirs: string[],
  settings: Settings,
  targets: Target[],
  cacheDir: string | null,
  onResult: (index: number, r: DirResult) => void,
): Promise<void> {
  for (let i = Atomics.add(next, 0, 1); i < dirs.length; i = Atomics.add(next, 0, 1)) {
    onResult(i, await analyzeDir(dirs[i], settings, targets, cacheDir));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
