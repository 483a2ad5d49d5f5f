/**
 * The record the wrk / wrk2 parser returns (`npm run parse` prints it as JSON). One zod declaration gives the
 * runtime validator and the TypeScript type. Field contract (issue 2, Part 3): `format, threads, connections,
 * duration_s, requests, bytes_read, requests_per_s, transfer_bytes_per_s, latency_ms{avg,stdev,max,p50,p75,
 * p90,p99}, errors{connect,read,write,timeout,non_2xx_3xx}`; the rest is added.
 *
 * Conventions: bytes are wrk's binary units read back and rounded to whole bytes (wrk prints `28.81MB` = 28.81 * 1024^2 B,
 * so `bytes_read` carries the print's 4 significant digits, not an exact byte count). A value wrk did not
 * measure (`-nan`, zero requests, a paste without the header) is null; percentiles wrk did not print
 * (no `--latency`) are absent.
 */
import { z } from 'zod';

const num = z.number();
const nullableNum = z.number().nullable();

/** Latency percentiles in milliseconds. wrk prints p50..p99; wrk2 prints p50..p100 (`p99_9` = 99.9th). */
export const WrkPercentiles = z.object({
  p50: nullableNum.optional(),
  p75: nullableNum.optional(),
  p90: nullableNum.optional(),
  p99: nullableNum.optional(),
  p99_9: nullableNum.optional(),
  p99_99: nullableNum.optional(),
  p99_999: nullableNum.optional(),
  p100: nullableNum.optional(),
});
export type WrkPercentiles = z.infer<typeof WrkPercentiles>;

/** Latency figures in milliseconds: the `Latency` row of Thread Stats plus the printed percentiles. */
export const WrkLatency = WrkPercentiles.extend({
  avg: nullableNum,
  stdev: nullableNum,
  max: nullableNum,
  /** wrk's `+/- Stdev` column: % of samples within one standard deviation of the mean */
  within_stdev_pct: nullableNum,
});
export type WrkLatency = z.infer<typeof WrkLatency>;

/** One row of wrk2's "Detailed Percentile spectrum": `percentile` is the fraction wrk2 prints (0.99 = p99). */
export const WrkSpectrumRow = z.object({ latency_ms: num, percentile: num, count: z.number().int() });
export type WrkSpectrumRow = z.infer<typeof WrkSpectrumRow>;

/** The `#[Mean = ..]` footer of an HdrHistogram block (values in ms). */
export const WrkHdrSummary = z.object({
  mean_ms: nullableNum,
  stdev_ms: nullableNum,
  max_ms: nullableNum,
  total_count: z.number().int().nullable(),
  buckets: z.number().int().nullable(),
  sub_buckets: z.number().int().nullable(),
});
export type WrkHdrSummary = z.infer<typeof WrkHdrSummary>;

/** A wrk2 HdrHistogram block: percentiles, the spectrum when printed, and its footer. */
export const WrkHistogram = z.object({
  latency_ms: WrkPercentiles,
  spectrum: z.array(WrkSpectrumRow),
  hdr: WrkHdrSummary.nullable(),
});
export type WrkHistogram = z.infer<typeof WrkHistogram>;

export const WrkRecord = z.object({
  format: z.literal('wrk'),
  /** "wrk2" when the output has HdrHistogram blocks or thread calibration lines (wrk2, `-R`) */
  tool: z.enum(['wrk', 'wrk2']),
  url: z.string().nullable(),
  threads: z.number().int().nullable(),
  connections: z.number().int().nullable(),
  /** the measured run time, from `N requests in 30.08s` */
  duration_s: num,
  /** the requested duration from `Running 30s test` (wrk rounds it: -d100s prints `2m`) */
  test_duration_s: nullableNum,
  requests: z.number().int().nonnegative(),
  bytes_read: num,
  requests_per_s: num,
  transfer_bytes_per_s: num,
  latency_ms: WrkLatency,
  /** per-thread requests/s distribution (the `Req/Sec` row) */
  req_per_s_thread: z.object({ avg: nullableNum, stdev: nullableNum, max: nullableNum, within_stdev_pct: nullableNum }),
  errors: z.object({
    connect: z.number().int(),
    read: z.number().int(),
    write: z.number().int(),
    timeout: z.number().int(),
    non_2xx_3xx: z.number().int(),
  }),
  /** wrk2 only: the corrected ("Recorded Latency") spectrum, in ms */
  spectrum: z.array(WrkSpectrumRow).optional(),
  hdr: WrkHdrSummary.optional(),
  /** wrk2 `--u_latency`: the uncorrected histogram (coordinated omission not compensated) */
  uncorrected: WrkHistogram.optional(),
  /** wrk2 per-thread calibration lines */
  calibration: z.array(z.object({ mean_latency_ms: num, sampling_interval_ms: num })).optional(),
  /** lines printed after `Transfer/sec` by a Lua `done()` function, verbatim */
  script_output: z.array(z.string()),
});
export type WrkRecord = z.infer<typeof WrkRecord>;
