/**
 * bench-latency summary (stdout of native/build/bench-latency) -> BenchLatencyRecord. Pure.
 * The raw latencies file it writes with `--latencies` is a separate format (bench-latencies.ts).
 */
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { BenchLatencyRecord } from '../records/bench-latency.ts';
import { validatedRecord } from '../validated-record.ts';
import { readLoadFields } from './bench-load.ts';
import { BenchFields, readBenchSummary, sniffBenchSummary } from './bench-summary.ts';

/**
 * Parse one bench-latency summary.
 *
 * @example
 * parseBenchLatency('bench-latency 1\nduration_s: 1.000\nrate_target_per_s: 1000.00\n...')
 * // -> { format: 'bench-latency', rate_target_per_s: 1000, requests: 1000, requests_unsent: 0, latency_us: { p99: ..., ... }, ... }
 */
export function parseBenchLatency(text: string): BenchLatencyRecord {
  const summary = readBenchSummary(text, 'bench-latency');
  const f = new BenchFields(summary);
  const record = {
    format: 'bench-latency' as const,
    ...readLoadFields(summary),
    rate_target_per_s: f.num('rate_target_per_s'),
    requests_sent: f.int('requests_sent'),
    requests_unsent: f.int('requests_unsent'),
    rate_achieved_per_s: f.num('rate_achieved_per_s'),
  };
  if (record.latency_us.samples + record.latency_dropped_samples !== record.requests) {
    throw new ParseError(
      `bench-latency summary is inconsistent: ${record.latency_us.samples} latency samples for ${record.requests} requests`,
      summary.fields.get('latency_samples')!.line,
    );
  }
  return validatedRecord(BenchLatencyRecord, record, 'bench-latency');
}

/**
 * @example sniffBenchLatency('bench-latency 1\n') // true
 */
export function sniffBenchLatency(head: string): boolean {
  return sniffBenchSummary(head, 'bench-latency');
}

/** The bench-latency entry of the format registry (ingest/formats.ts). */
export const benchLatencyFormat: Format<BenchLatencyRecord> = {
  name: 'bench-latency',
  sniff: sniffBenchLatency,
  parse: parseBenchLatency,
};
