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

/** The same interval from the expanded ratios (0/0 as 1), the reference every path must equal exactly. */
function expanded(b: Float64Array, db: Uint32Array, c: Float64Array, dc: Uint32Array, conf: number): [number, number] {
  const ratios = Float64Array.from({ length: db.length }, (_, r) => (b[db[r]] === 0 && c[dc[r]] === 0 ? 1 : c[dc[r]] / b[db[r]]));
  return percentileInterval(ratios, conf);
}

test('shared plans as in a run: many metrics, ties, zeros in the candidate, every confidence', () => {
  // one pair of plans for all metrics, as in a run (n = 5: 126 multisets a side, the walk's case)
  const pb = resamplePlan(5, 10000, 11);
  const pc = resamplePlan(5, 10000, 12);
  const rng = mulberry32(5);
  const shapes: Array<() => number[]> = [
    () => Array.from({ length: 5 }, () => 1 + rng() * 1000), // continuous
    () => Array.from({ length: 5 }, () => 1 + Math.floor(rng() * 3)), // heavy ties
    () => [7, 7, 7, 7, 7], // constant
    () => Array.from({ length: 5 }, () => Math.floor(rng() * 3)), // zeros (candidate only: baseline gets +1)
    () => Array.from({ length: 5 }, () => 1e-300 * (1 + rng())), // tiny
  ];
  for (let t = 0; t < 200; t++) {
    const vb = shapes[t % shapes.length]().map((x) => (x === 0 ? 1 : x));
    const vc = shapes[(t * 7) % shapes.length]();
    const stat = t % 2 ? 'mean' : 'median';
    const b = multisetStatistics(vb, stat, pb);
    const c = multisetStatistics(vc, stat, pc);
    const conf = [0.95, 0.998, 0.5, 0.99809][t % 4];
    assert.equal(groupedRatioInterval({ perSet: b, draws: pb.draws }, { perSet: c, draws: pc.draws }, conf), expanded(b, pb.draws, c, pc.draws, conf), `case ${t}`);
  }
});

test('negative and zero statistics equal the expanded ratios', () => {
  const pb = resamplePlan(5, 10000, 21);
  const pc = resamplePlan(4, 10000, 22);
  const cases: Array<[number[], number[]]> = [
    [[-5, -3, -4, -6, -2], [10, 12, 9, 11]], // negative baseline
    [[0, 1, 2, 0, 3], [0, 0, 1, 2]], // zero baseline (x/0 and 0/0)
    [[4, 5, 6, 5, 4], [-1, 2, -3, 4]], // negative candidate values
  ];
  for (const [vb, vc] of cases) {
    const b = multisetStatistics(vb, 'mean', pb);
    const c = multisetStatistics(vc, 'mean', pc);
    assert.equal(groupedRatioInterval({ perSet: b, draws: pb.draws }, { perSet: c, draws: pc.draws }, 0.95), expanded(b, pb.draws, c, pc.draws, 0.95));
  }
});

test('a few draws: the tails cover all of them', () => {
  const b = Float64Array.from([2, 4, 8]);
  const c = Float64Array.from([1, 3]);
  const db = Uint32Array.from([0, 1, 2, 2, 1]);
  const dc = Uint32Array.from([1, 0, 0, 1, 1]);
  // ratios 1.5, 0.25, 0.125, 0.375, 0.75
  assert.equal(groupedRatioInterval({ perSet: b, draws: db }, { perSet: c, draws: dc }, 0.5), [0.25, 0.75]);
  assert.equal(groupedRatioInterval({ perSet: b, draws: db }, { perSet: c, draws: dc }, 0.9), expanded(b, db, c, dc, 0.9));
});

test('a draw of a multiset without a statistic is refused, as with the expanded ratios', () => {
  // 126 statistics but a draw names multiset 126: its ratio is NaN, which a percentile interval refuses
  const plan = resamplePlan(5, 10000, 3);
  const stats = multisetStatistics([10, 11, 12, 13, 14], 'mean', plan);
  const draws = Uint32Array.from(plan.draws);
  draws[5000] = stats.length;
  assert.throws(() => groupedRatioInterval({ perSet: stats, draws: plan.draws }, { perSet: stats, draws }, 0.99809), /percentile interval requires values that are not NaN/);
});

test('0/0 counts as no change; the documented example', () => {
  assert.equal(groupedRatioInterval({ perSet: Float64Array.from([0]), draws: Uint32Array.from([0, 0]) }, { perSet: Float64Array.from([0]), draws: Uint32Array.from([0, 0]) }, 0.5), [1, 1]);
  assert.equal(groupedRatioInterval({ perSet: Float64Array.from([1, 2]), draws: Uint32Array.from([0, 1]) }, { perSet: Float64Array.from([2]), draws: Uint32Array.from([0, 0]) }, 0.5), [1.25, 1.75]);
});

test.run();
