import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isNan, parseBytes, parseMetric, parsePercent, parseTimeMs } from '../../../ingest/parsers/wrk-units.ts';

test('times: us, ms, s, m, h in milliseconds', () => {
  assert.is(parseTimeMs('847.00us'), 0.847);
  assert.is(parseTimeMs('6.51ms'), 6.51);
  assert.is(parseTimeMs('1.32s'), 1320);
  assert.is(parseTimeMs('1.67m'), 100200);
  assert.is(parseTimeMs('2m'), 120000);
  assert.is(parseTimeMs('1h'), 3600000);
  assert.is(parseTimeMs('12.92'), undefined);
  assert.is(parseTimeMs('ms'), undefined);
});

test('counts: metric prefixes k/M/G scale by 1000', () => {
  assert.is(parseMetric('11.12k'), 11120);
  assert.is(parseMetric('1.45M'), 1450000);
  assert.is(parseMetric('2.00G'), 2e9);
  assert.is(parseMetric('8.75'), 8.75);
  assert.is(parseMetric('3.4x'), undefined);
});

test('bytes: binary prefixes, KB = 1024 B as wrk prints', () => {
  assert.is(parseBytes('588.75KB'), 602880);
  assert.is(parseBytes('496.17MB'), 520271953.92);
  assert.is(parseBytes('5.77GB'), 6195490324.48);
  assert.is(parseBytes('0.00B'), 0);
  assert.is(parseBytes('15.11kB'), undefined);
});

test('percentages and -nan', () => {
  assert.is(parsePercent('91.61%'), 91.61);
  assert.is(parsePercent('-nan%'), null);
  assert.is(parsePercent('91.61'), undefined);
  assert.ok(isNan('-nan'));
  assert.ok(isNan('nan'));
  assert.not.ok(isNan('0.00'));
});

test.run();
