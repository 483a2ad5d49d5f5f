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

test('every unit gives the number rounded to 12 significant digits (seeded tokens of every shape, -0 as 0)', () => {
  // the definition: the value times the unit's factor, rounded to 12 significant digits
  const rounded = (v: string, factor: number) => Number((Number(v) * factor).toPrecision(12));
  const units: Array<[string, number, (t: string) => number | undefined]> = [
    ['us', 0.001, parseTimeMs], ['ms', 1, parseTimeMs], ['s', 1000, parseTimeMs], ['m', 60000, parseTimeMs], ['h', 3600000, parseTimeMs],
    ['', 1, parseMetric], ['k', 1e3, parseMetric], ['M', 1e6, parseMetric], ['G', 1e9, parseMetric], ['T', 1e12, parseMetric], ['P', 1e15, parseMetric],
    ['B', 1, parseBytes], ['KB', 1024, parseBytes], ['MB', 1024 ** 2, parseBytes], ['GB', 1024 ** 3, parseBytes],
  ];
  let seed = 7;
  const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const values = ['0', '-0', '-0.00', '+0.0', '5.', '.5', '-.5', '0.001', '999999999999', '9.99999999999', '123456789012.5', '0.1', '0.7', '1.005'];
  for (let i = 0; i < 3000; i++) {
    const digits = Array.from({ length: 1 + next(15) }, () => String(next(10))).join('');
    const dot = next(digits.length + 2);
    const body = dot > digits.length ? digits : `${digits.slice(0, dot)}.${digits.slice(dot)}`;
    values.push(`${['', '', '-', '+'][next(4)]}${body}`);
  }
  let checked = 0;
  for (const v of values) {
    for (const [unit, factor, parse] of units) {
      const got = parse(`${v}${unit}`);
      const want = rounded(v, factor);
      assert.ok(Object.is(got, want), `${v}${unit}: ${got} !== ${want}`);
      checked++;
    }
  }
  assert.is(checked, 3014 * 15);
  assert.ok(Object.is(parseTimeMs('-0.00ms'), 0));
  assert.is(parseTimeMs('0.10us'), 0.0001);
});

test.run();
