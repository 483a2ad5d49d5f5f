/**
 * The one writer of the site's non-template files: JSON data, raw file copies and static assets. Writes are
 * skipped when the target already has the same content (or, for copies, the same size and mtime), so an
 * incremental build touches only what changed.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WriteStats {
  written: number;
  unchanged: number;
}

/**
 * Write `content` to `path` unless it already holds exactly that.
 *
 * @example
 * writeIfChanged('_site/data/runs.json', '[]', stats) // true when written
 */
export function writeIfChanged(path: string, content: string | Buffer, stats: WriteStats): boolean {
  try {
    const old = readFileSync(path);
    if (old.equals(typeof content === 'string' ? Buffer.from(content) : content)) {
      stats.unchanged++;
      return false;
    }
  } catch {
    // missing: write it
  }
  mkdirSync(dirname(path), { recursive: true });
  // a new file, never a write through the old one: it may be a hard link to a run's raw file (copyIfChanged)
  rmSync(path, { force: true });
  writeFileSync(path, content);
  stats.written++;
  if (process.env.GB_DEBUG_WRITES) console.error(`wrote ${path}`);
  return true;
}

/**
 * Copy `from` to `to` unless `to` has the same size and mtime (the copy keeps the source mtime). Runs are
 * append-only, so the copy is a hard link when both are on one filesystem (fast, no extra space) and a real
 * copy otherwise.
 *
 * @example
 * copyIfChanged('raw-results/r1/manifest.json', '_site/runs/r1/raw/manifest.json', stats)
 */
export function copyIfChanged(from: string, to: string, stats: WriteStats): boolean {
  const src = statSync(from);
  if (existsSync(to)) {
    const dst = statSync(to);
    if (dst.size === src.size && Math.abs(dst.mtimeMs - src.mtimeMs) < 1) {
      stats.unchanged++;
      return false;
    }
  }
  mkdirSync(dirname(to), { recursive: true });
  rmSync(to, { force: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
    utimesSync(to, src.atimeMs / 1000, src.mtimeMs / 1000);
  }
  stats.written++;
  if (process.env.GB_DEBUG_WRITES) console.error(`wrote ${to}`);
  return true;
}
