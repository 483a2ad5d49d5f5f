/**
 * Room for a run: how many bytes the filesystem holding the results folder has free, and whether that is
 * enough for the planned repetitions. A run that hits a full disk half-way loses its manifest, so the
 * collector refuses to start one it cannot finish writing.
 */
import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Raw files of one repetition measured on the committed runs: ~350 kB; doubled for safety, plus 1 MiB. */
export const BYTES_PER_REPETITION = 1 << 20;

/**
 * Bytes needed for a run of `repetitions`.
 *
 * @example
 * bytesNeeded(10) // -> 11534336 (11 MiB)
 */
export function bytesNeeded(repetitions: number): number {
  return (repetitions + 1) * BYTES_PER_REPETITION;
}

/**
 * Free bytes (for an unprivileged writer) on the filesystem that holds `path`, or of its nearest existing
 * ancestor when `path` does not exist yet.
 *
 * @example
 * freeBytes('/tmp') // -> 53687091200
 */
export function freeBytes(path: string): number {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  const s = statfsSync(p);
  return s.bavail * s.bsize;
}
