/**
 * Loader: which folders of a runs folder are runs (a subdirectory holding a manifest.json), without reading
 * any manifest. `listRuns` (load.ts) reads each one's manifest; the per-run cache of `npm run analyze` and the
 * site's check that its analysis lists the runs of the folder need only the folders, and do not load the
 * parsers that load.ts brings with it.
 */
import { existsSync, type Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every run directory under `root`, sorted; a missing root gives an empty list. A folder without a
 * manifest.json (e.g. a scratch folder) is not a run.
 *
 * @example
 * await runDirs('raw-results') // ['raw-results/2026-12-06T05-53-30Z-v1.0-vs-v2.0', ...]
 * await runDirs('no-such-folder') // []
 */
export async function runDirs(root: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (err) {
    if (typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT') return [];
    throw err;
  }
  const dirs: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const dir = join(root, e.name);
    if (existsSync(join(dir, 'manifest.json'))) dirs.push(dir); // false on any error, not only ENOENT
  }
  return dirs.sort();
}
