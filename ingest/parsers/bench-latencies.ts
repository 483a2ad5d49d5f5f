/**
 * bench-latency's raw latencies file (`--latencies FILE`) -> BenchLatenciesRecord. Pure.
 *
 * Layout: a header line `# bench-latency 1 latencies_us` (so the file is recognised by its content), then
 * one non-negative integer per line: a latency in microseconds, in completion order.
 */
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { BenchLatenciesRecord } from '../records/bench-latencies.ts';
import { validatedRecord } from '../validated-record.ts';
import { BENCH_SUMMARY_VERSION } from './bench-summary.ts';

const HEADER = /^# bench-latency (\d+) latencies_us$/;

/**
 * The record's fields but `latencies_us`, for zod. Each latency is checked where its line is read (a
 * non-negative safe integer, what the schema declares): zod's check of a file's 20,000 to 1,000,000 entries
 * one by one cost more than all the other records of a run together.
 */
const BenchLatenciesHead = BenchLatenciesRecord.omit({ latencies_us: true });

/** Accumulates lines. */
class LatenciesReader {
  private line = 0;
  private version: number | null = null;
  readonly latencies: number[] = [];

  push(raw: string): void {
    this.line++;
    const text = raw.trim();
    if (this.version === null) {
      const m = HEADER.exec(text.replace(/^\uFEFF/, ''));
      if (!m) return this.notHeader(text);
      this.version = Number(m[1]);
      if (this.version > BENCH_SUMMARY_VERSION) {
        throw new ParseError(`bench-latency latencies format ${this.version} is newer than this gatebench reads (${BENCH_SUMMARY_VERSION})`, this.line);
      }
      return;
    }
    if (text === '') return;
    const latencyUs = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(latencyUs)) {
      const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
      if (/^\d+$/.test(text)) throw new ParseError(`latency "${shown}" us is too large (above 2^53 - 1)`, this.line);
      throw new ParseError(`expected a latency in microseconds (a non-negative integer), found "${shown}"`, this.line);
    }
    this.latencies.push(latencyUs);
  }

  finish(): BenchLatenciesRecord {
    if (this.version === null) throw new ParseError('empty bench-latency latencies file', 1);
    const head = validatedRecord(BenchLatenciesHead, { format: 'bench-latencies', version: this.version, count: this.latencies.length }, 'bench-latencies');
    return { ...head, latencies_us: this.latencies };
  }

  private notHeader(text: string): never {
    throw new ParseError(`expected the header "# bench-latency 1 latencies_us", found "${text.slice(0, 60)}"`, this.line);
  }
}

/**
 * Parse a latencies file.
 *
 * @example
 * parseBenchLatencies('# bench-latency 1 latencies_us\n412\n388\n')
 * // -> { format: 'bench-latencies', version: 1, count: 2, latencies_us: [412, 388] }
 */
export function parseBenchLatencies(text: string): BenchLatenciesRecord {
  const reader = new LatenciesReader();
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) reader.push(line);
  return reader.finish();
}

/**
 * @example sniffBenchLatencies('# bench-latency 1 latencies_us\n412\n') // true
 */
export function sniffBenchLatencies(head: string): boolean {
  return /^\uFEFF?# bench-latency \d+ latencies_us\r?$/m.test(head.split('\n', 1)[0]);
}

/** The bench-latencies entry of the format registry (ingest/formats.ts). */
export const benchLatenciesFormat: Format<BenchLatenciesRecord> = {
  name: 'bench-latencies',
  sniff: sniffBenchLatencies,
  parse: parseBenchLatencies,
};
