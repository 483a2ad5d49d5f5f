import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { percentile, percentileSorted } from '../../../analysis/stats/percentile.ts';

// Expected values from Python's statistics.quantiles(x, method='inclusive'), which is the same rule as
// NumPy's default (linear, type 7): see tests/analysis/stats/reference.py.
const x = [3.2, 1.5, 9.9, 4.4, 7.1, 2.8];

test('type-7 percentiles match the reference', () => {
  assert.is(percentile(x, 90), 8.5);
  assert.is(percentile(x, 25), 2.9);
  assert.ok(Math.abs(percentile(x, 10) - 2.15) < 1e-12);
  assert.ok(Math.abs(percentile(x, 70) - 5.75) < 1e-12);
});

test('ends and single values', () => {
  assert.is(percentile(x, 0), 1.5);
  assert.is(percentile(x, 100), 9.9);
  assert.is(percentileSorted([5], 37), 5);
  assert.is(percentileSorted([1, 2, 3, 4], 50), 2.5);
});

test('does not modify its input', () => {
  const copy = [...x];
  percentile(x, 50);
  assert.equal(x, copy);
});

test('bad input is a clear error', () => {
  assert.throws(() => percentile([], 50), /at least 1 value/);
  assert.throws(() => percentile([1], 101), /within 0\.\.100/);
});

test.run();
