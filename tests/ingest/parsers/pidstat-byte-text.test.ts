import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CACHED_TEXT_MAX, createByteTextCache } from '../../../ingest/parsers/pidstat-byte-text.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('decodes a byte range as UTF-8 and returns the cached string the second time', () => {
  const cache = createByteTextCache();
  const row = bytes('1 2 gateway\n');
  const a = cache.decode(row, 4, 11, 0);
  assert.is(a, 'gateway');
  assert.is(cache.decode(bytes('xx gateway'), 3, 10, 0), 'gateway');
});

test('different bytes under the same hash and length are not confused', () => {
  const cache = createByteTextCache();
  assert.is(cache.decode(bytes('worker'), 0, 6, 42), 'worker');
  assert.is(cache.decode(bytes('wrkers'), 0, 6, 42), 'wrkers');
  assert.is(cache.decode(bytes('worker'), 0, 6, 42), 'worker');
});

test('multi-byte characters (thread names, translated labels) decode like the text path', () => {
  const cache = createByteTextCache();
  const s = 'JS Helper Ω 线程';
  assert.is(cache.decode(bytes(`|__${s}`), 3, bytes(`|__${s}`).length, 7), s);
  assert.is(cache.decode(new Uint8Array([0x61, 0xff, 0x62]), 0, 3, 0), 'a\uFFFDb');
});

test('past its limit the cache starts over and still answers correctly', () => {
  const cache = createByteTextCache(2);
  for (const w of ['a1', 'b2', 'c3', 'a1', 'd4']) assert.is(cache.decode(bytes(w), 0, 2, w.charCodeAt(0)), w);
});

test('texts longer than CACHED_TEXT_MAX (not kept) decode in full, each time from their own bytes', () => {
  const cache = createByteTextCache();
  const long = bytes('x'.repeat(CACHED_TEXT_MAX + 1));
  const a = cache.decode(long, 0, long.length, 1);
  assert.is(a, 'x'.repeat(CACHED_TEXT_MAX + 1));
  long[0] = 0x79; // the same hash and length, other bytes: decoded again, not answered from the cache
  assert.is(cache.decode(long, 0, long.length, 1), `y${'x'.repeat(CACHED_TEXT_MAX)}`);
});

test.run();
