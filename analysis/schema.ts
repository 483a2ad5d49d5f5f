/**
 * The analysis JSON: what `npm run analyze` writes to reports/analysis.json and prints with `--format json`,
 * and what the site reads. One zod declaration per shape gives the runtime validator and the TypeScript type.
 *
 * Stability contract: fields are only ever added. A breaking change bumps ANALYSIS_SCHEMA_VERSION and adds a
 * step to `migrateAnalysis` (vN -> vN+1), so a consumer holding an old file upgrades it instead of guessing.
 *
 * Conventions: units are in field names (`_ms`, `_kb`, `_pct`, `_per_s`, `_per_req`); a number that could not
 * be computed is `null` (never NaN, never omitted); percentages are in percent (12.5 = 12.5 %), change % is
 * `(candidate - baseline) / baseline * 100`.
 */
import { migrateStored } from '../ingest/migrate.ts';
import { z } from 'zod';

export const ANALYSIS_SCHEMA_VERSION = 2;

const num = z.number().nullable();

/** Which direction of a metric is better. */
export const Better = z.enum(['higher', 'lower']);
export type Better = z.infer<typeof Better>;

/** The statistic used to summarize the repetitions of a metric (tails use the median of per-run values). */
export const Statistic = z.enum(['mean', 'median']);
export type Statistic = z.infer<typeof Statistic>;

/**
 * A typed warning in its JSON form: `code` says what happened, `severity` how bad it is (`gate` failures make
 * verdicts `invalid`), `message` is the human sentence (made by analysis/warnings.ts), and the warning's own
 * parameters (e.g. `metric`, `variant`, `cv_pct`, `count`) sit beside them.
 */
export const Warning = z.looseObject({
  code: z.string(),
  severity: z.enum(['gate', 'warning', 'note']),
  message: z.string(),
});
export type Warning = z.infer<typeof Warning>;

/** A problem that prevented loading or parsing something: `file:line: reason`. */
export const LoadError = z.object({
  file: z.string().nullable(),
  line: z.number().int().nullable(),
  reason: z.string(),
});
export type LoadError = z.infer<typeof LoadError>;

/** Description of one metric, listed once at the top level so the site can label axes. */
export const MetricDef = z.object({
  name: z.string(), // "gateway_cpu_us_per_req"
  label: z.string(), // "Gateway CPU per request"
  unit: z.string(), // "us", "%", "req/s", "ms", "kB", "1/s", "1/req"
  better: Better,
  statistic: Statistic,
  /** which phase it is measured in: "throughput", "fixed-rate", "strace" */
  phase: z.string(),
  /** false for metrics shown but not compared (error counts, which are gates instead) */
  compared: z.boolean(),
  description: z.string(),
});
export type MetricDef = z.infer<typeof MetricDef>;

/** A reduction of the repetitions of one metric for one variant. */
export const Summary = z.object({
  variant: z.string(),
  metric: z.string(),
  unit: z.string(),
  statistic: Statistic,
  estimate: num,
  /** 95% interval of the estimate over the repetitions (t interval of the mean, or the order-statistic interval of the median: stats/mean-interval.ts); null when n < 3 (a `too-few-repetitions` warning says so) */
  ci_low: num,
  ci_high: num,
  n: z.number().int(),
  /** coefficient of variation of the per-repetition values, in percent; null when n < 2 */
  cv_pct: num,
});
export type Summary = z.infer<typeof Summary>;

/** One side of a comparison. `run` is set when the two sides come from different runs (npm run compare). */
export const Side = z.object({
  variant: z.string(),
  run: z.string().optional(),
  estimate: num,
  ci_low: num,
  ci_high: num,
  n: z.number().int(),
});
export type Side = z.infer<typeof Side>;

export const Verdict = z.enum(['improved', 'regressed', 'no significant difference', 'invalid']);
export type Verdict = z.infer<typeof Verdict>;

