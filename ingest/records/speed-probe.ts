/**
 * The record of a speed-probe summary (native/bench/speed_probe.c): how long each CPU took, pinned, to run
 * the same fixed integer workload. Same work everywhere, so a larger `ns` means a slower CPU at that moment
 * (throttled, clocked down, or sharing its core with a neighbour: steal).
 */
import { z } from 'zod';

export const SpeedProbeSample = z.object({
  /** the CPU the probe was pinned to (sched_setaffinity), in the order of --cpus (repeats allowed) */
  cpu: z.number().int().nonnegative(),
  /** loop iterations: the same for every sample of a run */
  iterations: z.number().int().positive(),
  /** CLOCK_MONOTONIC nanoseconds the loop took on that CPU */
  ns: z.number().int().positive(),
});
export type SpeedProbeSample = z.infer<typeof SpeedProbeSample>;

export const SpeedProbeRecord = z.object({
  format: z.literal('speed-probe'),
  version: z.literal(1),
  samples: z.array(SpeedProbeSample),
});
export type SpeedProbeRecord = z.infer<typeof SpeedProbeRecord>;
