/**
 * The analysis worker as one plain JavaScript file: a worker thread started from it loads in ~0.15 s, where
 * registering tsx and transforming ~90 TypeScript modules in the worker takes ~0.7 s of CPU (the main
 * thread has them loaded already). Built with esbuild (the transformer tsx itself uses) into
 * `.cache/analysis-worker/<source hash>.mjs`, once per version of the analysis and ingest code; packages
 * stay imports from node_modules. Any failure (read-only checkout, esbuild missing) gives null, and the
 * caller starts the worker through tsx as before: same code, same results, slower start.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceHash } from './run-cache.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The URL of the bundled worker (built now if this code version has none yet), or null.
 *
 * @example
 * const url = await workerBundle(); // file:///.../.cache/analysis-worker/3f2a....mjs
 * if (url) new Worker(url, { workerData });
 */
export async function workerBundle(): Promise<URL | null> {
  try {
    const dir = join(HERE, '..', '.cache', 'analysis-worker');
    const file = join(dir, `${sourceHash()}.mjs`);
    if (!existsSync(file)) {
      const { build } = await import('esbuild');
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.tmp-${process.pid}`;
      await build({
        entryPoints: [join(HERE, 'analyze-worker.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        outfile: tmp,
        // the one module of the worker that locates files by its own URL (the source hash of run-cache.ts)
        define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(HERE, 'run-cache.ts')).href) },
        logLevel: 'silent',
      });
      renameSync(tmp, file);
    }
    return pathToFileURL(file);
  } catch {
    return null;
  }
}
