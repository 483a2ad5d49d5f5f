/**
 * Analysis of one run: per-repetition metrics, per-variant summaries with CIs, gates, the baseline-vs-
 * candidate comparisons, targets, syscalls and the pooled open-loop spectrum. Pure: inputs in, results out.
 */
import type { Manifest } from '../ingest/manifest.ts';
import { runGates, summaryGates } from './compare/gates.ts';
import type { RunInput } from './load/inputs.ts';
import { METRICS } from './metrics/metric-defs.ts';
import { repetitionMetrics } from './metrics/metrics.ts';
import { pooledSpectrum, variantSyscalls } from './metrics/run-aggregates.ts';
import type { Comparison, MetricDef, RepetitionResult, RunResult, Settings, TargetResult } from './schema.ts';
import { reduce, type Reduced } from './metrics/summarize.ts';
import { judgeTarget, type Target } from './compare/targets.ts';
import { compareReduced } from './compare/compare.ts';
import { comparePaired } from './compare/compare-paired.ts';
import { analyzeSweep, isRunWide } from './analyze-sweep.ts';
import { instrumentNotes, runSpeed, speedNotes } from './metrics/speed.ts';
import { expectedProblem, targetsProblem } from './compare/declared-checks.ts';
import { configExpected, expectationFor } from './compare/expectations.ts';
import { metricDef } from './metrics/metric-defs.ts';
import { warningJson, type Warning } from './warnings.ts';

/** Metrics every run reports a comparison for, even without data (then `invalid`, saying why). */
export const REQUIRED_METRICS = [
  'throughput_rps',
  'latency_p99_ms',
  'gateway_cpu_pct',
  'gateway_sys_cpu_pct',
  'gateway_cswch_per_s',
  'gateway_cpu_us_per_req',
  'total_cpu_us_per_req',
  'gateway_rss_peak_kb',
  'cpu_pct_at_fixed_rate',
];

export interface RunAnalysis {
  run: RunResult;
  comparisons: Comparison[];
  targets: TargetResult[];
  /** variant -> metric -> reduction (for `npm run compare` across runs) */
  reduced: Map<string, Map<string, Reduced>>;
  /** the typed warnings of the run (JSON forms are in run.warnings) */
  warnings: Warning[];
}

/** Mode names of the embedded gateway (ingest/collect/variants.ts EMBEDDED_MODES). */
const EMBEDDED_SOURCES = new Set(['proxy', 'fdpass']);

/**
 * Is this a run of gatebench's own gateway (no `--config`, every variant one of its modes)? The seed
 * guide's expectations and the seed plan's targets are about that gateway only.
 *
 * @example
 * isEmbeddedRun(manifest) // -> true for `npm run collect`, false for `npm run collect -- --config my.json`
 */
export function isEmbeddedRun(manifest: Manifest): boolean {
  const config = manifest.config as { config_file?: string | null };
  if (config.config_file) return false;
  return manifest.config.variants.every((v) => EMBEDDED_SOURCES.has(v.source ?? v.name));
}

/**
 * How a run frames its comparison: gatebench's own question for the embedded gateway, else the config's.
 *
 * @example
 * framingOf(manifest) // -> { ours: false, title: 'nginx proxy chain vs direct', question: null, description: '...' }
 */
export function framingOf(manifest: Manifest): NonNullable<RunResult['framing']> {
  const c = manifest.config as { title?: unknown; question?: unknown; description?: unknown };
  const text = (x: unknown) => (typeof x === 'string' && x.trim() !== '' ? x : null);
  return { ours: isEmbeddedRun(manifest), title: text(c.title), question: text(c.question), description: text(c.description) };
}

/**
 * The targets and expected changes a `--config` declared for its own run (recorded in the manifest's
 * config), with a `declaration-invalid` warning for a list that fails its checks (then it is not applied):
 * the collector checks them before a run, so this only catches manifests written otherwise.
 *
 * @example
 * declaredOf(manifest) // -> { targets: [{ name: 'throughput', metric: 'throughput_rps', op: '>', threshold: 20000 }], expected: [], warnings: [] }
 */
export function declaredOf(manifest: Manifest): { targets: Target[]; expected: NonNullable<Manifest['config']['expected']>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const checked = <T>(list: T[] | undefined, key: string, problem: (l: T[]) => string | null): T[] => {
    if (!list?.length) return [];
    const p = problem(list);
    if (p === null) return list;
    warnings.push({ code: 'declaration-invalid', key, reason: p });
    return [];
  };
  const targets = checked(manifest.config.targets, 'targets', (l) => targetsProblem(l, 'config.targets'));
  const expected = checked(manifest.config.expected, 'expected', (l) => expectedProblem(l, 'config.expected'));
  return { targets, expected, warnings };
}

