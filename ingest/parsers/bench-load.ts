/**
 * The summary fields bench-throughput and bench-latency share (native/bench/gbb_load.c prints them), read
 * into the common part of their records. Pure.
 */
import type { BenchLoadFields } from '../records/bench-load.ts';
import { BenchFields, type BenchSummary } from './bench-summary.ts';

/**
 * The common load fields of a bench-throughput or bench-latency summary.
 *
 * @example
 * readLoadFields(readBenchSummary(text, 'bench-throughput')).latency_us.p99 // -> 3570
 */
export function readLoadFields(summary: BenchSummary): BenchLoadFields {
  const f = new BenchFields(summary);
  return {
    version: summary.version,
    url: f.str('url'),
    method: f.str('method'),
    body_bytes: f.int('body_bytes'),
    keepalive: f.flag('keepalive'),
    threads: f.int('threads'),
    connections: f.int('connections'),
    timeout_ms: f.int('timeout_ms'),
    duration_s: f.num('duration_s'),
    requests: f.int('requests'),
    errors: {
      connect: f.int('errors_connect'),
      read: f.int('errors_read'),
      write: f.int('errors_write'),
      timeout: f.int('errors_timeout'),
      status: f.int('errors_status'),
      parse: f.int('errors_parse'),
      total: f.int('errors_total'),
    },
    response_bytes: f.int('response_bytes'),
    latency_us: {
      samples: f.int('latency_samples'),
      mean: f.num('latency_mean_us'),
      p50: f.int('latency_p50_us'),
      p90: f.int('latency_p90_us'),
      p95: f.int('latency_p95_us'),
      p99: f.int('latency_p99_us'),
      p99_9: f.int('latency_p99_9_us'),
      max: f.int('latency_max_us'),
    },
    latency_dropped_samples: f.optionalInt('latency_dropped_samples') ?? 0,
    latencies_file: f.optionalStr('latencies_file'),
    cpu_s: f.optionalNum('cpu_s'),
  };
}
