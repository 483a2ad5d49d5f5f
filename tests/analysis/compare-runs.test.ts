import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeRun } from '../../analysis/analyze-run.ts';
import { compareRuns, compareVariants } from '../../analysis/compare/compare-runs.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRun } from '../../bench/lib/synthetic.ts';
import { twoSampleLogRatio } from '../../analysis/stats/two-sample-log-ratio.ts';

// SYNTHETIC runs (bench/lib/synthetic.ts).
const run = (id: string, seed: number, extra = {}) => analyzeRun(syntheticRun({ id, created_at: '2026-01-01T00:00:00Z', seed, repetitions: 5, ...extra }), DEFAULT_SETTINGS, []);

test('two runs on the same machine: each common variant of B against A', () => {
  const cs = compareRuns(run('a', 1), run('b', 2, { effects: { proxy: { rps: 1.15 } } }), DEFAULT_SETTINGS);
  const thr = cs.filter((c) => c.metric === 'throughput_rps');
  assert.equal(thr.map((c) => [c.baseline.variant, c.baseline.run, c.candidate.run, c.verdict]), [
    ['proxy', 'a', 'b', 'improved'],
    ['fdpass', 'a', 'b', 'no significant difference'],
  ]);
});

test('across runs the design is two-sample: Hodges-Lehmann ratio, Mann-Whitney interval and rank-sum p of the repetitions', () => {
  const a = run('a', 1);
  const b = run('b', 2, { effects: { proxy: { rps: 1.15 } } });
  const thr = compareRuns(a, b, DEFAULT_SETTINGS, 'proxy').find((c) => c.metric === 'throughput_rps')!;
  const values = (x: typeof a) => x.run.repetitions.filter((r) => r.variant === 'proxy').map((r) => r.metrics.throughput_rps as number);
  const want = twoSampleLogRatio(values(a), values(b));
  assert.is(thr.design, 'two-sample');
  assert.is(thr.change_pct.estimate, (want.ratio! - 1) * 100);
  assert.is(thr.change_pct.ci_low, (want.ci_low! - 1) * 100);
  assert.is(thr.change_pct.ci_high, (want.ci_high! - 1) * 100);
  assert.is(thr.p_value, 2 / 252); // every one of B's 5 repetitions above every one of A's
  assert.is(thr.ci_level, 1 - 8 / 252); // 5 and 5 values: P(U <= 2) = 4/252
  assert.ok(thr.change_pct.ci_low! > 5 && thr.change_pct.ci_high! < 25, JSON.stringify(thr.change_pct));
});

test('comparing a run with itself: ratio 1, no difference', () => {
  const a = run('a', 1);
  const thr = compareRuns(a, a, DEFAULT_SETTINGS, 'proxy').find((c) => c.metric === 'throughput_rps')!;
  assert.is(thr.change_pct.estimate, 0);
  assert.ok(thr.change_pct.ci_low! < 0 && thr.change_pct.ci_high! > 0, JSON.stringify(thr.change_pct));
  assert.is(thr.verdict, 'no significant difference');
});

test('one side without data: the reason names the run that lacks it', () => {
  const a = run('a', 1);
  const b = run('b', 2);
  for (const r of b.run.repetitions) if (r.variant === 'proxy') r.metrics.throughput_rps = null;
  const thr = compareRuns(a, b, DEFAULT_SETTINGS, 'proxy').find((c) => c.metric === 'throughput_rps')!;
  assert.is(thr.verdict, 'invalid');
  assert.is(thr.reason, 'no values of throughput_rps for proxy in run b');
});

test('different machines: every verdict invalid', () => {
  const cs = compareRuns(run('a', 1), run('b', 2, { fingerprint: 'elsewhere' }), DEFAULT_SETTINGS);
  assert.ok(cs.length > 0);
  assert.ok(cs.every((c) => c.verdict === 'invalid' && c.warnings.some((w) => w.code === 'machine-mismatch')));
});

test('two variants of one run, either order: paired by block, as the run\'s own analysis', () => {
  const a = run('a', 3, { effects: { fdpass: { rps: 1.2 } }, repetitions: 10 });
  const fwd = compareVariants(a, 'proxy', 'fdpass', DEFAULT_SETTINGS).find((c) => c.metric === 'throughput_rps')!;
  assert.equal([fwd.verdict, fwd.design, fwd.blocks], ['improved', 'paired', { used: 10, total: 10 }]);
  assert.equal(fwd.change_pct, a.comparisons.find((c) => c.metric === 'throughput_rps')!.change_pct);
  assert.is(compareVariants(a, 'fdpass', 'proxy', DEFAULT_SETTINGS).find((c) => c.metric === 'throughput_rps')!.verdict, 'regressed');
  // 5 blocks: too few for a paired verdict
  const few = compareVariants(run('b', 3, { effects: { fdpass: { rps: 1.2 } } }), 'proxy', 'fdpass', DEFAULT_SETTINGS).find((c) => c.metric === 'throughput_rps')!;
  assert.is(few.verdict, 'invalid');
});

test.run();
