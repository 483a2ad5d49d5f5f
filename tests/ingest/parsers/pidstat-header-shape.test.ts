import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { headerShape } from '../../../ingest/parsers/pidstat-header-shape.ts';
import { parsePidstat } from '../../../ingest/parsers/pidstat.ts';
import { createTokens, tokenizeLine } from '../../../ingest/parsers/pidstat-tokenize.ts';
import { ParseError } from '../../../ingest/parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pidstat/${name}`, import.meta.url), 'utf8');
const shapeOf = (line: string) => {
  const t = tokenizeLine(line, createTokens());
  return headerShape(t, line.slice(t.ends[0]));
};

test('a header line: prefix, columns, ids, signature', () => {
  const s = shapeOf('# Time        UID       PID    %usr   RSS  Command')!;
  assert.is(s.prefixLength, 2);
  assert.equal(s.columns.map((c) => c.field), ['uid', 'pid', 'usr_pct', 'rss_kb']);
  assert.is(s.signature, 'UID PID %usr RSS');
  assert.is(s.pidIndex, 1);
  assert.is(s.tidIndex, -1);
  assert.is(s.wordFirst, false);
  const t = shapeOf('09:46:27 AM  USER  TGID  TID  %CPU  Command')!;
  assert.is(t.prefixLength, 2);
  assert.equal([t.pidIndex, t.tidIndex, t.wordFirst], [1, 2, true]);
});

test('the same text after the first token gives the same shape, whatever the time; other text another one', () => {
  const a = shapeOf('18:50:53      UID       PID   cswch/s nvcswch/s  Command')!;
  const b = shapeOf('18:50:54      UID       PID   cswch/s nvcswch/s  Command')!;
  assert.ok(a === b);
  const c = shapeOf('18:50:54      UID       PID   cswch/s  Command')!;
  assert.ok(c !== a);
  assert.is(c.signature, 'UID PID cswch/s');
  // the same columns padded otherwise: a shape of its own, the same compiled readers
  const d = shapeOf('18:50:54   UID   PID   cswch/s nvcswch/s  Command')!;
  assert.ok(d !== a);
  assert.is(d.signature, a.signature);
  assert.ok(d.read === a.read && d.fill === a.fill && d.readBytes === a.readBytes);
});

test('not a header: null (also when asked again)', () => {
  assert.is(shapeOf('18:50:54        0      9073     14.00     35.00  Command'), null);
  assert.is(shapeOf('18:50:54        0      9073     14.00     35.00  Command'), null);
  assert.is(shapeOf('18:50:54  %usr  %CPU  Command'), null); // no PID or TGID
});

test('a line starting with an ID column is read afresh: prefix 0, not taken from a time-first line with the same rest', () => {
  const timed = shapeOf('18:50:53   PID    %CPU  Command')!;
  assert.is(timed.prefixLength, 1);
  const idFirst = shapeOf('UID   PID    %CPU  Command')!;
  assert.is(idFirst.prefixLength, 0);
  assert.equal(idFirst.columns.map((c) => c.name), ['UID', 'PID', '%CPU']);
  assert.ok(shapeOf('UID   PID    %CPU  Command') !== idFirst); // never cached
  assert.is(shapeOf('18:50:54   PID    %CPU  Command'), timed);
});

test('parses sharing cached headers give the same records in any order', () => {
  const names = ['c-urw-block.txt', 'c-urwd-Hh.txt', 'koKR-u.txt', 'deDE-ut-threads.txt', 'frFR-urwd-block.txt', 'c-ur-l.txt'];
  const first = names.map((n) => JSON.stringify(parsePidstat(fixture(n))));
  for (let round = 0; round < 3; round++) {
    for (let i = names.length - 1; i >= 0; i--) assert.is(JSON.stringify(parsePidstat(fixture(names[i]))), first[i], names[i]);
  }
  const r = JSON.parse(first[0]);
  assert.is(r.sample_count, 3);
  assert.equal(r.samples.map((s: { rss_kb: number }) => s.rss_kb), [205852, 403612, 291960]);
});

test('a file whose header starts with an ID column fails even after another file cached the same rest', () => {
  const real = fixture('c-urw-block.txt');
  assert.is(parsePidstat(real).sample_count, 3);
  const header = '18:50:53      UID       PID    %usr %system  %guest   %wait    %CPU   CPU  Command';
  const text = real.replaceAll(header, header.replace('18:50:53', '     PID'));
  let err: unknown;
  try {
    parsePidstat(text);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof ParseError);
  assert.is((err as ParseError).reason, 'pidstat header line has no time column');
  assert.is((err as ParseError).line, 3);
});

test.run();
