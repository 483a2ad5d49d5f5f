/**
 * Pieces shared by the bench-throughput and bench-latency records: the load that was sent, the errors
 * by kind, and the latency percentiles in microseconds. Both C clients compute these the same way
 * (native/bench/gbb_load.c), so a figure from one sits beside a figure from the other.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();

/** Failed requests by kind. `status` counts complete responses that were not 2xx (they are also in `requests`). */
export const BenchErrors = z.object({
  connect: count,
  read: count,
  write: count,
  timeout: count,
  status: count,
  /** responses that were not valid HTTP/1.x */
  parse: count,
  total: count,
});
export type BenchErrors = z.infer<typeof BenchErrors>;

/**
 * Latency over all complete responses, in microseconds. Percentiles are nearest-rank (the smallest sample
 * with at least p% of samples at or below it), so they equal the raw latencies file's own percentiles.
 */
export const BenchLatencyUs = z.object({
  samples: count,
  mean: z.number().nonnegative(),
  p50: count,
  p90: count,
  p95: count,
  p99: count,
  p99_9: count,
  max: count,
});
export type BenchLatencyUs = z.infer<typeof BenchLatencyUs>;

/** The fields both load clients print. */
export const BenchLoadFields = z.object({
  version: z.number().int().positive(),
  url: z.string(),
  method: z.string(),
  body_bytes: count,
  keepalive: z.boolean(),
  threads: z.number().int().positive(),
  connections: z.number().int().positive(),
  timeout_ms: count,
  /** the measurement window: bench-throughput's run time, bench-latency's sending window */
  duration_s: z.number().positive(),
  /** complete responses of any status */
  requests: count,
  errors: BenchErrors,
  /** response bytes received, head and body */
  response_bytes: count,
  latency_us: BenchLatencyUs,
  /** latencies not kept for lack of memory (0 normally) */
  latency_dropped_samples: count,
  /** the `--latencies` file the client wrote, as given on its command line */
  latencies_file: z.string().nullable(),
  /** the client's own CPU seconds (user + system, all threads); null in summaries written before it was printed */
  cpu_s: z.number().nonnegative().nullable(),
});
export type BenchLoadFields = z.infer<typeof BenchLoadFields>;
