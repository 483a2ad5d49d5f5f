/**
 * The analysis of a sweep run (`npm run collect -- --sweep`): at each response size, the trials of that size
 * are a run of their own (blocks of every variant side by side), compared exactly like a plain run's
 * (`compare-paired.ts`, with that size's own gates), every candidate against the baseline (the first
 * variant); then, per candidate and metric, the break-even size where the change crosses zero
 * (`break-even.ts`). Pure: repetition results in, SweepResult out.
 */
import type { Manifest } from '../ingest/manifest.ts';
import { breakEven } from './compare/break-even.ts';
import { comparePaired } from './compare/compare-paired.ts';
import { runGates } from './compare/gates.ts';
import { metricDef } from './metrics/metric-defs.ts';
import { speedNotes } from './metrics/speed.ts';
import type { RepetitionResult, Settings, SweepResult } from './schema.ts';
import { reduce, type Reduced } from './metrics/summarize.ts';
import { warningJson, type Warning } from './warnings.ts';

/**
 * The metrics compared at every size of a sweep, headline first: CPU per request at the fixed rate (the load
 * generator far from saturation cannot bend it) and the open-loop p99, when the fixed-rate phase ran; then
 * the closed-loop (throughput phase) metrics, whose load-saturation gate stays active.
 */
export const SWEEP_METRICS = [
  'total_cpu_us_per_req_at_fixed_rate',
  'gateway_cpu_us_per_req_at_fixed_rate',
  'openloop_latency_p99_ms',
  'throughput_rps',
  'total_cpu_us_per_req',
  'gateway_cpu_us_per_req',
  'latency_p99_ms',
  'gateway_rss_peak_kb',
] as const;

/** The metrics of the fixed-rate phase: compared only when it ran. */
const FIXED_RATE_METRICS = new Set<string>(['total_cpu_us_per_req_at_fixed_rate', 'gateway_cpu_us_per_req_at_fixed_rate', 'openloop_latency_p99_ms']);

/** The variants' own figures kept at every size: the compared metrics and the workers' share of the CPU. */
const CURVE_METRICS = [...SWEEP_METRICS, 'workers_cpu_us_per_req'];

/** Warnings about the run as a whole: said once on the run, not at every size. */
const RUN_WIDE = new Set<Warning['code']>(['run-incomplete', 'aa-run', 'phase-skipped']);

/**
 * Is this warning about the whole run rather than one size's trials?
 *
 * @example
 * isRunWide({ code: 'aa-run' }) // -> true
 */
export function isRunWide(w: Warning): boolean {
  return RUN_WIDE.has(w.code);
}

/**
 * One variant's reduction of one metric over the trials of one size (`reps` already that size's).
 *
 * @example
 * reduceAt('r', repsAt64KiB, 'proxy', 'throughput_rps', DEFAULT_SETTINGS).summary.n // -> 6 (one per block)
 */
export function reduceAt(id: string, reps: RepetitionResult[], variant: string, metric: string, settings: Settings): Reduced {
  const values = reps.flatMap((r) => {
    const v = r.variant === variant && r.status !== 'failed' ? r.metrics[metric] : null;
    return typeof v === 'number' && Number.isFinite(v) ? [v] : [];
  });
  return reduce(id, variant, metricDef(metric), values, settings);
}

/**
 * The candidates of a sweep, each compared with the baseline: the run's candidate first, then every other
 * variant in order (none in an A/A run).
 *
 * @example
 * sweepCandidates(['proxy', 'fdpass', 'fdpass-conn'], 'proxy', 'fdpass') // -> ['fdpass', 'fdpass-conn']
 * sweepCandidates(['proxy', 'fdpass', 'fdpass-conn'], 'proxy', 'fdpass-conn') // -> ['fdpass-conn', 'fdpass']
 */
export function sweepCandidates(variants: string[], baseline: string, candidate: string): string[] {
  if (baseline === candidate) return [];
  return [candidate, ...variants.filter((v) => v !== baseline && v !== candidate)];
}

/**
 * @example
 * const s = analyzeSweep({ id: 'r', manifest, reps, variants: ['proxy', 'fdpass'], settings: DEFAULT_SETTINGS });
 * s.break_even.find((b) => b.metric === 'total_cpu_us_per_req')?.size_bytes // -> 5793 (+5% at 4 KiB, -15% at 16 KiB: a quarter of the way in log size)
 */
export function analyzeSweep(input: { id: string; manifest: Manifest; reps: RepetitionResult[]; variants: string[]; settings: Settings }): SweepResult {
  const { id, manifest, reps, variants, settings } = input;
  const { baseline, candidate } = manifest.config;
  const candidates = sweepCandidates(variants, baseline, candidate);
  const openLoop = reps.some((r) => typeof r.metrics.openloop_latency_p99_ms === 'number');
  const metrics = SWEEP_METRICS.filter((m) => openLoop || !FIXED_RATE_METRICS.has(m));
  const points = (manifest.sweep?.points ?? []).map((pt) => {
    const mine = reps.filter((r) => r.point === pt.id);
    const trials = { ...manifest, repetitions: manifest.repetitions.filter((r) => r.point === pt.id) };
    // the probe's notes at this size: its readings around the paired trials of one block
    const warnings: Warning[] = [...runGates(trials, mine, settings), ...speedNotes(mine, settings)];
    for (const v of variants) {
      const n = mine.filter((r) => r.variant === v && r.status !== 'failed').length;
      if (n > 0 && n < 3) warnings.push({ code: 'too-few-repetitions', variant: v, n });
      if (n === 0 && (v === baseline || candidates.includes(v))) warnings.push({ code: 'variant-missing', variant: v, role: v === baseline ? 'baseline' : 'candidate' });
    }
    const reduced = new Map(variants.map((v) => [v, new Map(CURVE_METRICS.map((m) => [m, reduceAt(id, mine, v, m, settings)]))]));
    const b = reduced.get(baseline);
    // the seed guide's expectations are about `hello`, not about a size of a sweep
    const comparisons = candidates.flatMap((cand) => {
      const c = reduced.get(cand);
      return b && c ? metrics.map((m) => ({ ...comparePaired(id, metricDef(m), mine, b.get(m)!, c.get(m)!, warnings, settings), expected: null })) : [];
    });
    return {
      point: pt.id,
      size_bytes: pt.size_bytes,
      rate_rps: pt.rate_rps,
      comparisons,
      summaries: variants.flatMap((v) => CURVE_METRICS.map((m) => reduced.get(v)!.get(m)!.summary)),
      warnings: warnings.filter((w) => !isRunWide(w)).map(warningJson),
    };
  });
  const breakEvens = candidates.flatMap((cand) =>
    metrics.map((m) => ({
      ...breakEven(
        m,
        metricDef(m).better,
        points.flatMap((p) => {
          const cmp = p.comparisons.find((x) => x.metric === m && x.candidate.variant === cand);
          return cmp ? [{ size_bytes: p.size_bytes, ...cmp.change_pct, verdict: cmp.verdict }] : [];
        }),
      ),
      candidate: cand,
    })),
  );
  return { metrics: [...metrics], points, break_even: breakEvens };
}
