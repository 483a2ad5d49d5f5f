/**
 * What the analysis reads, as minimal structural types: the fields of the parsed records (ingest/records/)
 * that the metrics use. Any record the ingest parsers return fits these shapes (they are subsets), so the
 * analysis stays decoupled from parser details and is tested with plain objects.
 *
 * A run comes in as its manifest plus, for each raw file listed in it, either the parsed record or the
 * reason it could not be parsed. The analysis never touches paths on disk.
 */
import type { Manifest } from '../../ingest/manifest.ts';
import type { LoadError } from '../schema.ts';

type Num = number | null | undefined;

export interface WrkInput {
  format: 'wrk';
  requests: number;
  requests_per_s: number;
  duration_s: number;
  latency_ms: { avg?: Num; max?: Num; p50?: Num; p75?: Num; p90?: Num; p99?: Num; p99_9?: Num };
  errors: { connect: number; read: number; write: number; timeout: number; non_2xx_3xx: number };
}

export interface PidstatSampleInput {
  pid: number;
  command?: string | null;
  time?: string;
  elapsed_s?: number | null;
  epoch_s?: number | null;
  usr_pct: Num;
  system_pct: Num;
  cpu_pct: Num;
  rss_kb: Num;
  cswch_per_s: Num;
  nvcswch_per_s: Num;
}

export interface PidstatInput {
  format: 'pidstat';
  samples: PidstatSampleInput[];
}

export interface PerfStatInput {
  format: 'perf-stat' | 'perf';
  events: { event: string; value: number | null; unit?: string | null }[];
  elapsed_s?: Num;
}

export interface StraceInput {
  format: 'strace-c' | 'strace';
  syscalls: { name: string; calls: number; errors?: number | null }[];
  total?: { calls: number; errors?: number | null } | null;
}

/**
 * The open-loop client's summary. Field names are read tolerantly: percentiles from `latency_ms` or
 * `latency_us` ({p50, p90, p95, p99, p99_9, max}), or top-level `p50_ms`.. / `p50_us`..; `count`/`requests`.
 */
export interface BenchLatencyInput {
  format: 'bench-latency';
  [key: string]: unknown;
}

/** Raw per-request latencies of one repetition, in microseconds (ingest's bench-latencies record). */
export interface LatenciesInput {
  format: 'bench-latencies' | 'latencies';
  latencies_us: ArrayLike<number>;
}

/** The seed-era CSV of pidstat samples (ingest's legacy-csv record), used when a run has no pidstat text. */
export interface LegacyCsvInput {
  format: 'legacy-csv';
  samples: {
    timestamp: string;
    pid: number | null;
    cpu_percent: Num;
    user_cpu: Num;
    sys_cpu: Num;
    memory_mb: Num;
    voluntary_switches: Num;
    nonvoluntary_switches: Num;
  }[];
}

/** A copy of /proc/stat (ingest's proc-stat record): per-CPU time in USER_HZ ticks; `cpu: null` is the sum line. */
export interface ProcStatInput {
  format: 'proc-stat';
  cpus: { cpu: number | null; user: number; nice: number; system: number; idle: number; iowait: number; irq: number; softirq: number; steal: number }[];
}

/** The speed probe's output (ingest's speed-probe record): a fixed loop's time on each CPU. */
export interface SpeedProbeInput {
  format: 'speed-probe';
  samples: { cpu: number; iterations: number; ns: number }[];
}

export type RecordInput = ProcStatInput | SpeedProbeInput | WrkInput | PidstatInput | PerfStatInput | StraceInput | BenchLatencyInput | LatenciesInput | LegacyCsvInput | { format: string };

/** A raw file as the analysis sees it: parsed, or why not. */
export type FileInput = { record: RecordInput; error?: undefined } | { record?: undefined; error: LoadError };

export interface RunInput {
  /** the run directory's name */
  id: string;
  /** null when the manifest could not be read: the run is reported with status `error` */
  manifest: Manifest | null;
  /** why the run could not be loaded, when manifest is null */
  error: LoadError | null;
  /** path relative to the run directory (as in the manifest) -> parsed file */
  files: Map<string, FileInput>;
}
