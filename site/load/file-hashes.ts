/**
 * SHA-256 and size of raw files, remembered in a cache file keyed by path, size and mtime so a rebuild
 * hashes only new or changed files.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

interface Entry {
  size: number;
  mtime_ms: number;
  sha256: string;
}

/**
 * A persistent file hasher.
 *
 * @example
 * const h = new FileHashes('.cache/site/hashes.json'); h.hash('raw-results/r1/manifest.json'); h.save();
 * // { size_bytes: 2048, sha256: '9f86d0…' }
 */
export class FileHashes {
  private entries: Record<string, Entry> = {};
  private dirty = false;

  constructor(private readonly cacheFile: string | null) {
    if (cacheFile) {
      try {
        this.entries = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, Entry>;
      } catch {
        this.entries = {};
      }
    }
  }

  /** Size and SHA-256 of a file. */
  hash(path: string): { size_bytes: number; sha256: string; mtime_ms: number } {
    const st = statSync(path);
    const known = this.entries[path];
    if (known && known.size === st.size && known.mtime_ms === st.mtimeMs) return { size_bytes: st.size, sha256: known.sha256, mtime_ms: st.mtimeMs };
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    this.entries[path] = { size: st.size, mtime_ms: st.mtimeMs, sha256 };
    this.dirty = true;
    return { size_bytes: st.size, sha256, mtime_ms: st.mtimeMs };
  }

  /** Write the cache back when something was hashed. */
  save(): void {
    if (!this.cacheFile || !this.dirty) return;
    mkdirSync(dirname(this.cacheFile), { recursive: true });
    writeFileSync(this.cacheFile, JSON.stringify(this.entries));
    this.dirty = false;
  }
}