/** Measured change versus an expected impact: the seed guide's (embedded gateway) or the config's own. */
export const Expectation = z.object({
  metric: z.string(),
  /** the expected change range in percent, low <= high, e.g. -50, -40 */
  expected_low_pct: z.number(),
  expected_high_pct: z.number(),
  /** confirmed: CI overlaps the range and excludes 0; contradicted: CI misses the range; else inconclusive */
  assessment: z.enum(['confirmed', 'contradicted', 'inconclusive']),
  note: z.string(),
  /** whose expectation: the seed guide's (gatebench's own gateway) or the run's --config `expected`; absent = seed */
  source: z.enum(['seed', 'config']).optional(),
});
export type Expectation = z.infer<typeof Expectation>;

export const Comparison = z.object({
  run: z.string(),
  metric: z.string(),
  unit: z.string(),
  better: Better,
  statistic: Statistic,
  baseline: Side,
  candidate: Side,
  /**
   * the change in percent, candidate against baseline, with its 95% interval: paired, from the within-block log
   * ratios (signed-rank interval); two-sample, the Hodges-Lehmann ratio with the exact Mann-Whitney interval
   */
  change_pct: z.object({ estimate: num, ci_low: num, ci_high: num }),
  /** two-sided: paired, the sign-flip test of the signed ranks (exact up to 16 blocks, seeded beyond); two-sample, the rank-sum test */
  p_value: num,
  verdict: Verdict,
  /** why the verdict is `invalid`, or null */
  reason: z.string().nullable(),
  warnings: z.array(Warning),
  /** the expectation (the seed guide's, or the config's own), assessed only when the verdict is not `invalid` */
  expected: Expectation.nullable(),
  /**
   * `paired`: variants of one run compared block by block (within-block ratio candidate/baseline; estimate
   * and interval from the signed-rank method on the log ratios, p from the exact sign-flip test of their
   * signed ranks); `two-sample`: two groups compared as independent samples (different runs, or runs without
   * blocks). Absent in files written before the paired design: two-sample.
   */
  design: z.enum(['paired', 'two-sample']).optional(),
  /** paired: blocks with a value on both sides (`used`), of `total` blocks where both variants completed */
  blocks: z.object({ used: z.number().int(), total: z.number().int() }).nullable().optional(),
  /** paired: SD of the within-block log ratios, in percent; the `ratio-spread` gate reads it */
  ratio_spread_pct: num.optional(),
  /** the interval's actual confidence level (the signed-rank interval's levels are discrete) */
  ci_level: num.optional(),
  /** `npm run compare` of sweeps: the response size both sides were measured at (a run's own sweep keeps its comparisons per size instead) */
  size_bytes: z.number().int().optional(),
});
export type Comparison = z.infer<typeof Comparison>;

/** One pidstat sample of one process, time relative to the start of the phase. */
export const Sample = z.object({
  t_s: z.number(),
  usr_pct: num,
  system_pct: num,
  cpu_pct: num,
  rss_kb: num,
  cswch_per_s: num,
  nvcswch_per_s: num,
});
export type Sample = z.infer<typeof Sample>;

/** The pidstat time series of one process during one phase of one repetition. */
export const ProcessSeries = z.object({
  phase: z.string(),
  /** "gateway", "worker", "load" */
  process: z.string(),
  pid: z.number().int(),
  command: z.string().nullable(),
  samples: z.array(Sample),
});
export type ProcessSeries = z.infer<typeof ProcessSeries>;

export const SyscallCount = z.object({
  name: z.string(),
  calls: z.number(),
  errors: z.number(),
  /** calls / requests served during the strace phase; null when the request count is unknown */
  per_req: num,
});
export type SyscallCount = z.infer<typeof SyscallCount>;

/** A point of a latency spectrum: the latency under which `percentile` % of requests completed. */
export const SpectrumPoint = z.object({ percentile: z.number(), latency_ms: z.number() });
export type SpectrumPoint = z.infer<typeof SpectrumPoint>;

