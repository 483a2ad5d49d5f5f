/**
 * The one place the collector writes a run to disk. Runs are append-only: a run is written into
 * `<out>/.tmp-<id>/` and renamed to `<out>/<UTC timestamp>-<label>/` when it ends (complete, failed or
 * interrupted); an existing run directory is never overwritten or edited.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The directory name of a run: UTC start time (no colons, safe on every filesystem) and label.
 *
 * @example
 * runDirName(new Date('2026-11-22T18:51:22.123Z'), 'v1.0-vs-v2.0') // -> '2026-11-22T18-51-22Z-v1.0-vs-v2.0'
 */
export function runDirName(startedAt: Date, label: string): string {
  return `${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}Z-${label}`;
}

/**
 * Create the temporary directory a run is written into.
 *
 * @example
 * createTempRunDir('raw-results', '2026-11-22T18-51-22Z-v1.0-vs-v2.0') // -> 'raw-results/.tmp-2026-11-22T18-51-22Z-v1.0-vs-v2.0'
 */
export function createTempRunDir(out: string, id: string): string {
  mkdirSync(out, { recursive: true });
  const dir = join(out, `.tmp-${id}`);
  if (existsSync(dir)) throw new Error(`${dir} already exists: another collect is writing there`);
  mkdirSync(dir);
  return dir;
}

/**
 * Write a text file inside a run directory (creating folders); refuses to replace an existing file.
 *
 * @example
 * writeRunFile(tmp, 'manifest.json', json)
 */
export function writeRunFile(runDir: string, relPath: string, text: string): string {
  const path = join(runDir, relPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { flag: 'wx' });
  return path;
}

/**
 * Move a finished temporary run to its final name; when that name exists, a suffix `-2`, `-3`... is added
 * rather than touching the existing run. Returns the final path.
 *
 * @example
 * finalizeRunDir('raw-results/.tmp-X', 'raw-results', 'X') // -> 'raw-results/X'
 */
export function finalizeRunDir(tmpDir: string, out: string, id: string): string {
  for (let n = 1; ; n++) {
    const target = join(out, n === 1 ? id : `${id}-${n}`);
    if (existsSync(target)) continue;
    renameSync(tmpDir, target);
    return target;
  }
}
