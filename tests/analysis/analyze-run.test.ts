import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeRun, REQUIRED_METRICS } from '../../analysis/analyze-run.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRun } from '../../bench/lib/synthetic.ts';
import { fixtureInput } from './fixture.ts';

// Calibration on SYNTHETIC data (bench/lib/synthetic.ts: seeded draws, 2% noise between repetitions, in memory
// only): an A/A comparison must say "no significant difference" for at least 95% of metrics, and a known
// 10% effect must be detected in the right direction. Variants of one run are compared block by block.

test('A/A: at least 95% of comparisons are "no significant difference" (20 runs x 10 blocks)', () => {
  let total = 0;
  let nsd = 0;
  for (let i = 0; i < 20; i++) {
    const a = analyzeRun(syntheticRun({ id: `aa-${i}`, created_at: '2026-01-01T00:00:00Z', seed: 1000 + i, repetitions: 10 }), DEFAULT_SETTINGS, []);
    for (const c of a.comparisons) {
      assert.is(c.design, 'paired');
      total++;
      if (c.verdict === 'no significant difference') nsd++;
    }
  }
  assert.ok(total >= 20 * 30, `only ${total} comparisons`);
  assert.ok(nsd / total >= 0.95, `${nsd}/${total} = ${((100 * nsd) / total).toFixed(1)}% no significant difference`);
});

test('a known 10% effect is detected with the right sign and the CI covers it (10 seeds)', () => {
  let hits = 0;
  let covered = 0;
  for (let i = 0; i < 10; i++) {
    const a = analyzeRun(
      syntheticRun({ id: `effect-${i}`, created_at: '2026-01-01T00:00:00Z', seed: 2000 + i, repetitions: 10, effects: { fdpass: { rps: 1.1, gw_sys: 0.9 } } }),
      DEFAULT_SETTINGS,
      [],
    );
    const thr = a.comparisons.find((c) => c.metric === 'throughput_rps')!;
    const sys = a.comparisons.find((c) => c.metric === 'gateway_sys_cpu_pct')!;
    if (thr.verdict === 'improved' && sys.verdict === 'improved') hits++;
    if (thr.change_pct.ci_low! <= 10 && 10 <= thr.change_pct.ci_high! && sys.change_pct.ci_low! <= -10 && -10 <= sys.change_pct.ci_high!) covered++;
  }
  assert.ok(hits >= 9, `detected in ${hits}/10`);
  assert.ok(covered >= 9, `covered in ${covered}/10`);
});

test('a 10% throughput loss is "regressed"', () => {
  const a = analyzeRun(syntheticRun({ id: 'loss', created_at: '2026-01-01T00:00:00Z', seed: 7, repetitions: 10, effects: { fdpass: { rps: 0.9 } } }), DEFAULT_SETTINGS, []);
  const thr = a.comparisons.find((c) => c.metric === 'throughput_rps')!;
  assert.is(thr.verdict, 'regressed');
  assert.equal(thr.blocks, { used: 10, total: 10 });
  // 10 blocks: the signed-rank interval's level is 0.9512 and the exact sign-flip p is a multiple of 2/1024
  assert.is(Math.round(thr.ci_level! * 10000), 9512);
  assert.ok(Math.abs(thr.p_value! * 512 - Math.round(thr.p_value! * 512)) < 1e-9);
  assert.is(thr.p_value, 2 / 1024);
});

test('same inputs and seed: identical analysis', () => {
  const spec = { id: 'same', created_at: '2026-01-01T00:00:00Z', seed: 3, repetitions: 5 };
  assert.equal(JSON.stringify(analyzeRun(syntheticRun(spec), DEFAULT_SETTINGS, []).comparisons), JSON.stringify(analyzeRun(syntheticRun(spec), DEFAULT_SETTINGS, []).comparisons));
});

test('the real fixture run: every required metric is compared, with CI and verdict where data exist', async () => {
  const a = analyzeRun(await fixtureInput(), DEFAULT_SETTINGS, []);
  for (const m of REQUIRED_METRICS) assert.ok(a.comparisons.some((c) => c.metric === m), m);
  const thr = a.comparisons.find((c) => c.metric === 'throughput_rps')!;
  assert.equal([thr.baseline.variant, thr.baseline.n, thr.candidate.variant, thr.candidate.n], ['proxy', 3, 'direct', 3]);
  // proxy: 7934.38, 4876.00, 5783.74 req/s (wrk); the mean; its CV of 25% is a note under pairing
  assert.ok(Math.abs(thr.baseline.estimate! - (7934.38 + 4876.0 + 5783.74) / 3) < 1e-9);
  assert.is(thr.design, 'paired');
  assert.equal(thr.blocks, { used: 3, total: 3 });
  assert.ok(thr.warnings.some((w) => w.code === 'variant-cv' && w.variant === 'proxy' && w.severity === 'note'));
  // 3 blocks are too few for a 95% paired interval: invalid, with the widest interval at its own level (0.75)
  assert.is(thr.verdict, 'invalid');
  assert.ok(thr.warnings.some((w) => w.code === 'too-few-blocks' && w.blocks === 3 && w.min_blocks === 6));
  assert.is(thr.ci_level, 0.75);
  // exact sign-flip test over 3 blocks: p is a multiple of 1/8
  assert.ok(Math.abs(thr.p_value! * 8 - Math.round(thr.p_value! * 8)) < 1e-9);
  const rss = a.comparisons.find((c) => c.metric === 'gateway_rss_peak_kb')!;
  assert.ok(rss.change_pct.estimate! < -2 && rss.change_pct.estimate! > -5, `${rss.change_pct.estimate}`); // 7308-7340 kB vs 7004-7140 kB
  assert.is(rss.expected, null, 'no expectation is assessed beside an invalid verdict');
  assert.equal(a.run.variants, [
    { name: 'proxy', label: 'v1.0' },
    { name: 'direct', label: 'v2.0' },
  ]);
  assert.equal(a.run.open_loop.map((o) => [o.variant, o.count]), [
    ['proxy', 18000],
    ['direct', 18000],
  ]);
});

test('a run without a manifest is reported with status error and its reason', () => {
  const a = analyzeRun({ id: 'broken', manifest: null, error: { file: 'raw-results/broken/manifest.json', line: null, reason: 'not valid JSON' }, files: new Map() }, DEFAULT_SETTINGS, []);
  assert.is(a.run.status, 'error');
  assert.equal(a.run.error, { file: 'raw-results/broken/manifest.json', line: null, reason: 'not valid JSON' });
  assert.is(a.run.warnings[0].code, 'run-load-error');
  assert.is(a.comparisons.length, 0);
});

test.run();
