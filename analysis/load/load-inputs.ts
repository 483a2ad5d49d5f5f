/**
 * The analysis loader: the only module of analysis/ that reads raw-results from disk. It lists the runs,
 * reads each manifest (ingest/load.ts) and parses every raw file the metrics use (ingest's readRawFile). A file that fails to parse is kept as its error (file, line,
 * reason) and the rest of the run is still analyzed; a run whose manifest fails is kept with its error.
 */
import { join } from 'node:path';
import { listRuns, loadRun, readRawFile, type LoadedRun } from '../../ingest/load.ts';
import { ParseError } from '../../ingest/parse-error.ts';
import type { FileInput, RecordInput, RunInput } from './inputs.ts';

/** File roles the metrics read; the others (perf-script, logs, stderr, the derived CSV) are not parsed here. */
export const ANALYZED_ROLES = new Set([
  'wrk',
  'pidstat',
  'pidstat-csv',
  'perf-stat',
  'perf-stat-workers',
  'bench-latency',
  'latencies',
  'strace',
  'proc-stat-before',
  'proc-stat-after',
  'speed-probe-before',
  'speed-probe-after',
]);

function toLoadError(err: unknown, file: string): FileInput {
  if (err instanceof ParseError) return { error: { file: err.file ?? file, line: err.line ?? null, reason: err.reason } };
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : null;
  if (code) return { error: { file, line: null, reason: code === 'ENOENT' ? 'no such file' : `cannot read (${code})` } };
  return { error: { file, line: null, reason: err instanceof Error ? err.message : String(err) } };
}

async function readOne(dir: string, path: string): Promise<FileInput> {
  const full = join(dir, path);
  try {
    return { record: (await readRawFile(full)) as RecordInput };
  } catch (err) {
    if (err instanceof ParseError && !err.file) err.file = full;
    return toLoadError(err, full);
  }
}

/**
 * Turn a loaded run (manifest or error) into the analysis input, parsing its raw files.
 *
 * @example
 * const input = await runInput(await loadRun('raw-results/2026-01-01T00-00-00Z-ab'));
 */
export async function runInput(run: LoadedRun): Promise<RunInput> {
  if (!run.manifest) {
    const m = /^(.*?manifest\.json):\s*(.*)$/.exec(run.error ?? '');
    return {
      id: run.id,
      manifest: null,
      error: { file: m ? m[1] : join(run.dir, 'manifest.json'), line: null, reason: m ? m[2] : (run.error ?? 'cannot load the run') },
      files: new Map(),
    };
  }
  const wanted = new Set<string>();
  for (const rep of run.manifest.repetitions) {
    for (const p of rep.phases) {
      // the seed-era CSV is only read when the phase has no pidstat text (collect derives it from the text)
      const hasText = p.files.some((f) => f.role === 'pidstat');
      for (const f of p.files) if (ANALYZED_ROLES.has(f.role) && !(f.role === 'pidstat-csv' && hasText)) wanted.add(f.path);
    }
  }
  const entries = await Promise.all([...wanted].map(async (path) => [path, await readOne(run.dir, path)] as const));
  return { id: run.id, manifest: run.manifest, error: null, files: new Map(entries) };
}

/**
 * Every run under `root`, loaded and parsed (runs one after the other, the files of a run in parallel).
 *
 * @example
 * const inputs = await loadInputs('raw-results');
 */
export async function loadInputs(root: string): Promise<RunInput[]> {
  const runs = await listRuns(root);
  const out: RunInput[] = [];
  for (const r of runs) out.push(await runInput(r));
  return out;
}

/**
 * One run directory, loaded and parsed.
 *
 * @example
 * const input = await loadInput('raw-results/2026-01-01T00-00-00Z-ab');
 */
export async function loadInput(dir: string): Promise<RunInput> {
  return runInput(await loadRun(dir));
}
