import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sourceHash } from '../../analysis/run-cache.ts';
import { workerBundle } from '../../analysis/worker-bundle.ts';

test('the worker bundle is named by the source hash, built once and reused', async () => {
  const url = await workerBundle();
  assert.ok(url !== null, 'esbuild is a dependency: the bundle builds');
  const file = fileURLToPath(url!);
  assert.is(basename(file), `${sourceHash()}.mjs`);
  const before = statSync(file).mtimeMs;
  const again = await workerBundle();
  assert.is(again!.href, url!.href);
  assert.is(statSync(file).mtimeMs, before);
});

test('the bundle is plain JavaScript that carries the worker and locates the source tree as run-cache.ts does', async () => {
  const text = (await import('node:fs')).readFileSync(fileURLToPath((await workerBundle())!), 'utf8');
  assert.ok(text.includes('postMessage({ done: true })'));
  assert.not.ok(text.includes('import.meta.url'));
  assert.ok(text.includes('analysis/run-cache.ts'));
});

test.run();
