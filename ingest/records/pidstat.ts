/**
 * The record the pidstat parser returns (`npm run parse` prints it as JSON). One zod declaration gives the
 * runtime validator and the TypeScript type. Field contract (issue 2, Part 3):
 * `{format:"pidstat", samples:[{time, pid, tid?, command, usr_pct, system_pct, guest_pct, wait_pct, cpu_pct,
 * cpu, minflt_per_s, majflt_per_s, vsz_kb, rss_kb, mem_pct, cswch_per_s, nvcswch_per_s, ...}], average:[...]}`.
 *
 * Conventions:
 * - The contract's metrics are always present; a metric the file does not carry (its pidstat flag was not
 *   given, or the column does not exist in that sysstat version, e.g. %wait before 11.5) is null.
 * - pidstat's "not readable" values (`-1.00` / `-1`, e.g. kB_rd/s of another user's process) and `-`
 *   (e.g. CPU on Average rows) are null.
 * - Extra metrics (`kb_rd_per_s`, `iodelay_ticks`, `threads`, ...) are present only when their column is.
 * - `pid` is the PID, or the TGID with -t; thread rows (-t) also carry `tid` and the thread's name as
 *   `command` (without pidstat's `|__` prefix). Process rows of a -t run have no `tid`.
 * - Rows of one sample that pidstat prints in separate blocks (-u, -r, -w, -d ... without -h) are merged into
 *   one sample per (time, pid, tid). Average rows never appear in `samples`.
 */
import { z } from 'zod';

const metric = z.number().nullable();

/** The metrics of one task (process or thread), shared by samples and averages. */
export const PidstatTaskStats = z.object({
  /** PID, or TGID with -t (for a thread row: the TGID of the process it belongs to) */
  pid: z.number().int(),
  /** thread id, only on thread rows of `pidstat -t` */
  tid: z.number().int().optional(),
  /** command name (or full command line with -l); thread rows: the thread name without `|__` */
  command: z.string(),
  /** with -t, when pidstat prints `(leader)__thread`: the name of the process the thread belongs to */
  leader: z.string().optional(),
  /** UID column (absent before sysstat 10 and with -U, which prints USER instead) */
  uid: z.number().int().nullable().optional(),
  /** USER column (pidstat -U) */
  user: z.string().optional(),
  usr_pct: metric,
  system_pct: metric,
  guest_pct: metric,
  wait_pct: metric,
  cpu_pct: metric,
  /** the processor the task last ran on (null on Average rows, where pidstat prints `-`) */
  cpu: metric,
  minflt_per_s: metric,
  majflt_per_s: metric,
  vsz_kb: metric,
  rss_kb: metric,
  mem_pct: metric,
  cswch_per_s: metric,
  nvcswch_per_s: metric,
  // -d
  kb_rd_per_s: metric.optional(),
  kb_wr_per_s: metric.optional(),
  kb_ccwr_per_s: metric.optional(),
  /** pidstat's iodelay: block I/O delay in clock ticks */
  iodelay_ticks: metric.optional(),
  // -T CHILD / ALL
  usr_ms: metric.optional(),
  system_ms: metric.optional(),
  guest_ms: metric.optional(),
  minflt_count: metric.optional(),
  majflt_count: metric.optional(),
  // -s
  stack_size_kb: metric.optional(),
  stack_ref_kb: metric.optional(),
  // -v
  threads: metric.optional(),
  fd_count: metric.optional(),
  // -R
  prio: metric.optional(),
  policy: z.string().optional(),
  /** values of columns this parser does not know, by their header name, as printed */
  extra: z.record(z.string(), z.string()).optional(),
});
export type PidstatTaskStats = z.infer<typeof PidstatTaskStats>;

/** One task at one sampling time. */
export const PidstatSample = PidstatTaskStats.extend({
  /** the printed time normalised to 24-hour `HH:MM:SS` (from `-H` epoch: the UTC time of day) */
  time: z.string().regex(/^\d{2}:\d{2}:\d{2}$/),
  /** the sample's date `YYYY-MM-DD`, from the banner date advanced at each midnight rollover; null if unknown */
  date: z.string().nullable(),
  /** seconds since the Unix epoch: exact with -H; otherwise from date + time at `header.utc_offset_min` */
  epoch_s: z.number().nullable(),
  /** seconds since the first sample of the file (midnight rollover handled) */
  elapsed_s: z.number(),
});
export type PidstatSample = z.infer<typeof PidstatSample>;

/** An `Average:` row (any translation); same metrics as a sample, no time. */
export const PidstatAverage = PidstatTaskStats;
export type PidstatAverage = z.infer<typeof PidstatAverage>;

/** What the first line (`Linux 6.1.0-18-amd64 (host) \t11/22/2026 \t_x86_64_\t(2 CPU)`) and the layout say. */
export const PidstatHeader = z.object({
  os: z.string().nullable(),
  kernel: z.string().nullable(),
  hostname: z.string().nullable(),
  /** the banner date as printed (locale-dependent) */
  date_printed: z.string().nullable(),
  /** the banner date as `YYYY-MM-DD`, null when it cannot be read unambiguously */
  date: z.string().nullable(),
  arch: z.string().nullable(),
  cpu_count: z.number().int().nullable(),
  /** "block": one block per activity per sample; "one-line": -h; "json": -o JSON */
  layout: z.enum(['block', 'one-line', 'json']),
  /** "epoch" with -H (exact); "wall" otherwise (times are the monitored machine's local clock) */
  clock: z.enum(['epoch', 'wall']),
  /** the UTC offset used to turn wall-clock times into `epoch_s` (the parser option; 0 = assumed UTC) */
  utc_offset_min: z.number(),
  /** true when -t thread rows are present */
  threads: z.boolean(),
  /** "." or "," as found in the numbers; null when no fractional number was seen */
  decimal_separator: z.enum(['.', ',']).nullable(),
  /** the translated "Average:" label as printed, when the file has average rows */
  average_label: z.string().nullable(),
  /** header columns this parser does not know (their values are kept in each row's `extra`) */
  unknown_columns: z.array(z.string()),
});
export type PidstatHeader = z.infer<typeof PidstatHeader>;

export const PidstatRecord = z.object({
  format: z.literal('pidstat'),
  header: PidstatHeader,
  /** every sample, in file order; empty when the loader streamed them elsewhere (readRawFile's onPidstatSamples) */
  samples: z.array(PidstatSample),
  /** number of samples parsed (equals samples.length unless streaming) */
  sample_count: z.number().int(),
  /** number of input lines read (blank lines included) */
  line_count: z.number().int(),
  average: z.array(PidstatAverage),
});
export type PidstatRecord = z.infer<typeof PidstatRecord>;
