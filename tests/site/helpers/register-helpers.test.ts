import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Handlebars from 'handlebars';
import { registerHelpers } from '../../../site/helpers/register-helpers.ts';

const hbs = Handlebars.create();
registerHelpers(hbs);
const render = (tpl: string, data: unknown) => hbs.compile(tpl)(data);

test('helpers format numbers in templates', () => {
  assert.is(render('{{num x}}', { x: 12345.6 }), '12,346');
  assert.is(render('{{num x 2}}', { x: 1.5 }), '1.50');
  assert.is(render('{{unit x u}}', { x: 18.2, u: 'us' }), '18.2 µs');
  assert.is(render('{{pct x}}', { x: 12.345 }), '12.3%');
  assert.is(render('{{change x}}', { x: -41.27 }), '-41.3%');
  assert.is(render('{{ci e l h u}}', { e: 12.345, l: 10.1, h: 14.24, u: '%' }), '12.3% [10.1, 14.2]');
  assert.is(render('{{changeCi e l h}}', { e: -41.27, l: -45.01, h: -37.88 }), '-41.3% [-45.0, -37.9]');
  assert.is(render('{{bytes b}}', { b: 1536 }), '1.5 KiB');
  assert.is(render('{{date t}}', { t: '2026-11-22T19:06:44.274Z' }), '2026-11-22 19:06 UTC');
  assert.is(render('{{date t}}', { t: null }), '—');
});

test('badge and json helpers output escaped markup', () => {
  assert.is(render('{{badge v r}}', { v: 'invalid', r: '<x>' }), '<span class="badge badge-invalid" title="&lt;x&gt;">invalid</span>');
  assert.is(render('{{json v}}', { v: { a: '</script>' } }), '{"a":"\\u003c/script\\u003e"}');
});

test.run();
