import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Summary } from '../../analysis/schema.ts';
import { judgeTarget, parseTargets } from '../../analysis/compare/targets.ts';
import { analyzeRun } from '../../analysis/analyze-run.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRun } from '../../bench/lib/synthetic.ts';

const defaults = parseTargets(readFileSync('analysis/compare/targets.json', 'utf8'), 'analysis/compare/targets.json');
const summary = (estimate: number | null, lo: number | null, hi: number | null): Summary => ({ variant: 'proxy', metric: 'throughput_rps', unit: 'req/s', statistic: 'mean', estimate, ci_low: lo, ci_high: hi, n: 5, cv_pct: 1 });

test('the default targets are the seed plan', () => {
  assert.equal(
    defaults.map((t) => [t.metric, t.op, t.threshold]),
    [
      ['throughput_rps', '>', 5000],
      ['latency_p99_ms', '<', 10],
      ['gateway_rss_peak_kb', '<', 51200],
      ['cpu_pct_at_fixed_rate', '<', 30],
    ],
  );
});

test('judged on the CI: pass, fail, inconclusive, unavailable', () => {
  const t = defaults[0];
  assert.is(judgeTarget('r', t, summary(8000, 7900, 8100), 'proxy').status, 'pass');
  assert.is(judgeTarget('r', t, summary(4000, 3900, 4100), 'proxy').status, 'fail');
  assert.is(judgeTarget('r', t, summary(5100, 4900, 5300), 'proxy').status, 'inconclusive');
  assert.is(judgeTarget('r', t, summary(8000, null, null), 'proxy').status, 'inconclusive');
  assert.is(judgeTarget('r', t, undefined, 'proxy').status, 'unavailable');
  assert.equal(judgeTarget('r', defaults[1], { ...summary(4, 3, 5), metric: 'latency_p99_ms', unit: 'ms' }, 'fdpass'), {
    run: 'r',
    variant: 'fdpass',
    target: 'p99 latency',
    metric: 'latency_p99_ms',
    op: '<',
    threshold: 10,
    unit: 'ms',
    estimate: 4,
    ci_low: 3,
    ci_high: 5,
    status: 'pass',
  });
});

test('a figure of exactly 0 never passes; seed targets are judged on the embedded gateway only', () => {
  const cpu = defaults.find((t) => t.metric === 'cpu_pct_at_fixed_rate')!;
  const zero = { variant: 'direct', metric: 'cpu_pct_at_fixed_rate', unit: '%', statistic: 'mean' as const, estimate: 0, ci_low: 0, ci_high: 0, n: 13, cv_pct: null };
  assert.is(judgeTarget('r', cpu, zero, 'direct').status, 'unavailable');
  assert.ok(defaults.every((t) => t.scope === 'embedded'));
  const embedded = analyzeRun(syntheticRun({ id: 'e', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: 6 }), DEFAULT_SETTINGS, defaults);
  assert.is(embedded.targets.length, 8, '4 targets x 2 variants');
  const input = syntheticRun({ id: 'c', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: 6 });
  (input.manifest!.config as Record<string, unknown>).config_file = 'my.json';
  const own = analyzeRun(input, DEFAULT_SETTINGS, defaults);
  assert.is(own.targets.length, 0);
  assert.ok(own.comparisons.every((c) => c.expected === null), 'no seed expectations on a --config run');
  assert.ok(embedded.comparisons.some((c) => c.expected !== null));
});

test('a bad targets file is a one-line error naming the file and the place', () => {
  assert.throws(() => parseTargets('{', 't.json'), /^t\.json: not valid JSON/);
  assert.throws(() => parseTargets('{"targets":[{"name":"x","metric":"throughput_rps","op":"=","threshold":1}]}', 't.json'), /t\.json: invalid targets file at targets\.0\.op/);
  assert.throws(() => parseTargets('{"targets":[{"name":"x","metric":"nope","op":"<","threshold":1}]}', 't.json'), /t\.json: targets\.0\.metric: unknown metric "nope"/);
});

test.run();
