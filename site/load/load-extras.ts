/**
 * Loader: what the site needs from a run directory besides the analysis: the manifest, the list of raw files
 * with size and SHA-256, and the folded perf stacks per variant. Touches the filesystem; everything it
 * returns is plain data for the pure views.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { migrateManifest, type Manifest } from '../../ingest/manifest.ts';
import { ParseError } from '../../ingest/parse-error.ts';
import { foldStacks, type FoldedStacks } from '../flame/fold-stacks.ts';
import type { RawFile, RunExtras } from '../views/site-input.ts';
import type { FileHashes } from './file-hashes.ts';

/** Every regular file under `dir`, relative and `/`-separated, sorted. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Load the extras of one run directory. Never throws for bad content: problems are returned as messages.
 *
 * @example
 * loadRunExtras('raw-results/2025-11-22T18-00-00Z-v2.0', hashes).files[0] // { path: 'fdpass/rep-1/throughput.wrk.txt', size_bytes: 812, sha256: '…' }
 */
export function loadRunExtras(runDir: string, hashes: FileHashes): RunExtras & { mtimes: number[] } {
  let manifest: Manifest | null = null;
  let manifestError: string | null = null;
  const manifestPath = join(runDir, 'manifest.json');
  if (!existsSync(runDir)) {
    return { manifest: null, manifest_error: `run directory ${runDir} not found`, files: [], flames: [], mtimes: [] };
  }
  try {
    manifest = migrateManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
  } catch (e) {
    manifestError = e instanceof SyntaxError ? `not valid JSON: ${e.message}` : (e as Error).message;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') manifestError = 'manifest.json is missing';
  }
  const files: RawFile[] = [];
  const mtimes: number[] = [];
  for (const path of listFiles(runDir)) {
    const h = hashes.hash(join(runDir, path));
    files.push({ path, size_bytes: h.size_bytes, sha256: h.sha256 });
    mtimes.push(h.mtime_ms);
  }
  const flames: RunExtras['flames'] = [];
  if (manifest) {
    const byVariant = new Map<string, string[]>();
    for (const rep of manifest.repetitions) {
      for (const phase of rep.phases) {
        for (const f of phase.files) {
          if (f.role !== 'perf-script') continue;
          if (!byVariant.has(rep.variant)) byVariant.set(rep.variant, []);
          byVariant.get(rep.variant)!.push(f.path);
        }
      }
    }
    const variants = manifest.config.variants.map((v) => v.name);
    for (const variant of variants) {
      const paths = byVariant.get(variant) ?? [];
      if (paths.length === 0) {
        const skipped = manifest.skipped.find((s) => s.phase.startsWith('perf'));
        flames.push({ variant, stacks: null, error: skipped ? `perf record skipped: ${skipped.reason}` : 'no perf script stacks in this run' });
        continue;
      }
      const merged: FoldedStacks = { stacks: new Map(), samples: 0 };
      const errors: string[] = [];
      for (const p of paths) {
        try {
          const folded = foldStacks(readFileSync(join(runDir, p), 'utf8'));
          for (const [k, v] of folded.stacks) merged.stacks.set(k, (merged.stacks.get(k) ?? 0) + v);
          merged.samples += folded.samples;
        } catch (e) {
          errors.push(e instanceof ParseError ? `${p}:${e.line}: ${e.reason}` : `${p}: ${(e as Error).message}`);
        }
      }
      flames.push({ variant, stacks: merged.samples > 0 ? merged : null, error: errors.length ? errors.join('; ') : merged.samples === 0 ? 'perf script output has no samples' : null });
    }
  }
  return { manifest, manifest_error: manifestError, files, flames, mtimes };
}
