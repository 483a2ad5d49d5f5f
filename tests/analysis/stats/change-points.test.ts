import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { detectSteps } from '../../../analysis/stats/change-points.ts';
import { mulberry32 } from '../../../ingest/prng.ts';

const rng = mulberry32(77);
const noise = (sd: number) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()) * sd;

test('a clean step is found at the first value after it, with segment means', () => {
  assert.equal(detectSteps([10, 10.1, 9.9, 10, 12, 12.1, 11.9, 12], { minStep: 5 }), [{ index: 4, before: 10, after: 12, size: 20 }]);
});

test('a 15% step in 1% noise is found within one position', () => {
  const xs = [...Array.from({ length: 20 }, () => 100 + noise(1)), ...Array.from({ length: 20 }, () => 115 + noise(1))];
  const steps = detectSteps(xs, { minStep: 5 });
  assert.is(steps.length, 1);
  assert.ok(Math.abs(steps[0].index - 20) <= 1, String(steps[0].index));
  assert.ok(steps[0].size > 12 && steps[0].size < 18, String(steps[0].size));
});

test('flat noise gives no step (20 seeded series)', () => {
  for (let s = 0; s < 20; s++) {
    const xs = Array.from({ length: 30 }, () => 100 + noise(2));
    assert.equal(detectSteps(xs, { minStep: 5 }), [], `series ${s}`);
  }
});

test('two steps, up then down', () => {
  const xs = [...Array(10).fill(50), ...Array(10).fill(60), ...Array(10).fill(45)].map((x) => x + noise(0.3));
  assert.equal(detectSteps(xs, { minStep: 5 }).map((s) => s.index), [10, 20]);
});

test('steps under the threshold are dropped; a custom step size (percentage points) is used', () => {
  const xs = [...Array(10).fill(100), ...Array(10).fill(103)];
  assert.equal(detectSteps(xs, { minStep: 5 }), []);
  const pp = detectSteps([-30, -30, -30, -30, -10, -10, -10, -10], { minStep: 5, stepSize: (a, b) => b - a });
  assert.equal(pp.map((s) => [s.index, s.size]), [[4, 20]]);
});

test('short series and bad values', () => {
  assert.equal(detectSteps([1]), []);
  assert.throws(() => detectSteps([1, NaN, 2]), /finite values/);
});

test.run();
