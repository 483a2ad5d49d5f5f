/**
 * Worker-thread entry of the parallel analysis (analyze-dirs.ts): takes the next run directory from a
 * counter shared with the other workers (so a worker slowed by other load simply takes fewer), analyzes it
 * through the per-run cache (analyze-dir.ts) and posts `{ index, json, csv, cached }` for each, then `{ done }`.
 * Not a command of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeTaken } from './analyze-dir.ts';
import type { Settings } from './schema.ts';
import type { Target } from './targets.ts';

const { dirs, settings, targets, cacheDir, next } = workerData as {
  dirs: string[];
  settings: Settings;
  targets: Target[];
  cacheDir: string | null;
  /** Int32Array over a SharedArrayBuffer: the next directory index to take */
  next: Int32Array;
};
await analyzeTaken(next, dirs, settings, targets, cacheDir, (index, r) => {
  parentPort!.postMessage({ index, json: r.json, csv: r.csv, cached: r.cached });
});
parentPort!.postMessage({ done: true });
