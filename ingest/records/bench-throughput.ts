/**
 * The record of a bench-throughput summary (closed-loop load, native/bench/bench_throughput.c).
 */
import { z } from 'zod';
import { BenchLoadFields } from './bench-load.ts';

export const BenchThroughputRecord = BenchLoadFields.extend({
  format: z.literal('bench-throughput'),
  /** complete responses per second of the window */
  requests_per_s: z.number().nonnegative(),
});
export type BenchThroughputRecord = z.infer<typeof BenchThroughputRecord>;
