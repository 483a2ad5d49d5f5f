/**
 * The points of a sweep (`npm run collect -- --sweep`): one per response size, each a change of the load
 * (the path and query, or the body) that asks the system under test for that size. The embedded gateway's
 * points ask its `payload` function for SIZE bytes; a config lists its own. Each point carries the rate
 * of its fixed-rate trials (`sweep-rate.ts`). Pure.
 */
import { sizeId } from '../byte-size.ts';
import type { SweepPoint } from '../manifest.ts';
import type { LoadConfig } from './config.ts';
import { sweepRateRps } from './sweep-rate.ts';

/**
 * The default sizes of a sweep: 16 B, 4 KiB, 16 KiB, 64 KiB, 256 KiB, 1 MiB (the small end, both sides of
 * the break-even, and the large sizes the goals name; ingest/collect/README.md, "Sweeps").
 */
export const DEFAULT_SWEEP_SIZES: readonly number[] = [16, 4096, 16384, 65536, 262144, 1048576];

/** How a sweep's fixed rate is chosen: the run's `--rate` cap and `--rate-bytes` budget. */
export interface SweepRates {
  rate_rps: number;
  rate_bytes_per_s: number;
}

/** The largest response the embedded gateway's payload function gives (native/functions/payload.c). */
export const PAYLOAD_MAX_BYTES = 16 * 1048576;

/**
 * The embedded gateway's sweep points: `GET /api/payload?size=N` at each size, smallest first.
 *
 * @example
 * embeddedSweepPoints([1048576, 16], { rate_rps: 2500, rate_bytes_per_s: 33554432 }).map((p) => `${p.path} at ${p.rate_rps}/s`)
 * // -> ['/api/payload?size=16 at 2500/s', '/api/payload?size=1048576 at 32/s']
 */
export function embeddedSweepPoints(sizes: readonly number[], rates: SweepRates): SweepPoint[] {
  return [...new Set(sizes)]
    .sort((a, b) => a - b)
    .map((n) => ({ id: sizeId(n), size_bytes: n, path: `/api/payload?size=${n}`, body: null, rate_rps: sweepRateRps({ size_bytes: n, ...rates }) }));
}

/**
 * Sweep points from a config's own list: each gives its size and the path (with query) or the body that
 * asks for it, and may give its own fixed `rate`; smallest first. Throws an Error naming the entry when two
 * give the same size.
 *
 * @example
 * configSweepPoints([{ size_bytes: 4096, path: '/img?w=64' }], { rate_rps: 2500, rate_bytes_per_s: 33554432 })
 * // -> [{ id: '4KiB', size_bytes: 4096, path: '/img?w=64', body: null, rate_rps: 2500 }]
 */
export function configSweepPoints(entries: readonly { size_bytes: number; path?: string; body?: string; rate?: number }[], rates: SweepRates): SweepPoint[] {
  const seen = new Map<number, number>();
  entries.forEach((e, i) => {
    if (seen.has(e.size_bytes)) throw new Error(`sweep.${i}: size ${e.size_bytes} is already sweep.${seen.get(e.size_bytes)}'s: give each size once`);
    seen.set(e.size_bytes, i);
  });
  return [...entries].sort((a, b) => a.size_bytes - b.size_bytes).map((e) => ({
      id: sizeId(e.size_bytes),
      size_bytes: e.size_bytes,
      path: e.path ?? null,
      body: e.body ?? null,
      rate_rps: sweepRateRps({ size_bytes: e.size_bytes, ...rates, own_rps: e.rate }),
    }));
}

/**
 * A variant's load at a sweep point: the point's path and query on the load URL's own origin (so each
 * variant keeps its port), and the point's body when it gives one.
 *
 * @example
 * pointLoad({ url: 'http://127.0.0.1:8081/api/payload?size=1024', method: 'GET', body: null, headers: {} }, { id: '16B', size_bytes: 16, path: '/api/payload?size=16', body: null, rate_rps: 2500 }).url
 * // -> 'http://127.0.0.1:8081/api/payload?size=16'
 */
export function pointLoad(load: LoadConfig, point: SweepPoint): LoadConfig {
  const url = point.path === null ? load.url : new URL(point.path, new URL(load.url).origin).toString();
  return { ...load, url, body: point.body ?? load.body };
}
