import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TaskIndex } from '../../../ingest/parsers/pidstat-task-index.ts';

test('finds what was set, -1 for the rest, nothing after clear()', () => {
  const t = new TaskIndex();
  t.set(412, 0);
  t.set(-1 - 9081, 1); // a thread row's key
  t.set(0, 2);
  assert.equal([t.get(412), t.get(-9082), t.get(0), t.get(413), t.get(-1)], [0, 1, 2, -1, -1]);
  t.clear();
  assert.equal([t.get(412), t.get(-9082), t.get(0)], [-1, -1, -1]);
  t.set(412, 5);
  assert.is(t.get(412), 5);
});

test('grows past its capacity and keeps every entry (ids above 2^31 and keys that collide included)', () => {
  const t = new TaskIndex(4);
  const keys: number[] = [];
  for (let k = 0; k < 5000; k++) keys.push(k * 65536, 4294967296 + k, -1 - k * 7);
  keys.forEach((key, i) => t.set(key, i));
  keys.forEach((key, i) => assert.is(t.get(key), i, String(key)));
  assert.is(t.get(3), -1);
  t.clear();
  assert.is(t.get(keys[7]), -1);
});

test('many clears: entries of earlier rounds never come back', () => {
  const t = new TaskIndex(2);
  for (let round = 0; round < 1000; round++) {
    assert.is(t.get(round - 1), -1);
    t.set(round, round);
    t.set(round + 100000, 1);
    assert.is(t.get(round), round);
    t.clear();
  }
});

test.run();
