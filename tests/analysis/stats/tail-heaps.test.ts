import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TailHeaps } from '../../../analysis/stats/tail-heaps.ts';

test('the m smallest ascending and m largest descending', () => {
  const t = new TailHeaps(2);
  for (const v of [5, 1, 4, 2, 3]) t.add(v);
  const r = t.finish();
  assert.equal([[...r.low], [...r.high], r.count], [[1, 2], [5, 4], 5]);
});

test('fewer values than m, and NaN', () => {
  const t = new TailHeaps(4);
  t.add(2);
  t.add(1);
  assert.equal([...t.finish().low], [1, 2]);
  assert.throws(() => t.add(NaN), /not NaN/);
  assert.throws(() => new TailHeaps(0), /positive integer/);
});

test.run();
