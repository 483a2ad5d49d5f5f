import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { href, normalizeBase, runHref, runSlug } from '../../../site/views/href.ts';
import { shellQuote } from '../../../site/views/shell-quote.ts';
import { warningList } from '../../../site/views/warning-list.ts';
import { outcomeOf } from '../../../site/views/compare.ts';
import { layoutView } from '../../../site/views/layout.ts';

test('links under the path prefix', () => {
  assert.is(normalizeBase('gatebench'), '/gatebench/');
  assert.is(normalizeBase('/gatebench/'), '/gatebench/');
  assert.is(normalizeBase(''), '/');
  assert.is(href('/gb/', '/runs/x/'), '/gb/runs/x/');
  assert.is(runHref('/', '2026-11-22T19-03-41Z-dev-site'), '/runs/2026-11-22T19-03-41Z-dev-site/');
  assert.is(runSlug('../x y'), '.._x_y');
  assert.is(runSlug('..'), '_..');
});

test('commands print as copyable shell lines', () => {
  assert.is(shellQuote(['wrk', '-t2', '--latency', 'http://127.0.0.1:8080/api/hello']), 'wrk -t2 --latency http://127.0.0.1:8080/api/hello');
  assert.is(shellQuote(['sh', '-c', "echo 'a b'"]), `sh -c 'echo '\\''a b'\\'''`);
  assert.is(shellQuote(['']), "''");
});

test('warnings: gates first, the rest behind a disclosure', () => {
  const w = warningList(
    [
      { severity: 'note', message: 'n' },
      { severity: 'warning', message: 'w' },
      { severity: 'gate', message: 'g1' },
      { severity: 'gate', message: 'g2' },
    ],
    2,
  );
  assert.equal(w.shown.map((x) => x.message), ['g1', 'g2']);
  assert.equal(w.more.map((x) => x.message), ['w', 'n']);
  assert.is(w.total, 4);
});

test('compare outcome follows the better direction and the verdict', () => {
  assert.is(outcomeOf(-20, 'lower', null, 1), 'better');
  assert.is(outcomeOf(-20, 'higher', null, 1), 'worse');
  assert.is(outcomeOf(12, 'higher', 'no significant difference', 1), 'same');
  assert.is(outcomeOf(0.5, 'higher', null, 1), 'same');
  assert.is(outcomeOf(null, 'higher', null, 1), 'same');
});

test('layout: every asset and nav link under the prefix; vega only where charts are', () => {
  const l = layoutView({ base: '/gb/', title: 'Runs', section: 'runs', generated_at: 'x', charts: false });
  assert.equal(l.scripts, ['/gb/assets/site.js']);
  assert.is(l.nav.find((n) => n.current)?.href, '/gb/runs/');
  const c = layoutView({ base: '/gb/', title: 'Overview', section: 'overview', generated_at: 'x', charts: true });
  assert.equal(c.scripts, ['/gb/assets/vendor/vega.min.js', '/gb/assets/vendor/vega-lite.min.js', '/gb/assets/vendor/vega-embed.min.js', '/gb/assets/site.js']);
});

test.run();
