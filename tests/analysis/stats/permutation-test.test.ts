import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mulberry32 } from '../../../analysis/stats/prng.ts';
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

/** Every split by brute force, medians by sorting each group: the definition the exact path must equal. */
function bruteMedianP(a: number[], b: number[]): number {
  const med = (xs: number[]) => {
    const s = [...xs].sort((x, y) => x - y);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const all = [...a, ...b];
  const observed = Math.abs(med(b) - med(a));
  const tol = 1e-9 * Math.max(1, Math.abs(observed));
  let hits = 0;
  let splits = 0;
  for (let mask = 0; mask < 1 << all.length; mask++) {
    let bits = 0;
    for (let i = 0; i < all.length; i++) if (mask & (1 << i)) bits++;
    if (bits !== a.length) continue;
    const ga = all.filter((_, i) => mask & (1 << i));
    const gb = all.filter((_, i) => !(mask & (1 << i)));
    splits++;
    if (Math.abs(med(gb) - med(ga)) >= observed - tol) hits++;
  }
  return hits / splits;
}

test('exact medians equal brute force: odd and even group sizes, ties, unsorted input', () => {
  const rng = mulberry32(9);
  for (let t = 0; t < 60; t++) {
    const na = 1 + (t % 6);
    const nb = 1 + ((t * 5) % 6);
    const draw = () => (t % 3 === 0 ? Math.floor(rng() * 4) : Math.round(rng() * 1000) / 10);
    const a = Array.from({ length: na }, draw);
    const b = Array.from({ length: nb }, () => draw() + (t % 2 ? 5 : 0));
    const r = permutationTest(a, b, { statistic: 'median', seed: 1 });
    assert.ok(r.exact);
    assert.is(r.p_value, bruteMedianP(a, b), `case ${t}: ${a} | ${b}`);
  }
});

test('empty group is a clear error', () => {
  assert.throws(() => permutationTest([], [1], { statistic: 'mean', seed: 1 }), /at least 1 value in each group/);
});

test.run();
