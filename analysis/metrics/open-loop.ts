/**
 * Reading the open-loop client (bench-latency) summary and raw latencies. The summary's field names are read
 * tolerantly (see inputs.ts) so the analysis does not break if the client adds or renames a unit suffix.
 */
import { percentileSorted } from '../stats/percentile.ts';
import type { BenchLatencyInput, LatenciesInput } from '../load/inputs.ts';
import type { SpectrumPoint } from '../schema.ts';

export interface OpenLoopSummary {
  p50_ms: number | null;
  p90_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  p999_ms: number | null;
  max_ms: number | null;
  count: number | null;
  errors: number | null;
  achieved_rps: number | null;
  /** the client's own CPU over the sending window, percent of one CPU (bench-latency's `cpu_s`, its whole life, / `duration_s`: a little high, which errs on the side of the saturation gate) */
  client_cpu_pct: number | null;
}

const KEYS: [keyof OpenLoopSummary, string[]][] = [
  ['p50_ms', ['p50']],
  ['p90_ms', ['p90']],
  ['p95_ms', ['p95']],
  ['p99_ms', ['p99']],
  ['p999_ms', ['p99_9', 'p999', 'p99.9']],
  ['max_ms', ['max', 'p100']],
];

function asNum(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Percentiles in ms, count, errors and achieved rate from a bench-latency record, whatever its units.
 *
 * @example
 * openLoopSummary({ format: 'bench-latency', count: 100, errors: 0, latency_us: { p50: 120, p99: 900 } })
 * // { p50_ms: 0.12, p99_ms: 0.9, count: 100, errors: 0, ... (others null) }
 */
export function openLoopSummary(rec: BenchLatencyInput): OpenLoopSummary {
  const r = rec as Record<string, unknown>;
  const out: OpenLoopSummary = { p50_ms: null, p90_ms: null, p95_ms: null, p99_ms: null, p999_ms: null, max_ms: null, count: null, errors: null, achieved_rps: null, client_cpu_pct: null };
  const groups: [Record<string, unknown>, number][] = []; // [fields, divisor to ms]
  for (const [key, scale] of [['latency_ms', 1], ['latency_us', 1000], ['latency_ns', 1e6], ['latency_s', 1e-3]] as const) {
    if (typeof r[key] === 'object' && r[key] !== null) groups.push([r[key] as Record<string, unknown>, scale]);
  }
  for (const [field, names] of KEYS) {
    for (const name of names) {
      for (const [g, scale] of groups) {
        const v = asNum(g[name]) ?? asNum(g[`${name}_ms`]);
        if (v !== null && out[field] === null) out[field] = v / scale;
      }
      for (const [suffix, scale] of [['_ms', 1], ['_us', 1000], ['_ns', 1e6]] as const) {
        const v = asNum(r[`${name}${suffix}`]);
        if (v !== null && out[field] === null) out[field] = v / scale;
      }
    }
  }
  out.count = asNum(r.count) ?? asNum(r.requests) ?? asNum(r.completed);
  const errors = r.errors;
  if (typeof errors === 'number') out.errors = errors;
  else if (typeof errors === 'object' && errors !== null && typeof (errors as { total?: unknown }).total === 'number') {
    out.errors = (errors as { total: number }).total;
  } else if (typeof errors === 'object' && errors !== null) {
    let sum = 0;
    for (const v of Object.values(errors)) if (typeof v === 'number') sum += v;
    out.errors = sum;
  }
  const cpu = asNum(r.cpu_s);
  const window = asNum(r.duration_s);
  if (cpu !== null && window !== null && window > 0) out.client_cpu_pct = (cpu / window) * 100;
  out.achieved_rps = asNum(r.rate_achieved_per_s) ?? asNum(r.achieved_rps) ?? asNum(r.requests_per_s) ?? asNum(r.throughput_rps);
  if (out.achieved_rps === null && out.count !== null) {
    const d = asNum(r.duration_s) ?? asNum(r.elapsed_s);
    if (d && d > 0) out.achieved_rps = out.count / d;
  }
  return out;
}

/** Percentiles shown in latency spectra (a log axis of 1/(1-p)); those beyond the sample's resolution are dropped. */
export const SPECTRUM_PERCENTILES = [0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999, 100];

/**
 * The latency spectrum (ms) of latencies in microseconds sorted ascending.
 *
 * @example
 * spectrumOfSorted(Float64Array.from([100, 200, 300]))
 * // [{percentile: 0, latency_ms: 0.1}, {percentile: 50, latency_ms: 0.2}, {percentile: 75, latency_ms: 0.25}, {percentile: 100, latency_ms: 0.3}]
 */
export function spectrumOfSorted(sortedUs: Float64Array): SpectrumPoint[] {
  if (sortedUs.length === 0) return [];
  const out: SpectrumPoint[] = [];
  for (const p of SPECTRUM_PERCENTILES) {
    if (p !== 100 && p !== 0 && 100 / (100 - p) > sortedUs.length * (1 + 1e-9)) continue;
    out.push({ percentile: p, latency_ms: percentileSorted(sortedUs, p) / 1000 });
  }
  return out;
}

/**
 * Sorted copy of one repetition's raw latencies (microseconds), dropping values that are not finite.
 *
 * @example
 * sortedLatencies({ format: 'latencies', latencies_us: [300, 100] }) // Float64Array [100, 300]
 */
export function sortedLatencies(rec: LatenciesInput): Float64Array {
  // the bench-latencies record is a plain array; copy into a typed array for a numeric sort
  const src = rec.latencies_us;
  const out = new Float64Array(src.length);
  let k = 0;
  for (let i = 0; i < src.length; i++) if (Number.isFinite(src[i])) out[k++] = src[i];
  return out.subarray(0, k).sort();
}
