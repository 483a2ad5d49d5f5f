import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveRequest } from '../../../site/static-server.ts';
import { parseBuildArgs } from '../../../site/build-args.ts';

test('requests map to files under the prefix only, never outside the folder', () => {
  assert.is(resolveRequest('/site', '/gb/', '/gb/'), '/site/index.html');
  assert.is(resolveRequest('/site', '/gb/', '/gb/runs/x/'), '/site/runs/x/index.html');
  assert.is(resolveRequest('/site', '/gb/', '/gb/assets/site.css?v=1'), '/site/assets/site.css');
  assert.is(resolveRequest('/site', '/gb/', '/other/'), null);
  assert.is(resolveRequest('/site', '/gb/', '/gb/../etc/passwd'), null);
  assert.is(resolveRequest('/site', '/gb/', '/gb/%2e%2e/%2e%2e/etc/passwd'), null);
  assert.is(resolveRequest('/site', '/gb/', '/gb/%E0%A4%A'), null);
});

test('build options', () => {
  assert.equal(parseBuildArgs([]), { base: '/', runsDir: 'raw-results', outDir: '_site', analysisFile: 'reports/analysis.json', cacheDir: '.cache/site', quiet: false });
  const o = parseBuildArgs(['--base', 'gatebench', '--runs=r', '--out', 'o', '--no-cache']);
  assert.is(o.base, '/gatebench/');
  assert.is(o.runsDir, 'r');
  assert.is(o.outDir, 'o');
  assert.is(o.cacheDir, null);
  assert.throws(() => parseBuildArgs(['--out']), /--out needs a value/);
  assert.throws(() => parseBuildArgs(['--bogus']), /unknown option --bogus/);
  assert.throws(() => parseBuildArgs(['--base', '/a b/']), /must not contain spaces/);
});

test.run();
