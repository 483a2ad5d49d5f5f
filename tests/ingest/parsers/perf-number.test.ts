import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { detectDecimalMark, parseLocaleNumber } from '../../../ingest/parsers/perf-number.ts';

test('decimal mark from unambiguous tokens', () => {
  assert.is(detectDecimalMark(['1.145,00', '17.540']), ',');
  assert.is(detectDecimalMark(['2.002071626']), '.');
  assert.is(detectDecimalMark(['0,572']), ',');
  assert.is(detectDecimalMark(['17.540']), '.'); // undecidable: the fallback
  assert.is(detectDecimalMark(['17.540'], ','), ',');
});

test('locale numbers', () => {
  assert.is(parseLocaleNumber('1.145,00', ','), 1145);
  assert.is(parseLocaleNumber('17\u202f996', ','), 17996);
  assert.is(parseLocaleNumber('27 655 923 827', ','), 27655923827);
  assert.is(parseLocaleNumber('1,185.23', '.'), 1185.23);
  assert.is(parseLocaleNumber('<not counted>', '.'), undefined);
});

test('plain tokens: read as they are when their dot is the decimal mark, grouping otherwise', () => {
  assert.is(parseLocaleNumber('2501.23', '.'), 2501.23);
  assert.is(parseLocaleNumber('2501.23', ','), 250123); // under a decimal comma the dot groups digits
  assert.is(parseLocaleNumber('2501', ','), 2501);
  assert.is(parseLocaleNumber('-.5', '.'), -0.5);
  assert.is(parseLocaleNumber('+7.', '.'), 7);
  assert.is(parseLocaleNumber(' 12.5 ', '.'), 12.5);
  assert.is(parseLocaleNumber('0,572', ','), 0.572);
  assert.is(parseLocaleNumber('0,572', '.'), 572);
  assert.is(parseLocaleNumber('1.2.3', '.'), undefined);
  assert.is(parseLocaleNumber('', '.'), undefined);
});

test.run();
