/**
 * Build the manifest of a run from what the collector knows (pure: no fs, no clock) and validate it
 * against the schema of ingest/manifest.ts, so a run can never be written with a manifest the analysis rejects.
 */
import { Manifest, MANIFEST_SCHEMA_VERSION, type Repetition, type Status, type SweepPoint } from '../manifest.ts';
import type { ExpectedChange, Target } from '../declared.ts';
import type { Pinning } from './commands.ts';
import type { VariantSpec } from './config.ts';
import type { MachineFacts } from './machine.ts';
import type { CollectOptions } from './options.ts';
import type { PlanEntry } from './plan.ts';
import { pointLoad } from './sweep-points.ts';

export interface ManifestInput {
  id: string;
  label: string;
  created_at: string;
  finished_at: string | null;
  machine: MachineFacts;
  tools: Record<string, string | null>;
  git: { commit: string | null; dirty: boolean | null };
  options: CollectOptions;
  variants: VariantSpec[];
  /** generated wrk Lua script per variant name (relative to the run directory) */
  load_scripts: Record<string, string | null>;
  seed: number;
  pinning: Pinning;
  plan: PlanEntry[];
  /** the variants of each block ran side by side (trials back to back) rather than one after the other */
  together: boolean;
  /** a sweep's points (the run is then of kind `sweep`); null or absent for a plain run */
  points?: SweepPoint[] | null;
  repetitions: Repetition[];
  skipped: { phase: string; reason: string }[];
  interrupted_by: string | null;
  argv: string[];
  /** os.loadavg() at the start and at the end of the run */
  load_avg?: { start: number[]; end: number[] };
  /** a --config's own framing of the comparison (title, question, description), for the reports and the site */
  framing?: { title: string | null; question: string | null; description: string | null };
  /** a --config's own targets and expected changes, for the analysis to judge this run by */
  declared?: { targets: Target[]; expected: ExpectedChange[] };
}

/**
 * The run's status: `incomplete` when interrupted or when the plan did not run to its end, `failed` when a
 * variant has no completed repetition (there is nothing to compare it by: a candidate that never started
 * must not look like a run), else `complete` (a run whose plan ran to the end, even with some failed
 * repetitions, which the analysis excludes by their own status).
 *
 * @example
 * runStatus([{ variant: 'a', status: 'complete' }, { variant: 'a', status: 'failed' }], 2, false) // -> 'complete'
 * runStatus([{ variant: 'a', status: 'complete' }, { variant: 'b', status: 'failed' }], 2, false) // -> 'failed'
 * runStatus([{ variant: 'a', status: 'complete' }], 2, true) // -> 'incomplete'
 */
export function runStatus(reps: Pick<Repetition, 'status' | 'variant'>[], planned: number, interrupted: boolean): Status {
  if (interrupted || reps.length < planned || reps.some((r) => r.status === 'incomplete')) return 'incomplete';
  const variants = new Set(reps.map((r) => r.variant));
  for (const v of variants) if (!reps.some((r) => r.variant === v && r.status === 'complete')) return 'failed';
  if (variants.size === 0) return 'failed';
  return 'complete';
}

/**
 * The variants of a run without one completed repetition, with the first error of each.
 *
 * @example
 * variantsThatNeverRan([{ variant: 'b', status: 'failed', error: 'gateway exited with code 1 ...' }]) // -> [['b', 'gateway exited with code 1 ...']]
 */
export function variantsThatNeverRan(reps: Pick<Repetition, 'status' | 'variant' | 'error'>[]): [string, string | null][] {
  const out: [string, string | null][] = [];
  for (const v of new Set(reps.map((r) => r.variant))) {
    const mine = reps.filter((r) => r.variant === v);
    if (!mine.some((r) => r.status === 'complete')) out.push([v, mine.find((r) => r.error)?.error ?? null]);
  }
  return out;
}

/**
 * The run label when `--label` is not given: `<baseline label>-vs-<candidate label>`, or `aa-<variant>`.
 *
 * @example
 * defaultRunLabel([{ label: 'v1.0' }, { label: 'v2.0' }], false, 'proxy') // -> 'v1.0-vs-v2.0'
 */
export function defaultRunLabel(variants: Pick<VariantSpec, 'label'>[], aa: boolean, source: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return aa ? `aa-${safe(source)}` : `${safe(variants[0].label)}-vs-${safe(variants[1].label)}`;
}

/**
 * Assemble and validate the manifest; throws "manifest invalid at <path>: <message>" on a producer bug.
 *
 * @example
 * buildManifest(input).status // -> 'complete'
 */
export function buildManifest(input: ManifestInput): Manifest {
  const o = input.options;
  const raw = {
    schema_version: MANIFEST_SCHEMA_VERSION,
    kind: input.points ? 'sweep' : 'compare',
    sweep: input.points ? { points: input.points } : null,
    id: input.id,
    label: input.label,
    status: runStatus(input.repetitions, input.plan.length, input.interrupted_by !== null),
    created_at: input.created_at,
    finished_at: input.finished_at,
    machine: input.machine,
    ...(input.load_avg ? { load_avg: input.load_avg } : {}),
    tools: input.tools,
    git: input.git,
    config: {
      variants: input.variants.map((v) => ({
        name: v.name,
        label: v.label,
        build: v.build,
        start: v.start,
        ready_url: v.ready_url,
        source: v.source,
        cwd: v.cwd,
        env: v.env,
        monitor: v.monitor,
        load: v.load,
        load_script: input.load_scripts[v.name] ?? null,
      })),
      baseline: input.variants[0].name,
      candidate: input.variants[1]?.name ?? input.variants[0].name,
      repetitions: o.repetitions,
      duration_s: o.duration_s,
      warmup_s: o.warmup_s,
      connections: o.connections,
      threads: o.threads,
      rate_rps: o.rate_rps,
      // a config's load path (a sweep's: its first point's), or the embedded gateway's function
      function: o.config ? new URL((input.points ? pointLoad(input.variants[0].load, input.points[0]) : input.variants[0].load).url).pathname : input.points ? 'payload' : o.function,
      workers: o.workers,
      seed: input.seed,
      order: o.order,
      aa: o.aa,
      pinning: input.pinning,
      untimed_s: o.untimed_s,
      phases: o.phases,
      perf_freq_hz: o.perf_freq_hz,
      port: o.config ? null : o.port,
      config_file: o.config,
      quick: o.quick,
      ready_timeout_s: o.ready_timeout_s,
      design: 'blocks',
      blocks_together: input.together,
      untimed_block: o.repetitions,
      ...(input.framing ? { title: input.framing.title, question: input.framing.question, description: input.framing.description } : {}),
      ...(input.declared?.targets.length ? { targets: input.declared.targets } : {}),
      ...(input.declared?.expected.length ? { expected: input.declared.expected } : {}),
    },
    repetitions: input.repetitions,
    skipped: input.skipped,
    plan: input.plan,
    interrupted_by: input.interrupted_by,
    argv: input.argv,
  };
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`manifest invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
