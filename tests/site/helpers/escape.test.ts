import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeHtml, jsonForScript } from '../../../site/helpers/escape.ts';
import { verdictBadge, badgeClass } from '../../../site/helpers/verdict-badge.ts';

const XSS = '<img src=x onerror=alert(1)>';

test('escapeHtml leaves no tag or attribute syntax', () => {
  assert.is(escapeHtml(XSS), '&lt;img src&#61;x onerror&#61;alert(1)&gt;');
  assert.is(escapeHtml(`"a" & 'b'`), '&quot;a&quot; &amp; &#39;b&#39;');
  assert.is(escapeHtml(null), '');
});

test('jsonForScript cannot close a script element and round-trips', () => {
  const value = { label: '</script><script>alert(1)</script>', x: XSS, sep: '\u2028' };
  const s = jsonForScript(value);
  assert.not.ok(s.includes('<'));
  assert.not.ok(s.includes('>'));
  assert.not.ok(s.includes('\u2028'));
  assert.equal(JSON.parse(s), value);
});

test('badges: class per verdict, escaped text and title', () => {
  assert.is(verdictBadge('improved'), '<span class="badge badge-good">improved</span>');
  assert.is(verdictBadge('invalid', 'CV > 10% <b>'), '<span class="badge badge-invalid" title="CV &gt; 10% &lt;b&gt;">invalid</span>');
  assert.is(badgeClass('regressed'), 'bad');
  assert.is(badgeClass('no significant difference'), 'neutral');
  assert.is(verdictBadge(XSS), '<span class="badge badge-neutral">&lt;img src&#61;x onerror&#61;alert(1)&gt;</span>');
});

test.run();
