/**
 * The project folder: the nearest folder holding package.json above this module. The same module runs from
 * its TypeScript source (`ingest/project-root.ts`, with tsx) and compiled (`dist/ingest/project-root.js`,
 * see scripts/run.mjs), one folder deeper, so a fixed count of `..` would be wrong in one of the two.
 *
 * @example
 * PROJECT_ROOT // '/home/me/gatebench'
 * join(PROJECT_ROOT, 'site', 'templates')
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in any folder above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
