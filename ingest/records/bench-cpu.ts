/**
 * The record of a bench-cpu summary: utime/stime deltas from /proc/PID/stat of a gateway and its workers over
 * a window (native/bench/bench_cpu.c). CPU % is of one core; per-request figures exist when the request
 * count was known. Resolution is one clock tick (`clock_tick_us`, 10 ms at USER_HZ 100) per process.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();

export const BenchCpuProcess = z.object({
  pid: z.number().int().positive(),
  ppid: z.number().int().nonnegative(),
  role: z.enum(['root', 'child']),
  comm: z.string(),
  utime_us: count,
  stime_us: count,
  cpu_us: count,
  cpu_pct: z.number().nonnegative(),
  cpu_us_per_req: z.number().nonnegative().nullable(),
  /** CPU of children it waited for (cutime + cstime), e.g. exec-runtime function processes */
  waited_children_cpu_us: count,
  alive: z.boolean(),
});
export type BenchCpuProcess = z.infer<typeof BenchCpuProcess>;

export const BenchCpuRecord = z.object({
  format: z.literal('bench-cpu'),
  version: z.number().int().positive(),
  pids: z.array(z.number().int().positive()),
  children: z.boolean(),
  clock_tick_us: z.number().int().positive(),
  interval_ms: count,
  duration_s: z.number().nonnegative(),
  /** requests served in the window (from --requests, --requests-from or the load command's output), or null */
  requests: z.number().int().positive().nullable(),
  processes_seen: count,
  processes: z.array(BenchCpuProcess),
  total_utime_us: count,
  total_stime_us: count,
  total_cpu_us: count,
  total_cpu_pct: z.number().nonnegative(),
  total_cpu_us_per_req: z.number().nonnegative().nullable(),
  waited_children_cpu_us: count,
  command: z.string().nullable(),
  command_exit: z.number().int().nullable(),
});
export type BenchCpuRecord = z.infer<typeof BenchCpuRecord>;
