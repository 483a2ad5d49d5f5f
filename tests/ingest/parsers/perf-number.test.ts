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

test.run();
