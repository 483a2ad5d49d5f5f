import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { verdictOf } from '../../analysis/compare/verdict.ts';

test('CI entirely on the better side: improved; on the worse side: regressed', () => {
  assert.equal(verdictOf({ estimate: -12, ci_low: -15, ci_high: -9 }, 'lower', 1, []), { verdict: 'improved', reason: null });
  assert.equal(verdictOf({ estimate: -12, ci_low: -15, ci_high: -9 }, 'higher', 1, []), { verdict: 'regressed', reason: null });
  assert.equal(verdictOf({ estimate: 8, ci_low: 2, ci_high: 14 }, 'higher', 1, []), { verdict: 'improved', reason: null });
  assert.equal(verdictOf({ estimate: 8, ci_low: 2, ci_high: 14 }, 'lower', 1, []), { verdict: 'regressed', reason: null });
});

test('CI including 0, or |change| under the noise threshold: no significant difference', () => {
  assert.is(verdictOf({ estimate: 3, ci_low: -1, ci_high: 7 }, 'higher', 1, []).verdict, 'no significant difference');
  assert.is(verdictOf({ estimate: 0.6, ci_low: 0.2, ci_high: 0.9 }, 'higher', 1, []).verdict, 'no significant difference');
  assert.is(verdictOf({ estimate: 0.6, ci_low: 0.2, ci_high: 0.9 }, 'higher', 0.5, []).verdict, 'improved');
  assert.is(verdictOf({ estimate: 5, ci_low: 0, ci_high: 9 }, 'higher', 1, []).verdict, 'no significant difference');
});

test('a gate makes it invalid, with every reason', () => {
  const v = verdictOf({ estimate: -12, ci_low: -15, ci_high: -9 }, 'lower', 1, [{ code: 'aa-run' }, { code: 'baseline-zero', metric: 'x' }]);
  assert.is(v.verdict, 'invalid');
  assert.is(v.reason, 'A/A run: both sides run the same variant, every verdict should be "no significant difference"; the baseline estimate of x is 0: a relative change is undefined');
});

test('no estimate or no CI: invalid', () => {
  assert.equal(verdictOf({ estimate: null, ci_low: null, ci_high: null }, 'lower', 1, []), { verdict: 'invalid', reason: 'no estimate of the change' });
  assert.equal(verdictOf({ estimate: 4, ci_low: null, ci_high: null }, 'lower', 1, []), { verdict: 'invalid', reason: 'no confidence interval for the change' });
});

test.run();
