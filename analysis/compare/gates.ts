/**
 * Validity gates: the checks that decide whether a comparison can be trusted at all. Each returns typed
 * warnings (analysis/warnings.ts); a `gate` warning that applies to a comparison makes its verdict `invalid`.
 */
import { cpuList } from '../../ingest/collect/commands.ts';
import type { Manifest } from '../../ingest/manifest.ts';
import type { MetricDef, RepetitionResult, Settings } from '../schema.ts';
import { cvPct } from '../stats/cv.ts';
import { warningSeverity, type Warning } from '../warnings.ts';

/**
 * Gates and notes that come from a run as a whole: its status, failed repetitions, unparsable files,
 * skipped phases, HTTP/socket errors, load-generator saturation, and untimed phases overlapping timed ones.
 *
 * @example
 * runGates(manifest, repetitions, settings) // [{ code: 'http-errors', variant: 'proxy', repetition: 2, ... }]
 */
export function runGates(manifest: Manifest, reps: RepetitionResult[], settings: Settings): Warning[] {
  const out: Warning[] = [];
  if (manifest.status !== 'complete') out.push({ code: 'run-incomplete', status: manifest.status });
  if (manifest.config.aa) out.push({ code: 'aa-run' });
  for (const s of manifest.skipped) out.push({ code: 'phase-skipped', skipped_phase: s.phase, reason: s.reason });
  for (const r of reps) {
    if (r.status === 'failed') out.push({ code: 'repetition-failed', variant: r.variant, repetition: r.repetition, error: r.error });
    for (const e of r.errors) out.push({ code: 'parse-error', variant: r.variant, repetition: r.repetition, file: e.file, line: e.line, reason: e.reason });
  }
  for (const r of reps) {
    if (r.status === 'failed') continue;
    const non2xx = r.metrics.non_2xx_responses ?? 0;
    const socket = r.metrics.socket_errors ?? 0;
    if (non2xx > 0 || socket > 0) out.push({ code: 'http-errors', variant: r.variant, repetition: r.repetition, phase: 'throughput', non_2xx: non2xx, socket_errors: socket });
    const openErrors = r.metrics.openloop_errors ?? 0;
    if (openErrors > 0) out.push({ code: 'http-errors', variant: r.variant, repetition: r.repetition, phase: 'fixed-rate', non_2xx: 0, socket_errors: openErrors });
  }
  const handsOver = new Set(manifest.config.variants.filter((v) => v.source === 'fdpass-conn').map((v) => v.name));
  out.push(...idleProcessWarnings(reps, handsOver));
  out.push(...loadSaturationGates(manifest, reps, settings));
  out.push(...phaseOverlapGates(manifest));
  out.push(...capacityDriftNotes(reps, settings));
  return out;
}

/**
 * A note per variant whose throughput varies beyond the CV threshold between repetitions while its total
 * CPU per request stays within half of it: the machine delivered different amounts of CPU (on a VM, the
 * host throttling it), so the spread is the machine's, not the gateway's. It explains a `high-cv` gate;
 * it does not change a verdict by itself.
 *
 * @example
 * capacityDriftNotes(reps, DEFAULT_SETTINGS) // [{ code: 'capacity-drift', variant: 'proxy', throughput_cv_pct: 38.9, cost_cv_pct: 3.1 }]
 */
export function capacityDriftNotes(reps: RepetitionResult[], settings: Settings): Warning[] {
  const out: Warning[] = [];
  const variants = [...new Set(reps.map((r) => r.variant))];
  for (const variant of variants) {
    const ok = reps.filter((r) => r.variant === variant && r.status !== 'failed');
    const pairs = ok.map((r) => [r.metrics.throughput_rps, r.metrics.total_cpu_us_per_req] as const).filter(([t, c]) => typeof t === 'number' && typeof c === 'number');
    if (pairs.length < 3) continue;
    const throughputCv = cvPct(pairs.map(([t]) => t as number));
    const costCv = cvPct(pairs.map(([, c]) => c as number));
    if (throughputCv === null || costCv === null) continue;
    if (throughputCv > settings.cv_threshold_pct && costCv <= settings.cv_threshold_pct / 2) {
      out.push({ code: 'capacity-drift', variant, throughput_cv_pct: throughputCv, cost_cv_pct: costCv });
    }
  }
  return out;
}

/**
 * How many CPUs the load generator may use: the pinned CPU list when pinned ("1", "0-1", "0,2-3"),
 * otherwise its thread count capped by the machine's CPUs.
 *
 * @example
 * loadCpuCount('0,2-3', 4, 2) // 3
 */
