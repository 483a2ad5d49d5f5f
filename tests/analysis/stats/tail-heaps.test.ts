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

test('reset and finishInPlace: the same tails as a new instance, arrays reused, no adding before a reset', () => {
  const t = new TailHeaps(3);
  for (const v of [9, 2, 7, 4, 8, 1]) t.add(v);
  const a = t.finishInPlace();
  assert.equal([...a.low], [1, 2, 4]);
  assert.equal([...a.high], [9, 8, 7]);
  assert.is(a.count, 6);
  assert.throws(() => t.add(3), /tail heaps finished in place: reset them before adding/);
  t.reset(2); // smaller: the arrays are kept, only 2 are used
  for (const v of [5, 1, 4, 2, 3]) t.add(v);
  const b = t.finishInPlace();
  assert.equal([...b.low], [1, 2]);
  assert.equal([...b.high], [5, 4]);
  t.reset(4); // larger: new arrays
  for (const v of [5, 1, 4, 2, 3]) t.add(v);
  const fresh = new TailHeaps(4);
  for (const v of [5, 1, 4, 2, 3]) fresh.add(v);
  const c = t.finishInPlace();
  assert.equal({ low: [...c.low], high: [...c.high], count: c.count }, { low: [1, 2, 3, 4], high: [5, 4, 3, 2], count: 5 });
  const f = fresh.finish();
  assert.equal([...f.low], [...c.low]);
  assert.throws(() => t.reset(0), /tail size must be a positive integer, got 0/);
});

test.run();
