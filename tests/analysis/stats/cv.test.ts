import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cvPct } from '../../../analysis/stats/cv.ts';

test('CV matches Python statistics.stdev / mean * 100 (reference.py)', () => {
  assert.ok(Math.abs(cvPct([3.2, 1.5, 9.9, 4.4, 7.1, 2.8])! - 64.93215806547522) < 1e-9);
  assert.ok(Math.abs(cvPct([10, 12, 14])! - 16.666666666666664) < 1e-12);
});

test('undefined CV is null', () => {
  assert.is(cvPct([5]), null);
  assert.is(cvPct([]), null);
  assert.is(cvPct([-1, 1]), null);
});

test('constant values have CV 0', () => {
  assert.is(cvPct([4, 4, 4]), 0);
});

test.run();
