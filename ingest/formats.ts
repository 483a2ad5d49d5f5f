/**
 * The registry of raw formats gatebench reads. Detection is by content, never by file name: each
 * format's `sniff` looks at the head of the text; the first format whose sniff says yes parses it
 * (ingest/detect.ts). Adding a format is one line in `FORMATS` below (plus its import): each parser module
 * exports its `Format` value next to its parse function.
 */
import { benchCpuFormat } from './parsers/bench-cpu.ts';
import { benchLatenciesFormat } from './parsers/bench-latencies.ts';
import { benchLatencyFormat } from './parsers/bench-latency.ts';
import { benchMemoryFormat } from './parsers/bench-memory.ts';
import { benchThroughputFormat } from './parsers/bench-throughput.ts';
import { legacyCsvFormat } from './parsers/legacy-csv.ts';
import { perfStatFormat } from './parsers/perf-stat.ts';
import { pidstatFormat } from './parsers/pidstat.ts';
import { procStatFormat } from './parsers/proc-stat.ts';
import { speedProbeFormat } from './parsers/speed-probe.ts';
import { straceFormat } from './parsers/strace.ts';
import { wrkFormat } from './parsers/wrk.ts';

export interface Format<R = unknown> {
  /** the record's `format` field, e.g. "wrk", "pidstat", "perf-stat", "strace-c" */
  name: string;
  /** true when `head` (the first ~64 KiB of the file, BOM removed) looks like this format */
  sniff(head: string): boolean;
  /**
   * text in, validated record out; throws ParseError(reason, line). (ingest/load.ts streams large pidstat files
   * through PidstatParser instead; other raw files are small enough to read whole.)
   */
  parse(text: string): R;
}

/** Order matters: most specific first. */
export const FORMATS: Format[] = [
  // the C bench clients: an exact first line ("bench-latency 1"), so they go first
  benchThroughputFormat,
  benchLatencyFormat,
  benchLatenciesFormat,
  benchMemoryFormat,
  benchCpuFormat,
  speedProbeFormat,
  // /proc/stat: an aggregate "cpu" line of 7+ numbers first, then "cpu0 "
  procStatFormat,
  legacyCsvFormat,
  wrkFormat,
  straceFormat,
  perfStatFormat,
  pidstatFormat,
];
