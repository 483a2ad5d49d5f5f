/**
 * Loader: what the site needs from a run directory besides the analysis: the manifest (as published), the
 * list of raw files with size and SHA-256 (of what the site publishes: see published-raw-file.ts), and the
 * folded perf stacks per variant. Touches the filesystem; everything it
 * returns is plain data for the pure views.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { migrateManifest, type Manifest } from '../../ingest/manifest.ts';
import { publishedManifest } from '../../ingest/published-manifest.ts';
import { ParseError } from '../../ingest/parse-error.ts';
import { flameUnavailableReason } from '../flame/flame-unavailable.ts';
import { foldStacks, type FoldedStacks } from '../flame/fold-stacks.ts';
import type { RawFile, RunExtras } from '../views/site-input.ts';
import type { FileHashes } from './file-hashes.ts';
import { publishedRawFile } from './published-raw-file.ts';

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
  let stored: Manifest | null = null;
  try {
    stored = migrateManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
    // as published: paths anchored, never a home directory; the machine under its chosen name
    manifest = publishedManifest(stored);
  } catch (e) {
    manifestError = e instanceof SyntaxError ? `not valid JSON: ${e.message}` : (e as Error).message;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') manifestError = 'manifest.json is missing';
  }
  const files: RawFile[] = [];
  const mtimes: number[] = [];
  const roles = new Map((stored?.repetitions ?? []).flatMap((r) => r.phases.flatMap((p) => p.files.map((f) => [f.path, f.role] as const))));
  for (const path of listFiles(runDir)) {
    const h = hashes.hash(join(runDir, path));
    const published = stored ? publishedRawFile(path, roles.get(path) ?? null, stored, () => readFileSync(join(runDir, path), 'utf8')) : null;
    if (published === null) files.push({ path, size_bytes: h.size_bytes, sha256: h.sha256 });
    else files.push({ path, size_bytes: Buffer.byteLength(published), sha256: createHash('sha256').update(published).digest('hex'), content: published });
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
      const merged: FoldedStacks = { stacks: new Map(), samples: 0 };
      const errors: string[] = [];
      for (const p of byVariant.get(variant) ?? []) {
        try {
          const folded = foldStacks(readFileSync(join(runDir, p), 'utf8'));
          for (const [k, v] of folded.stacks) merged.stacks.set(k, (merged.stacks.get(k) ?? 0) + v);
          merged.samples += folded.samples;
        } catch (e) {
          errors.push(e instanceof ParseError ? `${p}:${e.line}: ${e.reason}` : `${p}: ${(e as Error).message}`);
        }
      }
      // no stacks, or too few to draw: a sentence with the reason instead of an empty box
      const reason = flameUnavailableReason(manifest, variant, merged.samples, errors);
      flames.push({ variant, stacks: reason === null ? merged : null, error: reason });
    }
  }
  return { manifest, manifest_error: manifestError, files, flames, mtimes };
}