/** Per process and phase of a repetition: the pidstat figures behind the metrics (per worker too). */
export const ProcessStats = z.object({
  phase: z.string(),
  process: z.string(),
  pid: z.number().int(),
  command: z.string().nullable(),
  samples: z.number().int(),
  cpu_pct: num,
  cpu_peak_pct: num,
  usr_pct: num,
  system_pct: num,
  cswch_per_s: num,
  nvcswch_per_s: num,
  rss_first_kb: num,
  rss_peak_kb: num,
  rss_last_kb: num,
});
export type ProcessStats = z.infer<typeof ProcessStats>;

/** One reading of the speed probe: a fixed loop's time on one CPU, before or after a timed trial. */
export const SpeedReading = z.object({
  phase: z.string(),
  when: z.enum(['before', 'after']),
  cpu: z.number().int(),
  /** which CPU this is for the run: the system under test's, or the load generator's */
  role: z.enum(['sut', 'load', 'other']),
  /** nanoseconds per million iterations of the probe's loop (lower = faster machine) */
  ns_per_miter: z.number(),
});
export type SpeedReading = z.infer<typeof SpeedReading>;

export const RepetitionResult = z.object({
  variant: z.string(),
  repetition: z.number().int(),
  /** sweeps: the sweep point (response size) of this trial, e.g. "64KiB" */
  point: z.string().optional(),
  order: z.number().int(),
  status: z.string(),
  error: z.string().nullable(),
  /** metric name -> value of this repetition (null when its input is missing) */
  metrics: z.record(z.string(), num),
  /** pidstat series of gateway, workers (and load generator when monitored), per timed phase */
  series: z.array(ProcessSeries),
  /** the same processes reduced (means over the phase's samples): per-worker figures live here */
  process_stats: z.array(ProcessStats).optional(),
  syscalls: z.array(SyscallCount),
  /** open-loop percentiles of this repetition (from its raw latencies when present) */
  open_loop_spectrum: z.array(SpectrumPoint),
  /** raw files of the repetition, relative to the run directory */
  files: z.array(z.object({ phase: z.string(), role: z.string(), path: z.string() })),
  /** files that failed to parse: the rest of the repetition is still used */
  errors: z.array(LoadError),
  /** the speed probe's readings around the timed trials (runs collected with the probe) */
  speed: z.array(SpeedReading).optional(),
});
export type RepetitionResult = z.infer<typeof RepetitionResult>;

/** Per variant: syscalls per request summed over repetitions (mean per_req over repetitions with a count). */
export const VariantSyscalls = z.object({ variant: z.string(), syscalls: z.array(SyscallCount) });
export type VariantSyscalls = z.infer<typeof VariantSyscalls>;

/** Per variant: percentiles of all raw open-loop latencies of all repetitions pooled (tails never averaged). */
export const VariantSpectrum = z.object({ variant: z.string(), count: z.number().int(), spectrum: z.array(SpectrumPoint) });
export type VariantSpectrum = z.infer<typeof VariantSpectrum>;

export const TargetResult = z.object({
  run: z.string(),
  variant: z.string(),
  target: z.string(), // "throughput"
  metric: z.string(), // "throughput_rps"
  op: z.enum(['<', '>']),
  threshold: z.number(),
  unit: z.string(),
  estimate: num,
  ci_low: num,
  ci_high: num,
  /** pass: whole CI on the good side; fail: whole CI on the bad side; inconclusive: CI straddles; unavailable: no data */
  status: z.enum(['pass', 'fail', 'inconclusive', 'unavailable']),
});
export type TargetResult = z.infer<typeof TargetResult>;

export const Machine = z.object({
  /** the user's name for the machine (`--machine`, default the hostname): the history's timeline */
  name: z.string(),
  hostname: z.string(),
  kernel: z.string(),
  cpu_model: z.string(),
  cpu_count: z.number().int(),
  mem_kb: z.number().int(),
  fingerprint: z.string(),
});
export type Machine = z.infer<typeof Machine>;

