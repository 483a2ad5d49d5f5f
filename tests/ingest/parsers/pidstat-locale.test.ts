import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { averageLabelLength, decimalSeparatorOf, parsePidstatNumber } from '../../../ingest/parsers/pidstat-locale.ts';

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

test('digit grouping, which pidstat never prints, is not a number', () => {
  assert.is(parsePidstatNumber('1.234.567'), undefined);
  assert.is(parsePidstatNumber('1,234,567.50'), undefined);
  assert.is(parsePidstatNumber('1\u202f234,50'), undefined);
  assert.is(parsePidstatNumber("1'234"), undefined);
  assert.is(parsePidstatNumber('1,234'), undefined); // pidstat prints at most 2 decimals
  assert.is(parsePidstatNumber('4,25M', 'kb'), 4.25 * 1024); // a decimal comma before a --human suffix
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

test('plain decimals read digit by digit give the same double as Number()', () => {
  for (const s of ['48934.65', '0.01', '0.29', '5700.45', '25095.93', '1.1', '3.3', '123456789.12', '99999999999999.99']) {
    assert.is(parsePidstatNumber(s), Number(s), s);
  }
  assert.is(parsePidstatNumber('40,00'), 40);
  assert.is(parsePidstatNumber('12a'), undefined);
});

test('decimalSeparatorOf: the separator a value shows, if any', () => {
  assert.is(decimalSeparatorOf('28,76'), ',');
  assert.is(decimalSeparatorOf('-1,00'), ',');
  assert.is(decimalSeparatorOf('51.8%'), '.');
  assert.is(decimalSeparatorOf('1951092'), null);
  assert.is(decimalSeparatorOf('1,234'), null); // three digits: grouping, not decimals
});

/**
 * msgstr of "Average:" in sysstat 12.6's catalogs (/usr/share/locale/LANG/LC_MESSAGES/sysstat.mo; fr uses
 * U+202F NARROW NO-BREAK SPACE before the colon).
 */
const AVERAGE_LABELS: readonly string[] = [
  'Average:', 'Gemideld:', 'Průměr:', 'Middel:', 'Durchschn.:', 'Meznombro:', 'Media:', 'Batezbestekoa:',
  'Keskiarvo:', 'Moyenne\u202f:', 'Medie:', 'Prosjek:', 'Átlag:', 'Rata-rata:', '平均値:', '평균값:', 'Орточо:',
  'Vidēji:', 'Medja:', 'Gj.snitt:', 'Gemiddeld:', 'Średnia:', 'Média:', 'Среднее:', 'Priemer:', 'Просек:',
  'Genomsnitt:', 'Ortalama:', 'Середнє:', 'Trung bình:', '平均时间:', '平均時間：',
];

test('average labels: the translations of sysstat 12.6 catalogs, as one or more tokens', () => {
  assert.is(averageLabelLength(['Average:', '0', '9073']), 1);
  assert.is(averageLabelLength(['Moyenne\u202f:', '0', '9073']), 1);
  assert.is(averageLabelLength(['Moyenne', ':', '0', '9073']), 2);
  assert.is(averageLabelLength(['Durchschn.:', '999', '5334']), 1);
  assert.is(averageLabelLength(['Среднее:', '0', '1']), 1);
  assert.is(averageLabelLength(['平均时间:', '0', '979']), 1);
  assert.is(averageLabelLength(['平均時間：', '0', '979']), 1);
  assert.is(averageLabelLength(['Trung', 'bình:', '0', '1']), 2);
  for (const label of AVERAGE_LABELS) assert.ok(averageLabelLength(label.split(' ')) > 0, label);
});

test('average labels: times, meridiem-first times and words without a colon are not labels', () => {
  assert.is(averageLabelLength(['12:53:20', '0', '9073']), 0);
  assert.is(averageLabelLength(['1795373486', '0', '9073']), 0);
  assert.is(averageLabelLength(['오후', '07시', '25분']), 0);
  assert.is(averageLabelLength(['Begin']), 0);
  assert.is(averageLabelLength(['avg-cpu:', '%user']), 1); // shape only: the parser checks the header context
});

test.run();
