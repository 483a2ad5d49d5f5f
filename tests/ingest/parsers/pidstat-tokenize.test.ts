import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { borrowTokens, createTokens, returnTokens, tokenIs, tokenizeLine, tokenText, tokenTexts } from '../../../ingest/parsers/pidstat-tokenize.ts';

test('splits on spaces and tabs only, keeping positions', () => {
  const t = tokenizeLine('12:53:20   1000  |__JS Helper', createTokens());
  assert.is(t.count, 4);
  assert.equal(tokenTexts(t), ['12:53:20', '1000', '|__JS', 'Helper']);
  assert.is(t.starts[2], 17);
  assert.is(t.ends[2], 22);
  assert.is(tokenText(t, 3), 'Helper');
  const fr = tokenizeLine('Moyenne\u202f:\t 0  9073', createTokens());
  assert.equal(tokenTexts(fr), ['Moyenne\u202f:', '0', '9073']);
});

test('blank lines, leading blanks, and more than 64 tokens', () => {
  const t = createTokens();
  assert.is(tokenizeLine('   \t ', t).count, 0);
  assert.equal(tokenTexts(tokenizeLine(' 1646859221     0         6', t)), ['1646859221', '0', '6']);
  const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
  assert.is(tokenizeLine(many, t).count, 100);
  assert.is(tokenText(t, 99), 'w99');
});

test('tokenIs compares in place', () => {
  const t = tokenizeLine('12:00:00 UID PID Command', createTokens());
  assert.ok(tokenIs(t, 3, 'Command'));
  assert.not.ok(tokenIs(t, 2, 'PI'));
});

test('borrowTokens lends buffers given back (emptied), and fresh ones while they are out', () => {
  const a = borrowTokens();
  tokenizeLine('12:00:00 UID PID Command', a);
  const b = borrowTokens();
  assert.ok(a !== b);
  returnTokens(a);
  assert.is(a.count, 0);
  assert.is(a.line, '');
  const c = borrowTokens();
  assert.ok(c === a);
  assert.equal(tokenTexts(tokenizeLine('x  y', c)), ['x', 'y']);
  returnTokens(b);
  returnTokens(c);
});

test.run();
