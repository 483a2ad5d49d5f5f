import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fmtChange, fmtEstimate, fmtNum, fmtP, fmtSignedPct, fmtValue } from '../../../analysis/report/format.ts';

test('numbers', () => {
  assert.is(fmtNum(8432.4), '8,432');
  assert.is(fmtNum(123.45), '123.5');
  assert.is(fmtNum(45.04), '45.04');
  assert.is(fmtNum(0.01234), '0.0123');
  assert.is(fmtNum(0), '0');
  assert.is(fmtNum(null), 'n/a');
  assert.is(fmtNum(NaN), 'n/a');
});

test('values, estimates with CI, changes, p-values', () => {
  assert.is(fmtValue(45.04, '%'), '45.0%');
  assert.is(fmtValue(8432, 'req/s'), '8,432 req/s');
  assert.is(fmtEstimate(8432, 8300, 8500, 'req/s'), '8,432 req/s [8,300, 8,500]');
  assert.is(fmtEstimate(45, null, null, '%'), '45.0% [no CI]');
  assert.is(fmtSignedPct(33.94), '+33.9%');
  assert.is(fmtSignedPct(-0.04), '-0.0%');
  assert.is(fmtChange({ estimate: -12.34, ci_low: -15, ci_high: -9.5 }), '-12.3% [-15.0, -9.5]');
  assert.is(fmtChange({ estimate: 2, ci_low: null, ci_high: null }), '+2.0% [no CI]');
  assert.is(fmtP(0.0079), 'p=0.008');
  assert.is(fmtP(0.0001), 'p<0.001');
  assert.is(fmtP(0.4), 'p=0.40');
  assert.is(fmtP(null), 'p=n/a');
});

test.run();
