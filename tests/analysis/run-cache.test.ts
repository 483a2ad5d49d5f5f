import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSources, sourceHash } from '../../analysis/load/run-cache.ts';
import { PROJECT_ROOT } from '../../ingest/project-root.ts';

test('the run cache key covers the analysis and ingest sources and the package lock, nothing else', () => {
  const root = mkdtempSync(join(tmpdir(), 'gatebench-run-cache-'));
  try {
    mkdirSync(join(root, 'analysis'));
    mkdirSync(join(root, 'ingest'));
    writeFileSync(join(root, 'analysis', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'ingest', 'b.ts'), 'export const b = 2;\n');
    const lock = (zod: string) => writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ packages: { 'node_modules/zod': { version: zod } } }));
    lock('4.1.0');
    const before = hashSources(root);
    assert.match(before, /^[0-9a-f]{64}$/);
    writeFileSync(join(root, 'analysis', 'README.md'), 'notes\n');
    assert.is(hashSources(root), before, 'a Markdown file is not code');
    lock('4.2.0');
    const newZod = hashSources(root);
    assert.is.not(newZod, before, 'a new dependency version');
    writeFileSync(join(root, 'ingest', 'b.ts'), 'export const b = 3;\n');
    assert.is.not(hashSources(root), newZod, 'a source edit');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('sourceHash is hashSources of this project', () => {
  assert.is(sourceHash(), hashSources(PROJECT_ROOT));
});

test.run();
