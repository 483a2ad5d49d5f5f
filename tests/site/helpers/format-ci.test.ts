import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatCi, formatChangeCi } from '../../../site/helpers/format-ci.ts';

test('estimate with CI in the house style', () => {
  assert.is(formatCi(12.345, 10.1, 14.24, '%'), '12.3% [10.1, 14.2]');
  assert.is(formatCi(8123, 7950, 8301, 'req/s'), '8,123 req/s [7,950, 8,301]');
  assert.is(formatCi(9.56, 9.06, 9.94, 'us'), '9.56 µs [9.06, 9.94]');
});

test('no CI is said, not hidden', () => {
  assert.is(formatCi(3.2, null, null, 'ms'), '3.20 ms (no CI)');
  assert.is(formatCi(null, 1, 2, 'ms'), '—');
});

test('signed change with CI', () => {
  assert.is(formatChangeCi(-41.27, -45.01, -37.88), '-41.3% [-45.0, -37.9]');
  assert.is(formatChangeCi(7.5, -2, 18.04), '+7.5% [-2.0, +18.0]');
  assert.is(formatChangeCi(7.5, null, null), '+7.5% (no CI)');
});

test.run();
