import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { groupedRatioInterval } from '../../../analysis/stats/grouped-ratio-interval.ts';
import { multisetStatistics } from '../../../analysis/stats/multiset-statistics.ts';
import { percentileInterval } from '../../../analysis/stats/percentile-interval.ts';
import { mulberry32 } from '../../../analysis/stats/prng.ts';
import { resamplePlan } from '../../../analysis/stats/resample-plan.ts';

test('equals the percentile interval of the expanded ratios (random cases)', () => {
  const rng = mulberry32(3);
  for (let t = 0; t < 60; t++) {
    const nb = 3 + Math.floor(rng() * 8);
    const nc = 3 + Math.floor(rng() * 8);
    const pb = resamplePlan(nb, 10000, t);
    const pc = resamplePlan(nc, 10000, t + 1000);
    const b = multisetStatistics(Array.from({ length: nb }, () => Math.round(rng() * 100) + 1), t % 2 ? 'mean' : 'median', pb);
    const c = multisetStatistics(Array.from({ length: nc }, () => Math.round(rng() * 100)), t % 2 ? 'mean' : 'median', pc);
    const conf = [0.95, 0.998, 0.5][t % 3];
    const ratios = Float64Array.from({ length: 10000 }, (_, r) => c[pc.draws[r]] / b[pb.draws[r]]);
    assert.equal(groupedRatioInterval({ perSet: b, draws: pb.draws }, { perSet: c, draws: pc.draws }, conf), percentileInterval(ratios, conf));
  }
});

test('0/0 counts as no change; the documented example', () => {
  assert.equal(groupedRatioInterval({ perSet: Float64Array.from([0]), draws: Uint32Array.from([0, 0]) }, { perSet: Float64Array.from([0]), draws: Uint32Array.from([0, 0]) }, 0.5), [1, 1]);
  assert.equal(groupedRatioInterval({ perSet: Float64Array.from([1, 2]), draws: Uint32Array.from([0, 1]) }, { perSet: Float64Array.from([2]), draws: Uint32Array.from([0, 0]) }, 0.5), [1.25, 1.75]);
});

test.run();