/** The empty result of a run that could not be loaded. */
function errorRun(input: RunInput): RunAnalysis {
  const reason = input.error?.reason ?? 'unknown error';
  const w: Warning = { code: 'run-load-error', reason: [input.error?.file, input.error?.line].filter((x) => x !== null && x !== undefined).concat([reason]).join(': ') };
  return {
    run: {
      id: input.id,
      label: input.id,
      status: 'error',
      error: input.error ?? { file: null, line: null, reason },
      created_at: null,
      machine: null,
      git: null,
      tools: {},
      config: null,
      baseline: null,
      candidate: null,
      aa: false,
      variants: [],
      warnings: [warningJson(w)],
      summaries: [],
      repetitions: [],
      syscalls: [],
      open_loop: [],
    },
    comparisons: [],
    targets: [],
    reduced: new Map(),
    warnings: [w],
  };
}

/**
 * Variant names of a run: the configured ones in order, then any others found in repetitions.
 *
 * @example
 * variantsOf(manifest) // [{ name: 'proxy', label: 'v1.0' }, { name: 'fdpass', label: 'v2.0' }]
 */
export function variantsOf(manifest: Manifest): { name: string; label: string }[] {
  const out = manifest.config.variants.map((v) => ({ name: v.name, label: v.label }));
  for (const r of manifest.repetitions) if (!out.some((v) => v.name === r.variant)) out.push({ name: r.variant, label: r.variant });
  return out;
}

/**
 * Reduce every metric of every variant of a run (repetitions that failed are left out).
 *
 * @example
 * reduceRun('run-1', reps, ['proxy', 'fdpass'], DEFAULT_SETTINGS).get('proxy')?.get('throughput_rps')?.summary.estimate
 */
export function reduceRun(
  run: string,
  reps: RepetitionResult[],
  variants: string[],
  settings: Settings,
): Map<string, Map<string, Reduced>> {
  const out = new Map<string, Map<string, Reduced>>();
  for (const variant of variants) {
    const used = reps.filter((r) => r.variant === variant && r.status !== 'failed');
    const byMetric = new Map<string, Reduced>();
    for (const def of METRICS) {
      const values: number[] = [];
      for (const r of used) {
        const v = r.metrics[def.name];
        if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
      }
      byMetric.set(def.name, reduce(run, variant, def, values, settings));
    }
    out.set(variant, byMetric);
  }
  return out;
}

/**
 * Gates on the summaries that a comparison of `def` needs: no data, too few repetitions, high CV.
 * A variant with fewer than 3 usable repetitions gets one run-level warning instead of one per metric.
 *
 * @example
 * metricGates(metricDef('throughput_rps'), [proxy, fdpass], new Map([['proxy', 5], ['fdpass', 5]]), DEFAULT_SETTINGS) // [] when CVs are low
 */
export function metricGates(def: MetricDef, sides: Reduced[], variantReps: Map<string, number>, settings: Settings): Warning[] {
  const out: Warning[] = [];
  for (const r of sides) {
    const s = r.summary;
    const gates = summaryGates(s.variant, def.name, s.n, s.cv_pct, settings);
    for (const g of gates) {
      if (g.code === 'too-few-repetitions' && (variantReps.get(s.variant) ?? 0) < 3) continue; // said once per variant
      out.push(g);
    }
  }
  return out;
}

/** The parts of a run's result every run has, whatever its kind. */
function runIdentity(id: string, manifest: Manifest) {
  return {
    id,
    label: manifest.label,
    status: manifest.status,
    error: null,
    created_at: manifest.created_at,
    machine: manifest.machine,
    git: manifest.git,
    tools: manifest.tools,
    config: manifest.config as Record<string, unknown>,
    baseline: manifest.config.baseline,
    candidate: manifest.config.candidate,
    aa: manifest.config.aa ?? false,
  };
}

/**
 * A sweep run: its comparisons, per size, and its break-evens live in `run.sweep`; the run itself has no
 * comparisons, summaries or targets of its own (its sizes are not one load), so history and the overview's
 * headline pass it by. The run-wide warnings (incomplete, A/A, skipped phases) are said once, on the run.
 */
function sweepRun(input: RunInput, manifest: Manifest, reps: RepetitionResult[], variants: { name: string; label: string }[], settings: Settings): RunAnalysis {
  const warnings = runGates(manifest, reps, settings).filter(isRunWide);
  const sweep = analyzeSweep({ id: input.id, manifest, reps, variants: variants.map((v) => v.name), settings });
  return {
    run: { ...runIdentity(input.id, manifest), variants, warnings: warnings.map(warningJson), summaries: [], repetitions: reps, syscalls: [], open_loop: [], speed: runSpeed(reps), framing: framingOf(manifest), sweep },
    comparisons: [],
    targets: [],
    reduced: new Map(),
    warnings,
  };
}

