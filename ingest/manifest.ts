/**
 * The manifest of one collected run: `raw-results/<id>/manifest.json`.
 *
 * One zod declaration gives the runtime validator and the TypeScript type. The stored file carries
 * `schema_version`; readers call `migrateManifest` which upgrades older versions step by step and refuses
 * versions from the future with a clear error.
 *
 * Run directory layout (paths in `files` are relative to the run directory):
 *   manifest.json
 *   <variant>/rep-<k>/<phase>.<role>.<ext>   e.g. proxy/rep-1/throughput.wrk.txt
 *   <variant>/<point>/rep-<k>/...            a sweep's trial at one point, e.g. proxy/64KiB/rep-1/throughput.wrk.txt
 */
import { ExpectedChange, Target } from './declared.ts';
import { migrateStored } from './migrate.ts';
import { z } from 'zod';
import { RoleSelector } from './role-selector.ts';

export const MANIFEST_SCHEMA_VERSION = 4;

/** What a run measures: `compare` (every variant at one load) or `sweep` (every variant at each point of a sweep). */
export const RunKind = z.enum(['compare', 'sweep']);
export type RunKind = z.infer<typeof RunKind>;

/**
 * One point of a sweep: the response size it asks for and how the load is changed to ask for it (`path`
 * replaces the load URL's path and query, `body` the request body; null keeps the variant's own).
 */
export const SweepPoint = z.object({
  /** names the point's folders: `<variant>/<id>/rep-<k>/`, e.g. "64KiB" */
  id: z.string().regex(/^[A-Za-z0-9._-]+$/),
  size_bytes: z.number().int().nonnegative(),
  path: z.string().nullable(),
  body: z.string().nullable(),
  /** requests/s of the fixed-rate (open-loop) trials at this point (since schema 4; null: not recorded) */
  rate_rps: z.number().positive().nullable(),
});
export type SweepPoint = z.infer<typeof SweepPoint>;

/**
 * The folder of one repetition's raw files, relative to the run directory.
 *
 * @example
 * repetitionDir('proxy', 3) // -> 'proxy/rep-3'
 * repetitionDir('proxy', 3, '64KiB') // -> 'proxy/64KiB/rep-3'
 */
export function repetitionDir(variant: string, repetition: number, point?: string): string {
  return point === undefined ? `${variant}/rep-${repetition}` : `${variant}/${point}/rep-${repetition}`;
}

/** Role of a raw file: tells the analysis which parser reads it and what it measures. */
export const FileRole = z.enum([
  'wrk', // wrk --latency text (stdout)
  'pidstat', // pidstat -u -r -w -h text (LC_ALL=C)
  'pidstat-csv', // seed-era CSV derived from the pidstat text
  'perf-stat', // perf stat text (stderr): the gateway's counts
  'perf-stat-workers', // perf stat text (stderr): the workers' counts, summed over them
  'proc-stat-before', // /proc/stat copied verbatim just before a timed trial's load starts (per-CPU busy time)
  'proc-stat-after', // /proc/stat copied verbatim as soon as the trial's load ends
  'speed-probe-before', // native/build/speed-probe output just before a timed trial (machine speed per CPU)
  'speed-probe-after', // the same just after it
  'bench-latency', // bench-latency summary (stdout)
  'latencies', // raw per-request latencies from bench-latency
  'bench-throughput',
  'bench-cpu',
  'bench-memory',
  'strace', // strace -c -f summary
  'perf-script', // perf script stacks
  'stderr', // the system under test's stderr
  'stdout',
  'log', // a tool's own diagnostics (stderr of wrk, pidstat, strace, perf record): kept for audit, not parsed
]);
export type FileRole = z.infer<typeof FileRole>;

export const Status = z.enum(['complete', 'incomplete', 'failed']);
export type Status = z.infer<typeof Status>;

/** One process the collector launched: its exact argv and how it ended. */
export const Command = z.object({
  role: z.string(),
  argv: z.array(z.string()),
  exit_code: z.number().int().nullable(),
  signal: z.string().nullable().optional(),
  /** collector extension: the process id it ran as */
  pid: z.number().int().nullable().optional(),
  started_at: z.string().optional(),
  finished_at: z.string().nullable().optional(),
});
export type Command = z.infer<typeof Command>;

export const FileRef = z.object({ role: FileRole, path: z.string() });
export type FileRef = z.infer<typeof FileRef>;

