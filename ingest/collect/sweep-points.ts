/**
 * The points of a sweep (`npm run collect -- --sweep`): one per response size, each a change of the load
 * (the path and query, or the body) that asks the system under test for that size. The embedded gateway's
 * points ask its `payload` function for SIZE bytes; a config lists its own. Pure.
 */
import { sizeId } from '../byte-size.ts';
import type { SweepPoint } from '../manifest.ts';
import type { LoadConfig } from './config.ts';

/** The default sizes of a sweep: 16 B, 1 KiB, 4 KiB, 16 KiB, 64 KiB, 256 KiB, 1 MiB. */
export const DEFAULT_SWEEP_SIZES: readonly number[] = [16, 1024, 4096, 16384, 65536, 262144, 1048576];

/** The largest response the embedded gateway's payload function gives (native/functions/payload.c). */
export const PAYLOAD_MAX_BYTES = 16 * 1048576;

/**
 * The embedded gateway's sweep points: `GET /api/payload?size=N` at each size, smallest first.
 *
 * @example
 * embeddedSweepPoints([1024, 16]).map((p) => p.path) // -> ['/api/payload?size=16', '/api/payload?size=1024']
 */
export function embeddedSweepPoints(sizes: readonly number[]): SweepPoint[] {
  return [...new Set(sizes)].sort((a, b) => a - b).map((n) => ({ id: sizeId(n), size_bytes: n, path: `/api/payload?size=${n}`, body: null }));
}

/**
 * Sweep points from a config's own list: each gives its size and the path (with query) or the body that
 * asks for it; smallest first. Throws an Error naming the entry when two give the same size.
 *
 * @example
 * configSweepPoints([{ size_bytes: 4096, path: '/img?w=64' }]) // -> [{ id: '4KiB', size_bytes: 4096, path: '/img?w=64', body: null }]
 */
export function configSweepPoints(entries: readonly { size_bytes: number; path?: string; body?: string }[]): SweepPoint[] {
  const seen = new Map<number, number>();
  entries.forEach((e, i) => {
    if (seen.has(e.size_bytes)) throw new Error(`sweep.${i}: size ${e.size_bytes} is already sweep.${seen.get(e.size_bytes)}'s: give each size once`);
    seen.set(e.size_bytes, i);
  });
  return [...entries].sort((a, b) => a.size_bytes - b.size_bytes).map((e) => ({ id: sizeId(e.size_bytes), size_bytes: e.size_bytes, path: e.path ?? null, body: e.body ?? null }));
}

/**
 * A variant's load at a sweep point: the point's path and query on the load URL's own origin (so each
 * variant keeps its port), and the point's body when it gives one.
 *
 * @example
 * pointLoad({ url: 'http://127.0.0.1:8081/api/payload?size=1024', method: 'GET', body: null, headers: {} }, { id: '16B', size_bytes: 16, path: '/api/payload?size=16', body: null }).url
 * // -> 'http://127.0.0.1:8081/api/payload?size=16'
 */
export function pointLoad(load: LoadConfig, point: SweepPoint): LoadConfig {
  const url = point.path === null ? load.url : new URL(point.path, new URL(load.url).origin).toString();
  return { ...load, url, body: point.body ?? load.body };
}
