import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { meanInterval } from '../../../analysis/stats/mean-interval.ts';

test('mean: Student t interval, 12 +- t(0.975, 2) * 2 / sqrt(3)', () => {
  const [lo, hi] = meanInterval('mean', [10, 12, 14], 0.95)!;
  const half = 4.302652729911275 * (2 / Math.sqrt(3));
  assert.ok(Math.abs(lo - (12 - half)) < 1e-6, `${lo}`);
  assert.ok(Math.abs(hi - (12 + half)) < 1e-6, `${hi}`);
});

test('median: order statistics; 10 values -> [x(2), x(9)] (P(Bin(10, .5) <= 1) = 11/1024 <= 0.025)', () => {
  assert.equal(meanInterval('median', [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.95), [2, 9]);
  // 20 values: P(Bin(20, .5) <= 5) = 0.0207 <= 0.025 < P(<= 6) = 0.0577 -> k = 6
  assert.equal(meanInterval('median', Array.from({ length: 20 }, (_, i) => i + 1), 0.95), [6, 15]);
  // 5 values: no k reaches 95%: [min, max]
  assert.equal(meanInterval('median', [3, 1, 2, 5, 4], 0.95), [1, 5]);
});

test('fewer than 2 values: no interval', () => {
  assert.is(meanInterval('mean', [1], 0.95), null);
  assert.is(meanInterval('median', [], 0.95), null);
});

test.run();
