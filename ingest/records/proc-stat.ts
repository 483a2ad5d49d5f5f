/**
 * The record of a Linux /proc/stat snapshot (copied verbatim into a raw file before and after a trial): the
 * CPU time counters of the aggregate `cpu` line and of each `cpuN` line, in USER_HZ ticks (1/100 s on
 * nearly every kernel) since boot, as printed. Other lines (intr, ctxt, btime, processes, softirq...) are
 * not kept. guest and guest_nice are not kept either: the kernel already counts them in user and nice.
 */
import { z } from 'zod';

const ticks = z.number().int().nonnegative();

export const ProcStatCpu = z.object({
  /** null for the aggregate `cpu` line (the sum over all CPUs), N for `cpuN` */
  cpu: z.number().int().nonnegative().nullable(),
  user: ticks,
  nice: ticks,
  system: ticks,
  idle: ticks,
  iowait: ticks,
  irq: ticks,
  softirq: ticks,
  /** time stolen by the hypervisor; 0 when the kernel does not print it (before 2.6.11) */
  steal: ticks,
});
export type ProcStatCpu = z.infer<typeof ProcStatCpu>;

export const ProcStatRecord = z.object({
  format: z.literal('proc-stat'),
  /** the aggregate line first, then the cpuN lines in file order */
  cpus: z.array(ProcStatCpu),
});
export type ProcStatRecord = z.infer<typeof ProcStatRecord>;
