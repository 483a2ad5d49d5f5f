import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserHelpers } from '../../../site/load/browser-helpers.ts';

test('the helpers are transpiled to ES modules whose imports name .js files', async () => {
  const js = await browserHelpers('site', null);
  assert.equal(Object.keys(js).sort(), ['escape.js', 'format-ci.js', 'format-number.js', 'verdict-badge.js']);
  assert.ok(js['format-ci.js'].includes('from "./format-number.js"'));
  assert.ok(js['verdict-badge.js'].includes('from "./escape.js"'));
  assert.not.ok(/\.ts["']/.test(Object.values(js).join('\n')));
  // types are gone: the browser gets JavaScript
  assert.not.ok(/: string\b/.test(js['escape.js']));
});

test('the transpiled files are cached under the hash of their sources, and a changed source misses the cache', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gb-helpers-'));
  try {
    const siteDir = join(dir, 'site');
    cpSync('site/helpers', join(siteDir, 'helpers'), { recursive: true });
    const cache = join(dir, 'cache');
    const first = await browserHelpers(siteDir, cache);
    const files = readdirSync(cache);
    assert.equal(files.length, 1);
    assert.match(files[0], /^browser-helpers-[0-9a-f]{16}\.json$/);
    // a hit is read from the cache file: prove it by planting a marker in it
    writeFileSync(join(cache, files[0]), JSON.stringify({ ...first, 'escape.js': '// from the cache' }));
    assert.equal((await browserHelpers(siteDir, cache))['escape.js'], '// from the cache');
    // a changed source has another hash: transpiled again, a second cache file
    appendFileSync(join(siteDir, 'helpers', 'escape.ts'), '\nexport const added = 1;\n');
    const changed = await browserHelpers(siteDir, cache);
    assert.ok(changed['escape.js'].includes('export const added = 1;'));
    assert.equal(readdirSync(cache).length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
