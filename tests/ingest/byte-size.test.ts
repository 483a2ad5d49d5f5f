import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { approxSizeLabel, parseByteSize, sizeId, sizeLabel } from '../../ingest/byte-size.ts';

test('parseByteSize reads bytes, K and M (binary), with or without B/iB, any case', () => {
  assert.is(parseByteSize('16'), 16);
  assert.is(parseByteSize('512B'), 512);
  assert.is(parseByteSize('4K'), 4096);
  assert.is(parseByteSize('4kb'), 4096);
  assert.is(parseByteSize('64KiB'), 65536);
  assert.is(parseByteSize('1M'), 1048576);
  assert.is(parseByteSize(' 1 MiB '), 1048576);
  assert.is(parseByteSize('1.5K'), 1536);
});

test('parseByteSize refuses what is not a whole, positive number of bytes', () => {
  assert.throws(() => parseByteSize('2x'), /'2x' is not a size \(examples: 16, 512B, 4K, 64KiB, 1M\)/);
  assert.throws(() => parseByteSize('4G'), /'4G' is not a size/);
  assert.throws(() => parseByteSize('-1'), /'-1' is not a size/);
  assert.throws(() => parseByteSize('0'), /'0' is not a whole, positive number of bytes/);
  assert.throws(() => parseByteSize('1.3K'), /'1.3K' is not a whole, positive number of bytes/);
});

test('sizeLabel is exact and never gives two sizes one label; sizeId names folders', () => {
  assert.equal([16, 1024, 4096, 65536, 1048576, 1536, 1048577].map(sizeLabel), ['16 B', '1 KiB', '4 KiB', '64 KiB', '1 MiB', '1536 B', '1048577 B']);
  assert.is(sizeLabel(3 * 1048576), '3 MiB');
  assert.is(sizeId(65536), '64KiB');
  assert.is(sizeId(16), '16B');
});

test('approxSizeLabel rounds an estimated size to two significant digits', () => {
  assert.is(approxSizeLabel(11585.2), '11 KiB');
  assert.is(approxSizeLabel(700.4), '700 B');
  assert.is(approxSizeLabel(16.08), '16 B');
  assert.is(approxSizeLabel(1572864), '1.5 MiB');
  assert.is(approxSizeLabel(1023), '1 KiB');
});

test.run();
