/**
 * The record the perf stat parser returns (text on stderr, `-x<sep>` CSV, or `--json` lines). Contract
 * (issue 2, Part 3): `format, events[{event, value, unit, status, running_pct}], elapsed_s, user_s, sys_s`;
 * the rest is added. `value` is null unless `status` is "counted"; numbers are read back from whatever
 * locale perf printed them in (digit grouping, decimal commas).
 */
import { z } from 'zod';

export const PerfEventStatus = z.enum(['counted', 'not supported', 'not counted']);
export type PerfEventStatus = z.infer<typeof PerfEventStatus>;

export const PerfEvent = z.object({
  /** the event name as perf printed it, e.g. "task-clock", "cpu_core/cycles/" */
  event: z.string(),
  /** the counter value in `unit` (task-clock and cpu-clock: msec) */
  value: z.number().nullable(),
  /** "msec" for clocks, "" for plain counts, or the PMU's unit (e.g. "Joules") */
  unit: z.string(),
  status: PerfEventStatus,
  /** % of the run the counter was scheduled (multiplexing); 100 when perf printed none for a counted event */
  running_pct: z.number().nullable(),
  /** -r N: the relative standard deviation `( +- 1.23% )` across runs */
  variance_pct: z.number().nullable().optional(),
  /** the derived metric after `#` (e.g. 0.572 for "CPUs utilized") */
  metric_value: z.number().nullable().optional(),
  metric_unit: z.string().nullable().optional(),
  /** CSV/JSON only: the time the counter ran, in ns */
  runtime_ns: z.number().nullable().optional(),
});
export type PerfEvent = z.infer<typeof PerfEvent>;

export const PerfInterval = z.object({
  /** seconds since the start (the `-I` timestamp) */
  time_s: z.number(),
  events: z.array(PerfEvent),
});
export type PerfInterval = z.infer<typeof PerfInterval>;

export const PerfStatRecord = z.object({
  format: z.literal('perf-stat'),
  layout: z.enum(['text', 'csv', 'json']),
  /** from the header: "process id '123'", "'system wide'", "'gzip -c x'"; null when not printed (CSV/JSON) */
  target: z.string().nullable(),
  /** `-p` pids from the header, when it names processes */
  pids: z.array(z.number().int()).optional(),
  /** `-r N` repeat count, from the header "(3 runs)"; null when not printed */
  runs: z.number().int().nullable(),
  /** whole-run counters; in -I mode the sum of the intervals (running_pct: their mean) */
  events: z.array(PerfEvent),
  /** -I mode: one entry per interval, in order */
  intervals: z.array(PerfInterval).optional(),
  /** `seconds time elapsed` (-r: the mean); -I: the last interval's timestamp; null when not printed */
  elapsed_s: z.number().nullable(),
  /** -r: the `+- x` standard deviation of elapsed time */
  elapsed_stdev_s: z.number().nullable().optional(),
  user_s: z.number().nullable(),
  sys_s: z.number().nullable(),
});
export type PerfStatRecord = z.infer<typeof PerfStatRecord>;
