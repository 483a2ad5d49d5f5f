/**
 * Import a folder of seed-era results (`proxy_cpu.csv`, `proxy_wrk.txt`, `zerocopy_cpu.csv`,
 * `zerocopy_wrk.txt`, written by the original project's benchmark scripts) as a gatebench run: the files are
 * copied untouched into `<variant>/rep-1/throughput.*`, next to a manifest that says they were imported,
 * from where, and what is unknown (machine, tools, exact commands). `proxy` becomes variant proxy (v1.0),
 * `zerocopy` variant fdpass (v2.0).
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRawFile } from '../load.ts';
import { Manifest, MANIFEST_SCHEMA_VERSION, type Phase, type Repetition } from '../manifest.ts';
import type { WrkRecord } from '../records/wrk.ts';
import { wrkSummary } from './derive.ts';
import { DEFAULT_OPTIONS } from './options.ts';
import { createTempRunDir, finalizeRunDir, runDirName, writeRunFile } from './writer.ts';

/** seed-era file prefix -> variant */
export const SEED_VARIANTS = [
  { prefix: 'proxy', name: 'proxy', label: 'v1.0' },
  { prefix: 'zerocopy', name: 'fdpass', label: 'v2.0' },
] as const;

export class ImportError extends Error {
  override name = 'ImportError';
}

/**
 * The seed-era files present in `dir`, by variant.
 *
 * @example
 * seedFiles('old/results') // -> [{ variant: 'proxy', label: 'v1.0', cpu: 'old/results/proxy_cpu.csv', wrk: 'old/results/proxy_wrk.txt' }, ...]
 */
export function seedFiles(dir: string): { variant: string; label: string; cpu: string | null; wrk: string | null }[] {
  return SEED_VARIANTS.map((v) => {
    const cpu = join(dir, `${v.prefix}_cpu.csv`);
    const wrk = join(dir, `${v.prefix}_wrk.txt`);
    return { variant: v.name, label: v.label, cpu: existsSync(cpu) ? cpu : null, wrk: existsSync(wrk) ? wrk : null };
  }).filter((v) => v.cpu !== null || v.wrk !== null);
}

/**
 * Import `dir` into `out` as a run labelled `label`; returns the run directory and its manifest.
 *
 * @example
 * const { runDir } = await importSeedRun('old/results', 'seed', 'raw-results') // -> runDir 'raw-results/2024-03-01T10-00-00Z-seed'
 */
export async function importSeedRun(dir: string, label: string, out: string, argv: string[] = []): Promise<{ runDir: string; manifest: Manifest }> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ImportError(`${dir} is not a directory`);
  const found = seedFiles(dir);
  if (found.length === 0) throw new ImportError(`${dir} has none of proxy_cpu.csv, proxy_wrk.txt, zerocopy_cpu.csv, zerocopy_wrk.txt`);
  const mtime = (p: string) => statSync(p).mtime.toISOString();
  const allFiles = found.flatMap((f) => [f.cpu, f.wrk].filter((p): p is string => p !== null));
  const createdAt = allFiles.map(mtime).sort()[0];
  const id = runDirName(new Date(createdAt), label);
  const tmp = createTempRunDir(out, id);
  const imported: { source: string; path: string; mtime: string }[] = [];
  const reps: Repetition[] = [];
  let threads: number | null = null;
  let connections: number | null = null;
  let duration: number | null = null;

  for (const [order, f] of found.entries()) {
    const files: Phase['files'] = [];
    const summary: Record<string, number | null> = {};
    let error: string | null = null;
    const copy = (src: string, name: string, role: Phase['files'][number]['role']) => {
      const rel = `${f.variant}/rep-1/${name}`;
      mkdirSync(join(tmp, f.variant, 'rep-1'), { recursive: true });
      copyFileSync(src, join(tmp, rel));
      files.push({ role, path: rel });
      imported.push({ source: resolve(src), path: rel, mtime: mtime(src) });
    };
    if (f.wrk) {
      copy(f.wrk, 'throughput.wrk.txt', 'wrk');
      try {
        const rec = (await readRawFile(f.wrk)) as WrkRecord;
        if (rec.format !== 'wrk') throw new Error(`read as ${rec.format}, not wrk output`);
        Object.assign(summary, wrkSummary(rec));
        threads ??= rec.threads ?? null;
        connections ??= rec.connections ?? null;
        duration ??= rec.duration_s ?? null;
      } catch (e) {
        const err = e as Error & { describe?: () => string };
        error = `the wrk output does not record a usable run: ${err.describe ? err.describe() : `${f.wrk}: ${err.message}`}`;
      }
    }
    if (f.cpu) copy(f.cpu, 'throughput.pidstat.csv', 'pidstat-csv');
    const times = [f.cpu, f.wrk].filter((p): p is string => p !== null).map(mtime).sort();
    reps.push({
      variant: f.variant,
      repetition: 1,
      order,
      status: error ? 'failed' : 'complete',
      error,
      started_at: times[0],
      finished_at: times[times.length - 1],
      pids: { gateway: null, workers: [] },
      phases: [{ name: 'throughput', timed: true, started_at: times[0], finished_at: times[times.length - 1], commands: [], files, summary }],
    });
  }

  const variants = found.map((f) => ({ name: f.variant, label: f.label }));
  const raw = {
    schema_version: MANIFEST_SCHEMA_VERSION,
    kind: 'compare',
    sweep: null,
    id,
    label,
    status: reps.some((r) => r.status === 'complete') ? 'complete' : 'failed',
    created_at: createdAt,
    finished_at: reps.map((r) => r.finished_at!).sort().at(-1) ?? createdAt,
    machine: { name: 'unknown', hostname: 'unknown', kernel: 'unknown', cpu_model: 'unknown', cpu_count: 0, mem_kb: 0, fingerprint: 'unknown' },
    tools: {},
    git: { commit: null, dirty: null },
    config: {
      variants,
      baseline: variants[0].name,
      candidate: (variants[1] ?? variants[0]).name,
      repetitions: 1,
      duration_s: duration ?? 1,
      warmup_s: 0,
      connections: connections ?? 1,
      threads: threads ?? 1,
      rate_rps: DEFAULT_OPTIONS.rate_rps,
      function: 'hello',
      seed: 0,
      order: 'abab',
      aa: false,
      pinning: { sut_cpus: null, load_cpus: null },
      phases: ['throughput'],
    },
    repetitions: reps,
    skipped: [
      { phase: 'fixed-rate', reason: 'imported seed-era results: no fixed-rate phase was run' },
      { phase: 'strace', reason: 'imported seed-era results: no strace phase was run' },
      { phase: 'perf-record', reason: 'imported seed-era results: no perf record phase was run' },
    ],
    plan: reps.map((r) => ({ variant: r.variant, repetition: 1, order: r.order })),
    interrupted_by: null,
    argv,
    imported: { from: resolve(dir), at: new Date().toISOString(), files: imported },
  };
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) throw new Error(`manifest invalid at ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
  writeRunFile(tmp, 'manifest.json', `${JSON.stringify(parsed.data, null, 2)}\n`);
  return { runDir: finalizeRunDir(tmp, out, id), manifest: parsed.data };
}