/**
 * @example
 * const a = analyzeRun(input, DEFAULT_SETTINGS, targets);
 * a.comparisons.find((c) => c.metric === 'throughput_rps')?.verdict // 'improved'
 */
export function analyzeRun(input: RunInput, settings: Settings, targets: Target[]): RunAnalysis {
  const manifest = input.manifest;
  if (!manifest) return errorRun(input);
  const id = input.id;
  const metricsOfReps = manifest.repetitions.map((rep) => repetitionMetrics(rep, input.files, manifest.config.pinning));
  const reps = metricsOfReps.map((m) => m.result);
  const variants = variantsOf(manifest);
  if (manifest.sweep) return sweepRun(input, manifest, reps, variants, settings);
  const warnings: Warning[] = runGates(manifest, reps, settings);
  const variantReps = new Map<string, number>();
  for (const v of variants) {
    const n = reps.filter((r) => r.variant === v.name && r.status !== 'failed').length;
    variantReps.set(v.name, n);
    if (n > 0 && n < 3) warnings.push({ code: 'too-few-repetitions', variant: v.name, n });
  }
  const { baseline, candidate } = manifest.config;
  for (const [role, name] of [['baseline', baseline], ['candidate', candidate]] as const) {
    if ((variantReps.get(name) ?? 0) === 0) warnings.push({ code: 'variant-missing', variant: name, role });
  }
  const reduced = reduceRun(id, reps, variants.map((v) => v.name), settings);

  warnings.push(...speedNotes(reps, settings));
  // the seed's expectations and targets are about gatebench's own gateway only; a config brings its own
  const ours = isEmbeddedRun(manifest);
  const declared = declaredOf(manifest);
  warnings.push(...declared.warnings);
  // Variants of one run are compared block by block; a run imported from seed-era files has no blocks.
  const paired = manifest.imported === undefined;
  let comparisons: Comparison[] = [];
  const b = reduced.get(baseline);
  const c = reduced.get(candidate);
  if (b && c && baseline !== candidate) {
    for (const def of METRICS) {
      if (!def.compared) continue;
      const rb = b.get(def.name)!;
      const rc = c.get(def.name)!;
      if (rb.summary.n === 0 && rc.summary.n === 0 && !REQUIRED_METRICS.includes(def.name)) continue;
      if (paired) comparisons.push(comparePaired(id, def, reps, rb, rc, warnings, settings));
      else comparisons.push(compareReduced(id, def, rb, rc, [...warnings, ...metricGates(def, [rb, rc], variantReps, settings)], settings));
    }
    comparisons = instrumentNotes(comparisons);
    // the seed guide's expectations are about fd passing in gatebench's own gateway; any other run is
    // judged against its config's own expected changes (none: no expectation)
    if (!ours) {
      const table = configExpected(declared.expected, (m) => metricDef(m).label);
      comparisons = comparisons.map((c) => ({ ...c, expected: c.verdict === 'invalid' ? null : expectationFor(c.metric, c.change_pct, table, 'config') }));
    }
  }

  // the run's own targets (from its config) replace a same-named target of the targets file
  const own = new Set(declared.targets.map((t) => t.name));
  const applied = [...targets.filter((t) => !own.has(t.name) && (t.scope !== 'embedded' || ours)), ...declared.targets];
  const targetResults: TargetResult[] = [];
  for (const v of variants) {
    for (const t of applied) targetResults.push(judgeTarget(id, t, reduced.get(v.name)?.get(t.metric)?.summary, v.name));
  }

  const summaries = variants.flatMap((v) => [...(reduced.get(v.name)?.values() ?? [])].map((r) => r.summary));
  const open_loop = variants
    .map((v) => {
      const parts = metricsOfReps.filter((m) => m.result.variant === v.name && m.result.status !== 'failed' && m.latencies_us).map((m) => m.latencies_us!);
      return parts.length ? pooledSpectrum(v.name, parts) : null;
    })
    .filter((x) => x !== null);
  const syscalls = variants.map((v) => variantSyscalls(v.name, reps.filter((r) => r.status !== 'failed'))).filter((s) => s.syscalls.length > 0);

  return {
    run: {
      ...runIdentity(id, manifest),
      variants,
      warnings: warnings.map(warningJson),
      summaries,
      repetitions: reps,
      syscalls,
      open_loop,
      speed: runSpeed(reps),
      framing: framingOf(manifest),
    },
    comparisons,
    targets: targetResults,
    reduced,
    warnings,
  };
}