export const Phase = z.object({
  /** e.g. "warmup", "throughput", "fixed-rate", "strace", "perf-record" */
  name: z.string(),
  /** timed phases produce the measurements; untimed ones (strace, perf record) perturb the SUT */
  timed: z.boolean(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  /** every process launched for the phase, with its exact argv and exit code */
  commands: z.array(Command),
  files: z.array(FileRef),
  skipped_reason: z.string().nullable().optional(),
  /**
   * collector extension: sanity figures parsed from the phase's raw files right after it ran (e.g. wrk
   * `requests`, `requests_per_s`, the gateway's mean `cpu_pct`); the analysis recomputes from the raw files.
   */
  summary: z.record(z.string(), z.number().nullable()).optional(),
});
export type Phase = z.infer<typeof Phase>;

export const Repetition = z.object({
  variant: z.string(),
  /** 1-based */
  repetition: z.number().int().positive(),
  /** position in the interleaved plan, 0-based */
  order: z.number().int().nonnegative(),
  status: Status,
  error: z.string().nullable().optional(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  /**
   * the processes of each role: `front` (what clients connect to: the gateway_* metrics), `workers` (the
   * workers_* metrics), `main` (what the start command ran, or the pid file's: started and stopped, monitored
   * only when a role includes it), `load` (wrk, bench-latency). `gateway` is the front's first pid (runs
   * collected before roles: the main process, which was the front).
   */
  pids: z.object({
    gateway: z.number().int().nullable(),
    workers: z.array(z.number().int()),
    load: z.array(z.number().int()).optional(),
    front: z.array(z.number().int()).optional(),
    main: z.number().int().nullable().optional(),
  }),
  phases: z.array(Phase),
  /** sweeps: the id of the sweep point this trial measured (manifest `sweep.points`); absent otherwise */
  point: z.string().optional(),
  /**
   * collector extension: the system under test for the whole repetition (not a phase: it spans them all),
   * its start command and how it ended, and its stdout/stderr files
   */
  sut: z.object({ command: Command, files: z.array(FileRef) }).optional(),
});
export type Repetition = z.infer<typeof Repetition>;

export const Variant = z.object({
  name: z.string(), // "proxy"
  label: z.string(), // "v1.0"
  build: z.string().nullable().optional(),
  start: z.array(z.string()).optional(),
  ready_url: z.string().optional(),
  /** collector extensions: the variant this one runs (differs from name in --aa runs), where and how */
  source: z.string().optional(),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  /** how the variant's processes were found: the config's monitor section, resolved (config.ts) */
  monitor: z
    .object({
      pid_file: z.string().nullable(),
      process_names: z.array(z.string()).nullable(),
      front: RoleSelector.optional(),
      workers: RoleSelector.optional(),
      profile: z.enum(['front', 'all']).optional(),
    })
    .optional(),
  load: z
    .object({ url: z.string(), method: z.string(), body: z.string().nullable(), headers: z.record(z.string(), z.string()) })
    .optional(),
  /** the generated wrk Lua script (relative to the run directory) when the load is not a plain GET */
  load_script: z.string().nullable().optional(),
});
export type Variant = z.infer<typeof Variant>;

export const Manifest = z.object({
  schema_version: z.literal(MANIFEST_SCHEMA_VERSION),
  /** since schema 2; older manifests are `compare` runs */
  kind: RunKind,
  /** the sweep's points, in size order (kind `sweep`); null for a `compare` run */
  sweep: z.object({ points: z.array(SweepPoint).min(1) }).nullable(),
  id: z.string(),
  label: z.string(),
  status: Status,
  created_at: z.string(),
  finished_at: z.string().nullable(),
  machine: z.object({
    /**
     * v2: the user's name for the machine (`--machine NAME`, default the hostname): the history puts the
     * runs of one name on one timeline; a changed kernel, CPU or tool version is an event on it
     */
    name: z.string(),
    hostname: z.string(),
    kernel: z.string(),
    cpu_model: z.string(),
    cpu_count: z.number().int(),
    mem_kb: z.number().int(),
    fingerprint: z.string(),
  }),
  tools: z.record(z.string(), z.string().nullable()),
  git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
  config: z.object({
    variants: z.array(Variant),
    baseline: z.string(),
    candidate: z.string(),
    repetitions: z.number().int().positive(),
    duration_s: z.number().positive(),
    warmup_s: z.number().nonnegative(),
    connections: z.number().int().positive(),
    threads: z.number().int().positive(),
    rate_rps: z.number().positive(),
    function: z.string(),
    workers: z.number().int().positive().optional(),
    seed: z.number().int(),
    order: z.enum(['abab', 'random']),
    aa: z.boolean().default(false),
    pinning: z.object({ sut_cpus: z.string().nullable(), load_cpus: z.string().nullable() }),
    /** a --config's own targets and expected changes (ingest/declared.ts), judged by the analysis on this run */
    targets: z.array(Target).optional(),
    expected: z.array(ExpectedChange).optional(),
  }).passthrough(),
  repetitions: z.array(Repetition),
  /**
   * 1/5/15-minute load averages when the run started and ended: a busy machine (load above the core
   * count) makes figures noisy, and the reader of a run deserves to know.
   */
  load_avg: z.object({ start: z.array(z.number()), end: z.array(z.number()) }).optional(),
  /** phases skipped for the whole run, e.g. perf missing: { phase: "perf-record", reason: "perf not installed" } */
  skipped: z.array(z.object({ phase: z.string(), reason: z.string() })).default([]),
  /** collector extensions: the planned order (repetitions lists what ran), the signal that interrupted the run, argv */
  plan: z.array(z.object({ variant: z.string(), repetition: z.number().int().positive(), order: z.number().int().nonnegative(), point: z.string().optional() })).optional(),
  interrupted_by: z.string().nullable().optional(),
  argv: z.array(z.string()).optional(),
  /** set on runs made by `npm run import` from seed-era files */
  imported: z
    .object({ from: z.string(), at: z.string(), files: z.array(z.object({ source: z.string(), path: z.string(), mtime: z.string() })) })
    .optional(),
}).passthrough();
export type Manifest = z.infer<typeof Manifest>;

/**
 * v1 -> v2: the machine gets a name; a v1 run was collected before `--machine` existed, so its name is its
 * hostname (what the history showed for it).
 *
 * @example
 * manifestV1toV2({ schema_version: 1, machine: { hostname: 'vm', ... }, ... }) // -> { schema_version: 2, machine: { name: 'vm', hostname: 'vm', ... }, ... }
 */
export function manifestV1toV2(o: Record<string, unknown>): Record<string, unknown> {
  const machine = o.machine;
  if (typeof machine !== 'object' || machine === null) return { ...o, schema_version: 2 };
  const m = machine as Record<string, unknown>;
  return { ...o, schema_version: 2, machine: { name: m.hostname, ...m } };
}

/**
 * v2 -> v3: the run kind and a sweep's points were added; every v2 run compared its variants at one load.
 *
 * @example
 * manifestV2toV3({ schema_version: 2, id: 'r' }) // -> { schema_version: 3, id: 'r', kind: 'compare', sweep: null }
 */
export function manifestV2toV3(o: Record<string, unknown>): Record<string, unknown> {
  return { ...o, schema_version: 3, kind: 'compare', sweep: null };
}

/**
 * v3 -> v4: a sweep's points name their fixed rate. A v3 sweep ran its fixed-rate trials, when it ran any,
 * at the run's one `--rate` (`config.rate_rps`) at every size; null when the config does not say.
 *
 * @example
 * manifestV3toV4({ schema_version: 3, config: { rate_rps: 2500 }, sweep: { points: [{ id: '16B', size_bytes: 16, path: null, body: null }] } }).sweep
 * // -> { points: [{ id: '16B', size_bytes: 16, path: null, body: null, rate_rps: 2500 }] }
 */
export function manifestV3toV4(o: Record<string, unknown>): Record<string, unknown> {
  const sweep = o.sweep as { points?: unknown } | null | undefined;
  if (typeof sweep !== 'object' || sweep === null || !Array.isArray(sweep.points)) return { ...o, schema_version: 4 };
  const rate = (o.config as { rate_rps?: unknown } | undefined)?.rate_rps;
  const rate_rps = typeof rate === 'number' && rate > 0 ? rate : null;
  return { ...o, schema_version: 4, sweep: { ...sweep, points: sweep.points.map((pt) => ({ ...(pt as object), rate_rps })) } };
}

/**
 * Upgrade a parsed manifest.json of any known schema version to the current one.
 * Each step is one function `vN -> vN+1`: v1 -> v2 names the machine, v2 -> v3 adds the run kind (sweeps),
 * v3 -> v4 gives a sweep's points their fixed rate.
 *
 * @example
 * migrateManifest(JSON.parse(text)) // -> Manifest, or throws "manifest schema_version 7 is newer than this gatebench (4)"
 */
export function migrateManifest(raw: unknown): Manifest {
  return migrateStored(raw, { what: 'manifest', current: MANIFEST_SCHEMA_VERSION, steps: { 1: manifestV1toV2, 2: manifestV2toV3, 3: manifestV3toV4 }, schema: Manifest });
}
