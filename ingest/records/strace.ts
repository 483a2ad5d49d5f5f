/**
 * The record the `strace -c` summary parser returns. Contract (issue 2, Part 3): `format,
 * syscalls[{name, calls, errors, seconds, usecs_per_call, time_pct}], total{calls, errors, seconds}`.
 * A column the table did not have (`-U calls,name`) is null; a blank errors cell is 0. `seconds` is
 * system time, or wall-clock time when strace ran with -w (the table does not say which).
 */
import { z } from 'zod';

const nullableNum = z.number().nullable();

export const StraceSyscall = z.object({
  name: z.string(),
  calls: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  seconds: nullableNum,
  usecs_per_call: nullableNum,
  time_pct: nullableNum,
  /** -U min-time / max-time ("shortest" / "longest" columns), in seconds */
  min_seconds: nullableNum.optional(),
  max_seconds: nullableNum.optional(),
});
export type StraceSyscall = z.infer<typeof StraceSyscall>;

export const StraceRecord = z.object({
  format: z.literal('strace-c'),
  /** the table's columns in printed order, e.g. ["% time", "seconds", "usecs/call", "calls", "errors", "syscall"] */
  columns: z.array(z.string()),
  syscalls: z.array(StraceSyscall),
  total: z.object({
    calls: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    seconds: nullableNum,
    /** blank on strace 4.x's total row: null */
    usecs_per_call: nullableNum,
    time_pct: nullableNum,
  }),
});
export type StraceRecord = z.infer<typeof StraceRecord>;
