/**
 * What the speed probe says about the machine during a run, and the notes the analysis raises from it and
 * from instruments that disagree. The probe is a fixed integer loop timed on the gateway's CPU and on the
 * load's CPU before and after every timed trial (native/bench/speed_probe.c): when its time moves, the
 * machine's speed moved. It is reported, never used to "correct" a measured number.
 */
import type { Comparison, RepetitionResult, RunSpeed, Settings } from '../schema.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { warningJson, type Warning } from '../warnings.ts';

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Per block and CPU role, the probe's readings (ns per million iterations). */
function readingsByBlock(reps: RepetitionResult[], role: 'sut' | 'load'): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of reps) {
    if (r.status === 'failed') continue;
    for (const s of r.speed ?? []) {
      if (s.role !== role) continue;
      const xs = out.get(r.repetition) ?? [];
      xs.push(s.ns_per_miter);
      out.set(r.repetition, xs);
    }
  }
  return out;
}

const spreadPct = (xs: number[]) => (xs.length < 2 ? 0 : (Math.max(...xs) / Math.min(...xs) - 1) * 100);

/**
 * A `speed-change` note for every block where the probe's time on a CPU moved more than the threshold
 * between its readings (slowest / fastest - 1).
 *
 * @example
 * speedNotes(reps, DEFAULT_SETTINGS) // [{ code: 'speed-change', block: 7, cpu_role: 'sut', change_pct: 23.4, threshold_pct: 10 }]
 */
export function speedNotes(reps: RepetitionResult[], settings: Settings): Warning[] {
  const threshold = settings.speed_change_threshold_pct ?? DEFAULT_SETTINGS.speed_change_threshold_pct!;
  const out: Warning[] = [];
  for (const role of ['sut', 'load'] as const) {
    for (const [block, xs] of [...readingsByBlock(reps, role)].sort((a, b) => a[0] - b[0])) {
      const change = spreadPct(xs);
      if (change > threshold) out.push({ code: 'speed-change', block, cpu_role: role === 'sut' ? 'system-under-test' : 'load', change_pct: change, threshold_pct: threshold });
    }
  }
  return out;
}

/** Pearson correlation, null when either side is constant or there are fewer than 3 points. */
function correlation(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = mean(xs)!;
  const my = mean(ys)!;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/**
 * The probe's view of a run: per block the mean reading on each CPU and how much it moved inside the block;
 * over the run, how far the block means range; and what the probe explains: the correlation, over trials,
 * between the throughput trial's speed reading and its throughput (each on logs, each variant's own mean
 * removed; in a sweep, each variant's mean at each size). A sweep's block holds every size, so its blocks
 * are minutes long. Null when the run has no probe readings.
 *
 * @example
 * runSpeed(reps) // { blocks: [{ block: 1, sut_ns_per_miter: 1790, load_ns_per_miter: 1781, sut_within_pct: 1.2, load_within_pct: 0.8 }, ...], sut_range_pct: 4.1, ... }
 */
export function runSpeed(reps: RepetitionResult[]): RunSpeed | null {
  const sut = readingsByBlock(reps, 'sut');
  const load = readingsByBlock(reps, 'load');
  if (sut.size === 0 && load.size === 0) return null;
  const blocks = [...new Set([...sut.keys(), ...load.keys()])].sort((a, b) => a - b).map((block) => ({
    block,
    sut_ns_per_miter: mean(sut.get(block) ?? []),
    load_ns_per_miter: mean(load.get(block) ?? []),
    sut_within_pct: sut.has(block) ? spreadPct(sut.get(block)!) : null,
    load_within_pct: load.has(block) ? spreadPct(load.get(block)!) : null,
  }));
  const range = (key: 'sut_ns_per_miter' | 'load_ns_per_miter') => {
    const xs = blocks.map((b) => b[key]).filter((x): x is number => x !== null);
    return xs.length ? spreadPct(xs) : null;
  };
  const within = blocks.flatMap((b) => [b.sut_within_pct, b.load_within_pct]).filter((x): x is number => x !== null);
  // throughput vs the probe on the SUT CPU, per trial, each variant centred on its own mean (logs); in a
  // sweep, each variant at each size on its own (sizes differ in throughput by orders of magnitude)
  const xs: number[] = [];
  const ys: number[] = [];
  const groupOf = (r: RepetitionResult) => `${r.variant}\u0000${r.point ?? ''}`;
  for (const group of new Set(reps.map(groupOf))) {
    const pts = reps
      .filter((r) => groupOf(r) === group && r.status !== 'failed')
      .map((r) => [r.metrics.probe_sut_ns_per_miter, r.metrics.throughput_rps] as const)
      .filter((p): p is readonly [number, number] => typeof p[0] === 'number' && p[0] > 0 && typeof p[1] === 'number' && p[1] > 0);
    if (pts.length < 2) continue;
    const mx = mean(pts.map((p) => Math.log(p[0])))!;
    const my = mean(pts.map((p) => Math.log(p[1])))!;
    for (const [x, y] of pts) {
      xs.push(Math.log(x) - mx);
      ys.push(Math.log(y) - my);
    }
  }
  const r = correlation(xs, ys);
  return {
    blocks,
    sut_range_pct: range('sut_ns_per_miter'),
    load_range_pct: range('load_ns_per_miter'),
    max_within_block_pct: within.length ? Math.max(...within) : null,
    throughput_probe_correlation: r,
    throughput_variance_explained_pct: r === null ? null : r * r * 100,
  };
}

/** Pairs of metrics that measure the same quantity with two instruments. */
export const INSTRUMENT_PAIRS: readonly [string, string][] = [
  ['gateway_cpu_us_per_req', 'gateway_task_clock_us_per_req'],
  ['total_cpu_us_per_req', 'pidstat_total_cpu_us_per_req'],
  ['total_cpu_us_per_req', 'total_task_clock_us_per_req'],
];

/**
 * Add an `instrument-disagreement` note to both comparisons of a pair of instruments when their change
 * intervals do not overlap (a note: it does not change a verdict).
 *
 * @example
 * instrumentNotes(comparisons).find((c) => c.metric === 'gateway_cpu_us_per_req')?.warnings.map((w) => w.code) // [..., 'instrument-disagreement']
 */
export function instrumentNotes(comparisons: Comparison[]): Comparison[] {
  const byMetric = new Map(comparisons.map((c) => [c.metric, c]));
  const add = new Map<string, Warning[]>();
  for (const [a, b] of INSTRUMENT_PAIRS) {
    const ca = byMetric.get(a)?.change_pct;
    const cb = byMetric.get(b)?.change_pct;
    if (!ca || !cb || ca.ci_low === null || ca.ci_high === null || cb.ci_low === null || cb.ci_high === null) continue;
    if (ca.ci_high >= cb.ci_low && cb.ci_high >= ca.ci_low) continue;
    for (const [m, o, x, y] of [[a, b, ca, cb], [b, a, cb, ca]] as const) {
      const list = add.get(m) ?? [];
      list.push({ code: 'instrument-disagreement', metric: m, other_metric: o, change_pct: x.estimate ?? 0, other_change_pct: y.estimate ?? 0 });
      add.set(m, list);
    }
  }
  return comparisons.map((c) => (add.has(c.metric) ? { ...c, warnings: [...c.warnings, ...add.get(c.metric)!.map(warningJson)] } : c));
}
