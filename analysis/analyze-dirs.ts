/**
 * The analysis of run directories, the one path of `npm run analyze` (and of `npm run site` when the analysis
 * it reads is missing), for one run or a thousand: each directory in turn goes through the per-run cache
 * (run-cache.ts: its key, the cached part when there is one, else load + parse + analyze and store), its
 * parsed files are dropped once it is analyzed, and the parts are put together (analyze.ts). Each run's part
 * also comes back as its rendered report pieces (report/rendered-runs.ts), so the reports of a long history
 * are put together from them instead of being serialized again.
 */
import { runDirs } from '../ingest/run-dirs.ts';
import { assembleAnalysis, type RunPart } from './analyze.ts';
import { analyzeRun } from './analyze-run.ts';
import { loadInput } from './load/load-inputs.ts';
import { METRICS } from './metrics/metric-defs.ts';
import { csvRowsOfRun } from './report/csv.ts';
import type { RenderedRuns } from './report/rendered-runs.ts';
import { DEFAULT_CACHE_DIR, readCachedText, runCacheKey, writeCachedText } from './load/run-cache.ts';
import type { Analysis, Settings } from './schema.ts';
import type { Target } from './compare/targets.ts';

/** One run directory's part of the analysis and its rendered report pieces. */
export interface DirResult {
  part: RunPart;
  /** JSON.stringify of `part`: the run's piece of analysis.json, and what the cache keeps */
  json: string;
  /** the run's rows of metrics.csv */
  csv: string;
  /** true when read from the cache */
  cached: boolean;
}

/**
 * One run directory through the per-run cache (`cacheDir` null: no cache). A damaged entry (torn, or not
 * JSON inside) is a miss: the run is analyzed again and the entry written anew.
 *
 * @example
 * const r = await analyzeDir('raw-results/r1', DEFAULT_SETTINGS, targets, '.cache/analysis');
 * r.part.run.id // 'r1'
 */
export async function analyzeDir(dir: string, settings: Settings, targets: Target[], cacheDir: string | null): Promise<DirResult> {
  const key = cacheDir ? runCacheKey(dir, settings, targets) : null;
  const cachedJson = cacheDir && key ? readCachedText(cacheDir, key) : null;
  if (cachedJson !== null) {
    try {
      const part = JSON.parse(cachedJson) as RunPart;
      return { part, json: cachedJson, csv: csvRowsOfRun(part.run, METRICS), cached: true };
    } catch {
      // not JSON inside: analyzed again below
    }
  }
  const a = analyzeRun(await loadInput(dir), settings, targets);
  const part: RunPart = { run: a.run, comparisons: a.comparisons, targets: a.targets };
  const json = JSON.stringify(part);
  if (cacheDir && key) writeCachedText(cacheDir, key, json);
  return { part, json, csv: csvRowsOfRun(part.run, METRICS), cached: false };
}

export interface AnalyzeDirsOptions {
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
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  const parts: RunPart[] = [];
  const rendered: RenderedRuns = new Map();
  for (const dir of dirs) {
    const r = await analyzeDir(dir, settings, targets, cacheDir);
    parts.push(r.part);
    rendered.set(r.part.run.id, { json: r.json, csv: r.csv });
  }
  return { analysis: assembleAnalysis(parts, settings), rendered };
}

/**
 * @example
 * const analysis = await analyzeDirs(['raw-results/a', 'raw-results/b'], DEFAULT_SETTINGS, targets, { cacheDir: null });
 */
export async function analyzeDirs(dirs: string[], settings: Settings, targets: Target[], options: AnalyzeDirsOptions = {}): Promise<Analysis> {
  return (await analyzeDirsRendered(dirs, settings, targets, options)).analysis;
}

/**
 * Every run directory under `root` (a subdirectory holding a manifest.json), analyzed: what `npm run analyze
 * -- --runs ROOT` computes.
 *
 * @example
 * const { analysis, rendered } = await analyzeRunsFolder('raw-results', DEFAULT_SETTINGS, targets);
 */
export async function analyzeRunsFolder(root: string, settings: Settings, targets: Target[], options: AnalyzeDirsOptions = {}): Promise<AnalyzedDirs> {
  return analyzeDirsRendered(await runDirs(root), settings, targets, options);
}
