/**
 * Sanity figures for the manifest and the end-of-run summary, computed from parsed records right after a
 * phase (pure). The analysis recomputes everything from the raw files; these only let a user (and the
 * collector) see at once that a phase measured something.
 */
import type { BenchLatencyRecord } from '../records/bench-latency.ts';
import type { PidstatRecord } from '../records/pidstat.ts';
import type { WrkRecord } from '../records/wrk.ts';

export type Summary = Record<string, number | null>;

/**
 * Requests, throughput, latency and errors of one wrk run.
 *
 * @example
 * wrkSummary(parseWrk(text)) // -> { requests: 197486, requests_per_s: 65550.1, latency_avg_ms: 1.2, latency_p50_ms: 1.1, latency_p99_ms: 3.74, errors: 0 }
 */
export function wrkSummary(rec: WrkRecord): Summary {
  const e = rec.errors;
  return {
    requests: rec.requests ?? null,
    requests_per_s: rec.requests_per_s ?? null,
    latency_avg_ms: rec.latency_ms?.avg ?? null,
    latency_p50_ms: rec.latency_ms?.p50 ?? null,
    latency_p99_ms: rec.latency_ms?.p99 ?? null,
    errors: e ? e.connect + e.read + e.write + e.timeout + e.non_2xx_3xx : null,
  };
}

function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * The front's mean CPU (total, user, system; summed over its processes) and peak RSS (of their sum), and the
 * workers' summed mean CPU, over the pidstat samples of one phase. `samples` counts the front's readings.
 *
 * @example
 * pidstatSummary(rec, [100], [101]) // -> { samples: 10, gateway_cpu_pct: 45.2, gateway_usr_pct: 10, gateway_sys_pct: 35.2, gateway_rss_kb_max: 2048, workers_cpu_pct: 30.1 }
 */
export function pidstatSummary(rec: PidstatRecord, frontPids: number[], workerPids: number[]): Summary {
  const rows = (pid: number) => rec.samples.filter((s) => s.pid === pid && s.tid === undefined);
  const summed = (pids: number[], key: 'cpu_pct' | 'usr_pct' | 'system_pct'): number | null => {
    let total: number | null = null;
    for (const pid of pids) {
      const m = mean(rows(pid).map((s) => s[key]).filter((v): v is number => v !== null));
      if (m !== null) total = (total ?? 0) + m;
    }
    return total;
  };
  // RSS of the front: the sum over its processes at each sampling time, at its highest
  const rssAt = new Map<string, number>();
  for (const pid of frontPids) {
    for (const s of rows(pid)) if (s.rss_kb !== null) rssAt.set(s.time, (rssAt.get(s.time) ?? 0) + s.rss_kb);
  }
  return {
    samples: frontPids.reduce((n, pid) => Math.max(n, rows(pid).length), 0),
    gateway_cpu_pct: summed(frontPids, 'cpu_pct'),
    gateway_usr_pct: summed(frontPids, 'usr_pct'),
    gateway_sys_pct: summed(frontPids, 'system_pct'),
    gateway_rss_kb_max: rssAt.size ? Math.max(...rssAt.values()) : null,
    workers_cpu_pct: summed(workerPids, 'cpu_pct'),
  };
}

/**
 * Requests, errors, achieved rate and coordinated-omission-corrected latency of one bench-latency run.
 *
 * @example
 * benchLatencySummary(rec) // -> { requests: 12500, errors: 0, rate_achieved_per_s: 2500, latency_p50_ms: 1.238, latency_p99_ms: 394.337 }
 */
export function benchLatencySummary(rec: BenchLatencyRecord): Summary {
  const us = (v: number | null | undefined) => (typeof v === 'number' ? v / 1000 : null);
  return {
    requests: rec.requests ?? null,
    errors: rec.errors?.total ?? null,
    rate_achieved_per_s: rec.rate_achieved_per_s ?? null,
    latency_p50_ms: us(rec.latency_us?.p50),
    latency_p99_ms: us(rec.latency_us?.p99),
    latency_p99_9_ms: us(rec.latency_us?.p99_9),
  };
}
