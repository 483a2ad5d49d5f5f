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

test('bounds are infinite while filling; skip counts values between them', () => {
  const t = new TailHeaps(2);
  assert.is(t.lowBound, Infinity);
  assert.is(t.highBound, -Infinity);
  t.add(5);
  assert.is(t.lowBound, Infinity); // one value: still filling
  t.add(1);
  assert.is(t.lowBound, 5); // the 2 smallest are 1, 5: a value >= 5 does not enter the low tail
  assert.is(t.highBound, 1); // the 2 largest are 5, 1
  t.add(3);
  assert.equal([t.lowBound, t.highBound], [3, 3]);
  t.skip(4); // four values equal to 3, known to change nothing
  const { low, high, count } = t.finish();
  assert.equal([...low], [1, 3]);
  assert.equal([...high], [5, 3]);
  assert.is(count, 7);
});

test.run();
