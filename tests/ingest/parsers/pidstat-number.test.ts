import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePidstatNumber, parsePidstatNumberAt } from '../../../ingest/parsers/pidstat-number.ts';

test('C locale values', () => {
  assert.is(parsePidstatNumber('28.76'), 28.76);
  assert.is(parsePidstatNumber('1951092'), 1951092);
  assert.is(parsePidstatNumber('0.00'), 0);
  assert.is(parsePidstatNumber('479136209706741632.00'), 479136209706741632);
});

test('decimal comma (de_DE, fr_FR, ru_RU)', () => {
  assert.is(parsePidstatNumber('28,76'), 28.76);
  assert.is(parsePidstatNumber('48496,00'), 48496);
  assert.is(parsePidstatNumber('0,5'), 0.5);
});

test('digit grouping is removed', () => {
  assert.is(parsePidstatNumber('1.234.567'), 1234567);
  assert.is(parsePidstatNumber('1,234,567'), 1234567);
  assert.is(parsePidstatNumber('1,234,567.50'), 1234567.5);
  assert.is(parsePidstatNumber('1.234.567,50'), 1234567.5);
  assert.is(parsePidstatNumber('1\u202f234,50'), 1234.5);
  assert.is(parsePidstatNumber("1'234"), 1234);
  assert.is(parsePidstatNumber('1,234'), 1234); // pidstat never prints 3 decimals: grouping
});

test('"-" and pidstat\'s -1 "not readable" are null', () => {
  assert.is(parsePidstatNumber('-'), null);
  assert.is(parsePidstatNumber('-1.00'), null);
  assert.is(parsePidstatNumber('-1,00'), null);
  assert.is(parsePidstatNumber('-1'), null);
});

test('any other negative value, and one beyond a double, is not a pidstat number (no column is negative)', () => {
  assert.is(parsePidstatNumber('-2.50'), undefined);
  assert.is(parsePidstatNumber('-123456.78'), undefined);
  assert.is(parsePidstatNumber('-1.234,50'), undefined);
  assert.is(parsePidstatNumber('-0.5%'), undefined);
  assert.is(parsePidstatNumber('9'.repeat(400)), undefined);
  assert.is(parsePidstatNumber('1e999'), undefined);
  assert.is(parsePidstatNumberAt('x -123456.78 y', 2, 12), undefined);
  assert.is(parsePidstatNumberAt('x -1,00 y', 2, 7), null);
});

test('--human suffixes: % everywhere, sizes on kB columns only', () => {
  assert.is(parsePidstatNumber('51.8%'), 51.8);
  assert.is(parsePidstatNumber('4.2G', 'kb'), 4.2 * 1024 * 1024);
  assert.is(parsePidstatNumber('253.0M', 'kb'), 253 * 1024);
  assert.is(parsePidstatNumber('128.0k', 'kb'), 128);
  assert.is(parsePidstatNumber('0.0B', 'kb'), 0);
  assert.is(parsePidstatNumber('2048B', 'kb'), 2);
  assert.is(parsePidstatNumber('4.2G'), undefined);
});

test('not a number: undefined', () => {
  assert.is(parsePidstatNumber('abc'), undefined);
  assert.is(parsePidstatNumber(''), undefined);
  assert.is(parsePidstatNumber('48x93.00'), undefined);
  assert.is(parsePidstatNumber('Infinity'), undefined);
  assert.is(parsePidstatNumber('1.2.3,4,5'), undefined);
});

test('parsePidstatNumberAt reads in place and agrees with Number()', () => {
  const line = ' 48934.65  40,00 -1.00 - 0.07 99999999999999.99 12a';
  assert.is(parsePidstatNumberAt(line, 1, 9), 48934.65);
  assert.is(parsePidstatNumberAt(line, 11, 16), 40);
  assert.is(parsePidstatNumberAt(line, 17, 22), null);
  assert.is(parsePidstatNumberAt(line, 23, 24), null);
  assert.is(parsePidstatNumberAt(line, 25, 29), 0.07);
  assert.is(parsePidstatNumberAt(line, 30, 47), 99999999999999.99);
  assert.is(parsePidstatNumberAt(line, 48, 51), undefined);
  for (const s of ['0.01', '0.29', '5700.45', '25095.93', '1.1', '3.3', '123456789.12']) {
    assert.is(parsePidstatNumberAt(s, 0, s.length), Number(s), s);
  }
});

test.run();
