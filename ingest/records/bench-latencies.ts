/**
 * The record of a bench-latency raw latencies file (`--latencies FILE`): every complete response's latency
 * in microseconds, in completion order (per thread), measured from the request's intended send time.
 */
import { z } from 'zod';

export const BenchLatenciesRecord = z.object({
  format: z.literal('bench-latencies'),
  version: z.number().int().positive(),
  /** one entry per complete response; equals the summary's `requests` */
  count: z.number().int().nonnegative(),
  latencies_us: z.array(z.number().int().nonnegative()),
});
export type BenchLatenciesRecord = z.infer<typeof BenchLatenciesRecord>;
