/**
 * The record of a bench-memory summary: VmRSS/VmHWM of a gateway and its workers sampled from /proc over a
 * window (native/bench/bench_memory.c). Totals are sums over the processes alive at each sample.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const BenchMemoryProcess = z.object({
  pid: z.number().int().positive(),
  ppid: z.number().int().nonnegative(),
  /** root: a pid given with --pid; child: a descendant found in /proc (a worker) */
  role: z.enum(['root', 'child']),
  /** the kernel's comm, spaces and '=' replaced by '_' */
  comm: z.string(),
  /** first sample after warm-up (or when the process first appeared, if later) */
  rss_baseline_kb: count,
  rss_peak_kb: count,
  rss_final_kb: count,
  hwm_kb: count,
  growth_kb: z.number().int(),
  /** present at the last sample (a worker that died and was respawned shows as two processes) */
  alive: z.boolean(),
});
export type BenchMemoryProcess = z.infer<typeof BenchMemoryProcess>;

export const BenchMemoryRecord = z.object({
  format: z.literal('bench-memory'),
  version: z.number().int().positive(),
  pids: z.array(z.number().int().positive()),
  children: z.boolean(),
  interval_ms: count,
  warmup_s: z.number().nonnegative(),
  duration_s: z.number().nonnegative(),
  samples: count,
  processes_seen: count,
  processes_final: count,
  rss_baseline_kb: count,
  rss_peak_kb: count,
  rss_final_kb: count,
  /** final minus baseline (negative when memory was returned) */
  rss_growth_kb: z.number().int(),
  /** least-squares slope of the total RSS after warm-up */
  rss_slope_kb_per_s: z.number(),
  hwm_final_kb: count,
  leak_threshold_kb: count,
  /** growth after warm-up above the threshold */
  leak: z.boolean(),
  processes: z.array(BenchMemoryProcess),
  /** the load command whose lifetime was the window, as printed (null: a --duration window) */
  command: z.string().nullable(),
  command_exit: z.number().int().nullable(),
});
export type BenchMemoryRecord = z.infer<typeof BenchMemoryRecord>;