export function loadCpuCount(loadCpus: string | null, threads: number, cpuCount: number): number {
  const pinned = cpuList(loadCpus).length;
  return pinned > 0 ? pinned : Math.max(1, Math.min(threads, cpuCount));
}

/**
 * Who limited throughput: the load generator at or above the saturation threshold of its CPUs while the
 * system under test's CPUs had idle time is a `load-saturated` gate (the client, not the gateway, set the
 * pace). Both saturated is a `both-saturated` note: the gateway's CPU was fully used, so throughput is its
 * capacity on that CPU. Without a measure of the load's CPU the gate cannot run, and a note says so. At the
 * fixed rate, the open-loop client's own CPU (bench-latency's `cpu_s`) at or above the threshold is a
 * `load-saturated` gate of the fixed-rate metrics (runs whose client did not print it are not checked there).
 */
/**
 * A warning per variant whose monitored gateway (or workers) used under 1% CPU at full load in most trials:
 * the figures of that role measure a bystander, not the server. `idleFrontByDesign` names variants whose
 * front is meant to idle (the embedded gateway's fdpass-conn hands each connection to a worker for its
 * life): their gateway is not checked.
 *
 * @example
 * idleProcessWarnings(reps) // [{ code: 'idle-process', variant: 'direct', process: 'gateway', cpu_pct: 0 }]
 * idleProcessWarnings(reps, new Set(['direct'])) // []
 */
export function idleProcessWarnings(reps: RepetitionResult[], idleFrontByDesign: ReadonlySet<string> = new Set()): Warning[] {
  const out: Warning[] = [];
  for (const variant of [...new Set(reps.map((r) => r.variant))]) {
    const ok = reps.filter((r) => r.variant === variant && r.status !== 'failed' && (r.metrics.throughput_rps ?? 0) > 0);
    for (const [process, metric] of [['gateway', 'gateway_cpu_pct'], ['workers', 'workers_cpu_pct']] as const) {
      if (process === 'gateway' && idleFrontByDesign.has(variant)) continue;
      const xs = ok.map((r) => r.metrics[metric]).filter((x): x is number => typeof x === 'number');
      if (xs.length === 0) continue;
      const sorted = [...xs].sort((a, b) => a - b);
      const median = sorted[Math.floor((sorted.length - 1) / 2)];
      if (median < 1) out.push({ code: 'idle-process', variant, process, cpu_pct: median });
    }
  }
  return out;
}

function loadSaturationGates(manifest: Manifest, reps: RepetitionResult[], settings: Settings): Warning[] {
  const measured = reps.some((r) => typeof r.metrics.load_cpu_pct === 'number');
  if (!measured) return [{ code: 'load-not-monitored' }];
  const cpus = loadCpuCount(manifest.config.pinning.load_cpus, manifest.config.threads, manifest.machine.cpu_count);
  const capacity = cpus * 100;
  const out: Warning[] = [];
  const both = new Map<string, { blocks: number; load: number; sut: number }>();
  for (const r of reps) {
    const load = r.metrics.load_cpu_pct;
    if (load === null || load === undefined || r.status === 'failed') continue;
    if (load < (settings.load_saturation_pct / 100) * capacity) continue;
    const sut = r.metrics.sut_cpu_busy_pct;
    if (typeof sut === 'number' && sut >= settings.load_saturation_pct) {
      const b = both.get(r.variant) ?? { blocks: 0, load: Infinity, sut: Infinity };
      both.set(r.variant, { blocks: b.blocks + 1, load: Math.min(b.load, load), sut: Math.min(b.sut, sut) });
    } else {
      out.push({ code: 'load-saturated', variant: r.variant, repetition: r.repetition, phase: 'throughput', load_cpu_pct: load, capacity_pct: capacity, threshold_pct: settings.load_saturation_pct });
    }
  }
  // both saturated is the normal state of a closed-loop test on two CPUs: one note per variant, not per block
  for (const [variant, b] of both) {
    const of = reps.filter((r) => r.variant === variant && r.status !== 'failed').length;
    out.push({ code: 'both-saturated', variant, phase: 'throughput', blocks: b.blocks, of, load_cpu_pct: b.load, sut_cpu_pct: b.sut });
  }
  // the open-loop client at the fixed rate, by its own CPU time (already a share of what it could use): an
  // open-loop client that runs out of CPU sends late, and its latencies then measure itself
  for (const r of reps) {
    const load = r.metrics.load_cpu_pct_at_fixed_rate;
    if (typeof load !== 'number' || r.status === 'failed' || load < settings.load_saturation_pct) continue;
    out.push({ code: 'load-saturated', variant: r.variant, repetition: r.repetition, phase: 'fixed-rate', load_cpu_pct: load, capacity_pct: 100, threshold_pct: settings.load_saturation_pct });
  }
  return out;
}

