import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { drawPairs } from '../../../analysis/stats/draw-pairs.ts';
import { resamplePlan } from '../../../analysis/stats/resample-plan.ts';

test('the documented example: pairs grouped by baseline multiset, with their counts', () => {
  const p = drawPairs(Uint32Array.from([1, 0, 1, 1]), Uint32Array.from([2, 0, 2, 0]));
  assert.equal([...p.groupSet], [0, 1]);
  assert.equal([...p.groupStart], [0, 1, 3]);
  assert.equal([...p.candidate], [0, 0, 2]);
  assert.equal([...p.count], [1, 1, 2]);
  assert.equal([...p.groupCount], [1, 3]);
  assert.is(p.width, 3);
  assert.is(p.words, 1);
  assert.equal([...p.present], [0b1, 0b101]);
});

test('two real plans: every draw is counted once, in the pair it makes', () => {
  const b = resamplePlan(5, 10000, 11);
  const c = resamplePlan(5, 10000, 12);
  const p = drawPairs(b.draws, c.draws);
  const expected = new Map<string, number>();
  for (let r = 0; r < 10000; r++) expected.set(`${b.draws[r]},${c.draws[r]}`, (expected.get(`${b.draws[r]},${c.draws[r]}`) ?? 0) + 1);
  const got = new Map<string, number>();
  for (let g = 0; g < p.groupSet.length; g++) {
    if (g > 0) assert.ok(p.groupSet[g] > p.groupSet[g - 1], 'groups ascend');
    assert.ok(p.groupStart[g + 1] > p.groupStart[g], 'no empty group');
    for (let k = p.groupStart[g]; k < p.groupStart[g + 1]; k++) {
      if (k > p.groupStart[g]) assert.ok(p.candidate[k] > p.candidate[k - 1], 'candidates ascend within a group');
      got.set(`${p.groupSet[g]},${p.candidate[k]}`, p.count[k]);
    }
  }
  assert.equal(got, expected);
  // per group: its draws, and a bit for each candidate multiset it holds
  for (let g = 0; g < p.groupSet.length; g++) {
    let n = 0;
    const held = new Set<number>();
    for (let k = p.groupStart[g]; k < p.groupStart[g + 1]; k++) {
      n += p.count[k];
      held.add(p.candidate[k]);
    }
    assert.is(p.groupCount[g], n);
    for (let j = 0; j < p.words * 32; j++) assert.is(((p.present[g * p.words + (j >> 5)] >>> (j & 31)) & 1) === 1, held.has(j));
  }
  assert.is(p.groupStart[p.groupSet.length], p.candidate.length);
  assert.is(p.count.reduce((a, x) => a + x, 0), 10000);
  // 126 x 126 possible pairs, 10,000 draws: most pairs are distinct, some repeat
  assert.is(p.groupSet.length, 126);
  assert.ok(p.candidate.length > 5000 && p.candidate.length < 10000, `${p.candidate.length} pairs`);
});

test('plans of different lengths are refused', () => {
  assert.throws(() => drawPairs(Uint32Array.from([0, 1]), Uint32Array.from([0])), /draw pairs require plans with as many draws/);
});

test.run();