/** The speed probe's view of a run (analysis/metrics/speed.ts). */
export const RunSpeed = z.object({
  blocks: z.array(
    z.object({
      block: z.number().int(),
      /** mean of the block's readings on the system under test's CPU, ns per million iterations */
      sut_ns_per_miter: num,
      load_ns_per_miter: num,
      /** slowest / fastest reading inside the block - 1, in percent */
      sut_within_pct: num,
      load_within_pct: num,
    }),
  ),
  /** slowest / fastest block mean - 1, in percent */
  sut_range_pct: num,
  load_range_pct: num,
  max_within_block_pct: num,
  /** correlation over trials of log throughput and log probe time on the SUT CPU (each variant centred) */
  throughput_probe_correlation: num,
  /** its square, in percent: the share of the trial-to-trial throughput variance the probe accounts for */
  throughput_variance_explained_pct: num,
});
export type RunSpeed = z.infer<typeof RunSpeed>;

/**
 * The break-even size of one metric in a sweep (analysis/compare/break-even.ts): where the candidate's change
 * against the baseline crosses zero as the response size grows.
 */
export const BreakEven = z.object({
  metric: z.string(),
  /** the candidate whose change this is (a sweep of three or more variants has one per candidate); absent in older files: the run's candidate */
  candidate: z.string().optional(),
  /**
   * `crossed`: the change's estimate changes sign between two measured sizes; `not-reached`: it keeps one sign
   * over the whole measured range; `no-data`: fewer than two sizes have an estimate
   */
  status: z.enum(['crossed', 'not-reached', 'no-data']),
  /** where the estimate crosses zero, interpolated linearly in log size (the last crossing when there are several) */
  size_bytes: num,
  /**
   * the sizes around the crossing where the change's 95% band contains zero; an end is null when the band still
   * contains zero at the end of the measured range. For `not-reached`: the same around the end of the range
   * nearest zero, when the band contains zero there (the break-even may lie inside the range). Null when a CI
   * near the crossing is missing, or (not-reached) when the band excludes zero at that end.
   */
  interval: z.object({ low_bytes: num, high_bytes: num }).nullable(),
  /** the two measured sizes enclosing the crossing */
  bracket: z.object({ below_bytes: z.number(), above_bytes: z.number() }).nullable(),
  /**
   * where the candidate's estimate is on the better side: above the break-even or below it (`crossed`),
   * at every size or at none (`not-reached`); null when it cannot be said
   */
  candidate_better: z.enum(['above', 'below', 'everywhere', 'nowhere']).nullable(),
  /** every size where the estimate changes sign, smallest first */
  crossings_bytes: z.array(z.number()),
  /** the measured sizes with an estimate, smallest to largest */
  range: z.object({ from_bytes: z.number(), to_bytes: z.number() }).nullable(),
  /** sizes whose comparison is `invalid` (their estimates are used all the same; the comparison says why) */
  invalid_sizes_bytes: z.array(z.number()),
});
export type BreakEven = z.infer<typeof BreakEven>;

/** One size of a sweep: the paired comparisons of the sweep's metrics there, and each variant's own figures. */
export const SweepPointResult = z.object({
  point: z.string(),
  size_bytes: z.number(),
  /** requests/s of the fixed-rate trials at this size (manifest `sweep.points[].rate_rps`); absent in older files */
  rate_rps: z.number().nullable().optional(),
  /** every candidate against the baseline (the run's candidate first), per metric of the sweep */
  comparisons: z.array(Comparison),
  /** per variant and metric: the estimate with its CI (the absolute curves, e.g. CPU per request) */
  summaries: z.array(Summary),
  /** the gates and notes of this size's trials (errors, a saturated load, failed trials, ...) */
  warnings: z.array(Warning),
});
export type SweepPointResult = z.infer<typeof SweepPointResult>;

/** A sweep run's analysis (analysis/analyze-sweep.ts). */
export const SweepResult = z.object({
  /** the metrics compared at every size, in report order */
  metrics: z.array(z.string()),
  /** one per size, smallest first */
  points: z.array(SweepPointResult),
  /** one per candidate and metric of `metrics`: the run's candidate first, then the others in variant order */
  break_even: z.array(BreakEven),
});
export type SweepResult = z.infer<typeof SweepResult>;

