import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Summary } from '../../analysis/schema.ts';
import { judgeTarget, parseTargets } from '../../analysis/targets.ts';

const defaults = parseTargets(readFileSync('analysis/targets.json', 'utf8'), 'analysis/targets.json');
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

test('a bad targets file is a one-line error naming the file and the place', () => {
  assert.throws(() => parseTargets('{', 't.json'), /^t\.json: not valid JSON/);
  assert.throws(() => parseTargets('{"targets":[{"name":"x","metric":"throughput_rps","op":"=","threshold":1}]}', 't.json'), /t\.json: invalid targets file at targets\.0\.op/);
  assert.throws(() => parseTargets('{"targets":[{"name":"x","metric":"nope","op":"<","threshold":1}]}', 't.json'), /t\.json: targets\.0\.metric: unknown metric "nope"/);
});

test.run();