function phaseOverlapGates(manifest: Manifest): Warning[] {
  interface Span {
    variant: string;
    repetition: number;
    name: string;
    start: number;
    end: number;
  }
  const timed: Span[] = [];
  const untimed: Span[] = [];
  for (const r of manifest.repetitions) {
    for (const p of r.phases) {
      if (p.skipped_reason) continue;
      const start = Date.parse(p.started_at);
      const end = p.finished_at ? Date.parse(p.finished_at) : NaN;
      if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
      (p.timed ? timed : untimed).push({ variant: r.variant, repetition: r.repetition, name: p.name, start, end });
    }
  }
  const out: Warning[] = [];
  for (const t of timed) {
    for (const u of untimed) {
      const overlap = Math.min(t.end, u.end) - Math.max(t.start, u.start);
      if (overlap > 0) {
        out.push({ code: 'phase-overlap', variant: t.variant, repetition: t.repetition, untimed_phase: `${u.variant}/rep-${u.repetition}/${u.name}`, timed_phase: t.name, overlap_s: overlap / 1000 });
      }
    }
  }
  return out;
}

/**
 * Gates on one metric of one variant: no data, fewer than 3 repetitions, or a CV above the threshold.
 *
 * @example
 * summaryGates('proxy', 'throughput_rps', 5, 19.1, settings) // [{ code: 'high-cv', cv_pct: 19.1, threshold_pct: 10, ... }]
 */
export function summaryGates(variant: string, metric: string, n: number, cvPct: number | null, settings: Settings): Warning[] {
  if (n === 0) return [{ code: 'no-data', metric, variant }];
  const out: Warning[] = [];
  if (n < 3) out.push({ code: 'too-few-repetitions', variant, metric, n });
  if (cvPct !== null && cvPct > settings.cv_threshold_pct) out.push({ code: 'high-cv', variant, metric, cv_pct: cvPct, threshold_pct: settings.cv_threshold_pct });
  return out;
}

/** Config fields that must match for two runs to be comparable. */
export const COMPARABLE_CONFIG_FIELDS = ['duration_s', 'warmup_s', 'connections', 'threads', 'rate_rps', 'function', 'workers', 'pinning'] as const;

/** What a run pair gate compares. */
export interface RunIdentity {
  id: string;
  machine: { fingerprint: string };
  config: Record<string, unknown>;
}

/**
 * Gates for comparing two different runs: machine fingerprints and load configuration must match.
 *
 * @example
 * runPairGates(a, b) // [{ code: 'config-mismatch', fields: 'connections 100 vs 50', ... }]
 */
export function runPairGates(baseline: RunIdentity, candidate: RunIdentity): Warning[] {
  const out: Warning[] = [];
  if (baseline.machine.fingerprint !== candidate.machine.fingerprint) {
    out.push({ code: 'machine-mismatch', baseline_fingerprint: baseline.machine.fingerprint, candidate_fingerprint: candidate.machine.fingerprint });
  }
  const diffs: string[] = [];
  for (const f of COMPARABLE_CONFIG_FIELDS) {
    const a = JSON.stringify(baseline.config[f] ?? null);
    const b = JSON.stringify(candidate.config[f] ?? null);
    if (a !== b) diffs.push(`${f} ${a} vs ${b}`);
  }
  if (diffs.length) out.push({ code: 'config-mismatch', fields: diffs.join(', '), baseline_run: baseline.id, candidate_run: candidate.id });
  return out;
}

/**
 * Does this warning apply to a comparison of `metric` between these variants?
 *
 * @example
 * appliesTo({ code: 'http-errors', variant: 'proxy', phase: 'throughput', ... }, metricDef('throughput_rps'), ['proxy', 'fdpass']) // true
 */
export function appliesTo(w: Warning, metric: MetricDef, variants: string[]): boolean {
  const p = w as { variant?: string; metric?: string; phase?: string };
  if (p.variant !== undefined && !variants.includes(p.variant)) return false;
  if (p.metric !== undefined && p.metric !== metric.name) return false;
  if (p.phase !== undefined && p.phase !== metric.phase) return false;
  return true;
}

/**
 * The gate warnings among `warnings` that apply to a comparison (the reasons for an `invalid` verdict).
 *
 * @example
 * applicableGates(runWarnings, metricDef('latency_p99_ms'), ['proxy', 'fdpass'])
 */
export function applicableGates(warnings: Warning[], metric: MetricDef, variants: string[]): Warning[] {
  return warnings.filter((w) => warningSeverity(w) === 'gate' && appliesTo(w, metric, variants));
}