export const RunResult = z.object({
  id: z.string(),
  label: z.string(),
  /** manifest status, or `error` when the run could not be loaded at all */
  status: z.enum(['complete', 'incomplete', 'failed', 'error']),
  /** why the run could not be loaded (status `error`), or null */
  error: LoadError.nullable(),
  created_at: z.string().nullable(),
  machine: Machine.nullable(),
  git: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }).nullable(),
  tools: z.record(z.string(), z.string().nullable()),
  /** the manifest's config as recorded */
  config: z.record(z.string(), z.unknown()).nullable(),
  baseline: z.string().nullable(),
  candidate: z.string().nullable(),
  aa: z.boolean(),
  variants: z.array(z.object({ name: z.string(), label: z.string() })),
  warnings: z.array(Warning),
  summaries: z.array(Summary),
  repetitions: z.array(RepetitionResult),
  syscalls: z.array(VariantSyscalls),
  open_loop: z.array(VariantSpectrum),
  /** the speed probe's view of the machine during the run; absent for runs without probe readings */
  speed: RunSpeed.nullable().optional(),
  /**
   * how the run frames its comparison: `ours` for gatebench's own gateway (proxy vs fd passing, the seed's
   * question); otherwise the config's own title, question and description (null when it gave none)
   */
  framing: z.object({ ours: z.boolean(), title: z.string().nullable(), question: z.string().nullable(), description: z.string().nullable() }).optional(),
  /**
   * a sweep run (`npm run collect -- --sweep`): per size the paired comparisons, and the break-even per metric.
   * A sweep run's own `comparisons`, `summaries` and targets are empty: its sizes are not one load to compare
   * across runs, so it stays out of the history series and is never the overview's headline run.
   */
  sweep: SweepResult.nullable().optional(),
});
export type RunResult = z.infer<typeof RunResult>;

export const HistoryPoint = z.object({
  run: z.string(),
  created_at: z.string().nullable(),
  estimate: num,
  ci_low: num,
  ci_high: num,
  n: z.number().int(),
});
export type HistoryPoint = z.infer<typeof HistoryPoint>;

export const ChangePoint = z.object({
  /** index in `points` of the first point after the step */
  index: z.number().int(),
  /** the run where the step happened */
  run: z.string(),
  before: z.number(),
  after: z.number(),
  change_pct: z.number(),
  direction: z.enum(['improved', 'regressed']),
});
export type ChangePoint = z.infer<typeof ChangePoint>;

export const HistorySeries = z.object({
  metric: z.string(),
  unit: z.string(),
  better: Better,
  /** a variant name, or "change_pct" for the series of the candidate-vs-baseline change in percent */
  variant: z.string(),
  points: z.array(HistoryPoint),
  change_points: z.array(ChangePoint),
});
export type HistorySeries = z.infer<typeof HistorySeries>;

/**
 * Something that changed on a machine's timeline between a run and the one before it: the kernel, the CPU,
 * the memory, a tool's version, or the load configuration. Shown as a marked event on the history charts.
 */
