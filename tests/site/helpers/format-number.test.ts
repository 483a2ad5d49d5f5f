import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatNumber, formatWithUnit, formatPercent, formatChangePct, formatBytes, autoDecimals, displayUnit } from '../../../site/helpers/format-number.ts';

test('thousands separators and automatic decimals', () => {
  assert.is(formatNumber(12345.678), '12,346');
  assert.is(formatNumber(1234567), '1,234,567');
  assert.is(formatNumber(45.67), '45.7');
  assert.is(formatNumber(3.14159), '3.14');
  assert.is(formatNumber(0.12345), '0.123');
  assert.is(formatNumber(-1234.5, 1), '-1,234.5');
  assert.is(formatNumber(-0.001, 1), '0.0');
  assert.is(autoDecimals(100), 0);
});

test('missing values print as an em dash', () => {
  assert.is(formatNumber(null), '—');
  assert.is(formatNumber(undefined), '—');
  assert.is(formatNumber(NaN), '—');
  assert.is(formatWithUnit(null, 'ms'), '—');
});

test('units: space before words, attached % and per-units, us as µs', () => {
  assert.is(formatWithUnit(12345.6, 'req/s'), '12,346 req/s');
  assert.is(formatWithUnit(41.27, '%'), '41.3%');
  assert.is(formatWithUnit(18.2, 'us'), '18.2 µs');
  assert.is(formatWithUnit(0.221, '1/req'), '0.221/req');
  assert.is(formatWithUnit(79.9, '1/s'), '79.9/s');
  assert.is(displayUnit('kB'), 'kB');
});

test('percentages have one decimal; changes are signed', () => {
  assert.is(formatPercent(12.345), '12.3%');
  assert.is(formatChangePct(-41.27), '-41.3%');
  assert.is(formatChangePct(3), '+3.0%');
  assert.is(formatChangePct(0.01), '0.0%');
});

test('bytes in binary units', () => {
  assert.is(formatBytes(512), '512 B');
  assert.is(formatBytes(1536), '1.5 KiB');
  assert.is(formatBytes(3 * 1024 * 1024), '3.0 MiB');
});

test.run();
