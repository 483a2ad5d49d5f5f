/**
 * The fixed rate of a sweep's open-loop trials at one response size. One `--rate` cannot suit every size:
 * 2,500 requests/s of 16 B is a few percent of what any variant serves, 2,500 of 1 MiB is 16 times what
 * proxy serves at all. So a sweep spends a byte budget (`--rate-bytes`, bytes of responses per second) at
 * every size, capped by `--rate`: small sizes run at `--rate`, large ones at `floor(budget / size)`, at
 * least 1 request/s. A config's sweep entry may give its own `rate`, which wins. Pure.
 */

/** The default byte budget of a sweep's fixed-rate trials: 32 MiB of responses per second (ingest/collect/README.md, "Sweeps", says why). */
export const DEFAULT_RATE_BYTES_PER_S = 32 * 1048576;

/**
 * Requests per second of the fixed-rate trials at one size: the entry's own rate when it gives one, else
 * `min(rate_rps, floor(rate_bytes_per_s / size_bytes))`, at least 1.
 *
 * @example
 * sweepRateRps({ size_bytes: 1048576, rate_rps: 2500, rate_bytes_per_s: 33554432 }) // -> 32
 * sweepRateRps({ size_bytes: 16, rate_rps: 2500, rate_bytes_per_s: 33554432 }) // -> 2500
 * sweepRateRps({ size_bytes: 1048576, rate_rps: 2500, rate_bytes_per_s: 33554432, own_rps: 100 }) // -> 100
 */
export function sweepRateRps(input: { size_bytes: number; rate_rps: number; rate_bytes_per_s: number; own_rps?: number | null }): number {
  const { size_bytes, rate_rps, rate_bytes_per_s, own_rps } = input;
  if (own_rps !== undefined && own_rps !== null) return own_rps;
  if (size_bytes <= 0) return rate_rps;
  return Math.max(1, Math.min(rate_rps, Math.floor(rate_bytes_per_s / size_bytes)));
}