export const HistoryEvent = z.object({
  /** the first run after the change */
  run: z.string(),
  created_at: z.string().nullable(),
  kind: z.enum(['kernel', 'cpu', 'memory', 'tools', 'config']),
  /** each changed field (e.g. `kernel`, `wrk`, `connections`) with its value before and after (null: absent) */
  changes: z.array(z.object({ key: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

/** One machine's timeline: its runs in time order, the series of every metric, and what changed on it. */
export const HistoryGroup = z.object({
  /** the machine's name (the manifest's `machine.name`) */
  name: z.string(),
  /** the facts of its latest run */
  machine: Machine,
  runs: z.array(z.string()),
  series: z.array(HistorySeries),
  events: z.array(HistoryEvent),
});
export type HistoryGroup = z.infer<typeof HistoryGroup>;

export const Settings = z.object({
  seed: z.number().int(),
  confidence: z.number(),
  noise_threshold_pct: z.number(),
  cv_threshold_pct: z.number(),
  load_saturation_pct: z.number(),
  change_point_threshold_pct: z.number(),
  /** paired comparisons: fewer blocks with values on both sides fail the `too-few-blocks` gate */
  min_blocks: z.number().int().optional(),
  /** paired comparisons: an SD of the within-block log ratios above this (percent) fails the `ratio-spread` gate */
  ratio_spread_threshold_pct: z.number().optional(),
  /** the speed probe moving more than this (percent) within a block raises a `speed-change` note */
  speed_change_threshold_pct: z.number().optional(),
});
export type Settings = z.infer<typeof Settings>;

/** Verdicts on the real A/A runs of the history (analysis/compare/calibration.ts). */
export const Calibration = z.object({
  aa_runs: z.array(z.string()),
  comparisons: z.number().int(),
  improved_or_regressed: z.number().int(),
  no_significant_difference: z.number().int(),
  invalid: z.number().int(),
  /** improved or regressed / all comparisons of the A/A runs, in percent */
  false_positive_pct: num,
});
export type Calibration = z.infer<typeof Calibration>;

export const Analysis = z.object({
  schema_version: z.literal(ANALYSIS_SCHEMA_VERSION),
  settings: Settings,
  metrics: z.array(MetricDef),
  runs: z.array(RunResult),
  comparisons: z.array(Comparison),
  targets: z.array(TargetResult),
  history: z.object({ groups: z.array(HistoryGroup) }),
  /** id of the latest loadable run per machine name that is not an A/A run (the overview's headline) */
  latest: z.record(z.string(), z.string()),
  /** the verdicts' false-positive rate on the history's real A/A runs; absent without A/A runs */
  calibration: Calibration.nullable().optional(),
});
export type Analysis = z.infer<typeof Analysis>;

/**
 * v1 -> v2: machines get a name (v1 runs had none: their hostname), the history is grouped by it rather than
 * by fingerprint (a v1 group keeps its runs and series, named by its hostname, with no events), and `latest`
 * is keyed by the name (of two v1 groups with one hostname, the later run stays).
 *
 * @example
 * analysisV1toV2(v1).history.groups[0].name // -> 'vm'
 */
export function analysisV1toV2(o: Record<string, unknown>): Record<string, unknown> {
  type Obj = Record<string, unknown>;
  const named = (m: unknown) => (m && typeof m === 'object' ? { name: (m as Obj).hostname, ...(m as Obj) } : m);
  const runs = Array.isArray(o.runs) ? o.runs.map((r: Obj) => ({ ...r, machine: named(r.machine) })) : o.runs;
  const history = o.history as { groups?: Obj[] } | undefined;
  const created = new Map(Array.isArray(o.runs) ? o.runs.map((r: Obj) => [r.id, String(r.created_at ?? '')]) : []);
  const latest: Record<string, string> = {};
  const groups = (history?.groups ?? []).map((g) => {
    const { fingerprint, ...rest } = g;
    const name = String((g.machine as Obj | undefined)?.hostname ?? fingerprint);
    const id = (o.latest as Record<string, string> | undefined)?.[String(fingerprint)];
    if (id !== undefined && (latest[name] === undefined || (created.get(id) ?? '') > (created.get(latest[name]) ?? ''))) latest[name] = id;
    return { name, ...rest, machine: named(g.machine), events: [] };
  });
  return { ...o, schema_version: 2, runs, history: { ...history, groups }, latest };
}

/**
 * Upgrade a parsed analysis JSON of any known schema version to the current one and validate it.
 * Each step is one function `vN -> vN+1`: v1 -> v2 groups the history by machine name.
 *
 * @example
 * migrateAnalysis(JSON.parse(text)) // -> Analysis, or throws "analysis schema_version 9 is newer than this gatebench (2)"
 */
export function migrateAnalysis(raw: unknown): Analysis {
  return migrateStored(raw, { what: 'analysis', current: ANALYSIS_SCHEMA_VERSION, steps: { 1: analysisV1toV2 }, schema: Analysis });
}
