/**
 * bench-throughput summary (stdout of native/build/bench-throughput) -> BenchThroughputRecord. Pure.
 *
 * A client that failed prints one line on stderr (`bench-throughput: cannot connect to ...`); if that is
 * what was captured, the ParseError carries it.
 */
import type { Format } from '../formats.ts';
import { BenchThroughputRecord } from '../records/bench-throughput.ts';
import { validatedRecord } from '../validated-record.ts';
import { readLoadFields } from './bench-load.ts';
import { BenchFields, readBenchSummary, sniffBenchSummary } from './bench-summary.ts';

/**
 * Parse one bench-throughput summary.
 *
 * @example
 * parseBenchThroughput('bench-throughput 1\nduration_s: 2.000\nurl: http://127.0.0.1:18991/api/hello\n...')
 * // -> { format: 'bench-throughput', requests: 110098, requests_per_s: 55049, errors: { total: 0, ... }, latency_us: { p99: 2911, ... }, ... }
 */
export function parseBenchThroughput(text: string): BenchThroughputRecord {
  const summary = readBenchSummary(text, 'bench-throughput');
  const record = {
    format: 'bench-throughput' as const,
    ...readLoadFields(summary),
    requests_per_s: new BenchFields(summary).num('requests_per_s'),
  };
  return validatedRecord(BenchThroughputRecord, record, 'bench-throughput');
}

/**
 * @example sniffBenchThroughput('bench-throughput 1\n') // true
 */
export function sniffBenchThroughput(head: string): boolean {
  return sniffBenchSummary(head, 'bench-throughput');
}

/** The bench-throughput entry of the format registry (ingest/formats.ts). */
export const benchThroughputFormat: Format<BenchThroughputRecord> = {
  name: 'bench-throughput',
  sniff: sniffBenchThroughput,
  parse: parseBenchThroughput,
};
