import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { permutationTest } from '../../../analysis/stats/permutation-test.ts';

// Exact p-values enumerated independently with Python itertools.combinations over all C(9,4) = 126 splits
// (tests/analysis/stats/reference.py): 5/126 for the mean, 11/126 for the median.
const a = [1, 2, 3, 4];
const b = [3, 5, 6, 7, 8];

test('exact p-value of the difference of means matches the reference', () => {
  const r = permutationTest(a, b, { statistic: 'mean', seed: 1 });
  assert.equal(r, { p_value: 5 / 126, exact: true, splits: 126 });
});

test('exact p-value of the difference of medians matches the reference', () => {
  assert.is(permutationTest(a, b, { statistic: 'median', seed: 1 }).p_value, 11 / 126);
});

test('two separated groups of 3: the smallest possible two-sided p is 2/20', () => {
  assert.is(permutationTest([1, 2, 3], [4, 5, 6], { statistic: 'mean', seed: 1 }).p_value, 0.1);
});

test('Monte Carlo p-value is seeded and close to the exact one', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const y = [3, 4, 5, 6, 7, 8, 9, 10];
  const exact = permutationTest(x, y, { statistic: 'mean', seed: 1 }); // C(16,8) = 12870 > 10000: Monte Carlo
  assert.is(exact.exact, false);
  const again = permutationTest(x, y, { statistic: 'mean', seed: 1 });
  assert.is(again.p_value, exact.p_value);
  const full = permutationTest(x, y, { statistic: 'mean', seed: 1, permutations: 20000 }); // enumerated
  assert.is(full.exact, true);
  assert.ok(Math.abs(exact.p_value - full.p_value) < 0.02, `${exact.p_value} vs ${full.p_value}`);
});

test('identical groups give p = 1', () => {
  assert.is(permutationTest([5, 5, 5], [5, 5, 5], { statistic: 'mean', seed: 1 }).p_value, 1);
});

test('empty group is a clear error', () => {
  assert.throws(() => permutationTest([], [1], { statistic: 'mean', seed: 1 }), /at least 1 value in each group/);
});

test.run();
