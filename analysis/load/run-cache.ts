/**
 * A cache of per-run analyses under `.cache/analysis/` (ignored by git). Runs are append-only, so once a run
 * is analyzed its result only changes if its files, the settings, the targets, the analysis/parsing code or
 * its dependencies change: the key hashes all of them (manifest bytes, each listed file's path, size and mtime,
 * settings, targets, the source of analysis/ and ingest/, and the package lock). `npm run analyze` then redoes
 * only new runs. The cache is an optimisation: any read problem is a miss, never an error. File access is
 * synchronous: a history of 1,000 runs means 70,000 stats, and a thread-pool round trip per stat cost seconds.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT as root } from '../../ingest/project-root.ts';
import type { Settings } from '../schema.ts';
import type { Target } from '../compare/targets.ts';

export const DEFAULT_CACHE_DIR = '.cache/analysis';

let codeHash: string | null = null;

/**
 * Hash of the analysis and ingest source code and of the package lock (a change of any, a new zod or
 * simple-statistics included, invalidates every cache entry), memoized for this process.
 *
 * @example
 * sourceHash() // 'c0ffee...' (sha256 hex)
 */
export function sourceHash(): string {
  codeHash ??= hashSources(root);
  return codeHash;
}

/**
 * sourceHash of the project at `projectRoot`: its `analysis/` and `ingest/` sources (.ts, .json) and its
 * `package-lock.json`, read from disk.
 *
 * @example
 * hashSources('/work/gatebench') === sourceHash() // true when that is this project
 */
export function hashSources(projectRoot: string): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') || e.name.endsWith('.json')) h.update(p.slice(projectRoot.length + 1)).update(readFileSync(p));
    }
  };
  walk(join(projectRoot, 'analysis'));
  walk(join(projectRoot, 'ingest'));
  const lock = join(projectRoot, 'package-lock.json');
  h.update(existsSync(lock) ? readFileSync(lock) : 'no package-lock.json');
  return h.digest('hex');
}

/**
 * The cache key of a run directory, or null when its manifest cannot be read (then it is not cached).
 *
 * @example
 * runCacheKey('raw-results/r1', DEFAULT_SETTINGS, targets) // 'a3f1...' (sha256 hex)
 */
export function runCacheKey(dir: string, settings: Settings, targets: Target[]): string | null {
  let manifestText: string;
  try {
    manifestText = readFileSync(join(dir, 'manifest.json'), 'utf8');
  } catch {
    return null;
  }
  const h = createHash('sha256');
  h.update(sourceHash()).update(JSON.stringify(settings)).update(JSON.stringify(targets)).update(dir).update(manifestText);
  let paths: string[] = [];
  try {
    const m = JSON.parse(manifestText) as { repetitions?: { phases?: { files?: { path?: unknown }[] }[] }[] };
    paths = (m.repetitions ?? []).flatMap((r) => (r.phases ?? []).flatMap((p) => (p.files ?? []).map((f) => String(f.path))));
  } catch {
    return null;
  }
  for (const p of paths) {
    let s: Stats | undefined;
    try {
      s = statSync(join(dir, p), { throwIfNoEntry: false });
    } catch {
      s = undefined; // e.g. ENOTDIR: as missing
    }
    h.update(s === undefined ? `${p}\u0000missing\n` : `${p}\u0000${s.size}\u0000${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

/**
 * The cached analysis of a run as JSON text, or null on any miss (a missing file, or one that is not one
 * whole object). Only the JSON is kept: the run's CSV rows are made again from it (cheaper than writing them:
 * on this VM a write costs ~6 ms of kernel time per MB).
 *
 * @example
 * readCachedText('.cache/analysis', key) // '{"run":{"id":"r1",...},"comparisons":[...],"targets":[...]}'
 */
export function readCachedText(cacheDir: string, key: string): string | null {
  try {
    const json = readFileSync(join(cacheDir, `${key}.json`), 'utf8');
    // a torn or foreign file is a miss; a complete entry is one JSON object (written whole, then renamed)
    return json.startsWith('{"run":') && json.endsWith('}') ? json : null;
  } catch {
    return null;
  }
}

/**
 * Store a run's analysis, given as its JSON text (written to a temporary name, then renamed). Failures are
 * ignored: the cache is only an optimisation.
 *
 * @example
 * writeCachedText('.cache/analysis', key, JSON.stringify(part))
 */
export function writeCachedText(cacheDir: string, key: string, json: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const path = join(cacheDir, `${key}.json`);
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, json);
    renameSync(tmp, path);
  } catch {
    // read-only checkout or full disk: analyze without caching
  }
}
