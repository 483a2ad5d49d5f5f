import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deriveSeed, mulberry32 } from '../../ingest/prng.ts';

// Reference values computed independently with the Python port in tests/analysis/stats/reference.py
// (python3 reference.py), which implements mulberry32 and FNV-1a with plain integer arithmetic.

test('mulberry32(42) gives the reference sequence', () => {
  const rng = mulberry32(42);
  assert.is(rng(), 0.6011037519201636);
  assert.is(rng(), 0.44829055899754167);
  assert.is(rng(), 0.8524657934904099);
});

test('same seed, same stream; another seed, another stream', () => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  const c = mulberry32(8);
  const xa = [a(), a(), a()];
  assert.equal([b(), b(), b()], xa);
  assert.not.equal([c(), c(), c()], xa);
});

test('values stay in [0, 1)', () => {
  const rng = mulberry32(123);
  for (let i = 0; i < 10000; i++) {
    const x = rng();
    assert.ok(x >= 0 && x < 1);
  }
});

test('deriveSeed matches the FNV-1a reference and separates parts', () => {
  assert.is(deriveSeed(1, 'a', 'b'), 903445891);
  assert.is(deriveSeed(7, 'baseline'), 366243898);
  assert.is.not(deriveSeed(1, 'ab', 'c'), deriveSeed(1, 'a', 'bc'));
});

test('mulberry32 rejects a non-finite seed', () => {
  assert.throws(() => mulberry32(NaN), /finite seed/);
});

test.run();
