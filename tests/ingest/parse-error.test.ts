import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { escapeControlChars, ParseError } from '../../ingest/parse-error.ts';

test('escapeControlChars: CR, ESC, NUL, DEL and C1 become \\xNN; tab, newline and text stay', () => {
  assert.is(escapeControlChars('a\rb\x1b[2J\0\x7f\x9b\tc\nd é'), 'a\\x0db\\x1b[2J\\x00\\x7f\\x9b\tc\nd é');
});

test('ParseError: a reason quoting a raw line holds no control character', () => {
  const e = new ParseError('unrecognised line: "\x1b]0;pwned\x07\rok"', 7, 'x.txt');
  assert.is(e.reason, 'unrecognised line: "\\x1b]0;pwned\\x07\\x0dok"');
  assert.is(e.message, e.reason);
  assert.is(e.describe(), 'x.txt:7: unrecognised line: "\\x1b]0;pwned\\x07\\x0dok"');
});

test.run();
