/**
 * The record of a bench-latency summary (open loop at a fixed rate, latency from each request's intended
 * send time; native/bench/bench_latency.c).
 */
import { z } from 'zod';
import { BenchLoadFields } from './bench-load.ts';

const count = z.number().int().nonnegative();

export const BenchLatencyRecord = BenchLoadFields.extend({
  format: z.literal('bench-latency'),
  rate_target_per_s: z.number().positive(),
  /** requests written to a connection (complete, failed or timed out) */
  requests_sent: count,
  /** requests due in the window that never went out because their connection was still busy: the server fell behind */
  requests_unsent: count,
  /** complete responses per second of the sending window */
  rate_achieved_per_s: z.number().nonnegative(),
});
export type BenchLatencyRecord = z.infer<typeof BenchLatencyRecord>;
