import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configExpected, EXPECTED_IMPACT, expectationFor } from '../../analysis/compare/expectations.ts';

test('the seed guide ranges', () => {
  assert.equal([EXPECTED_IMPACT.gateway_cpu_pct.low, EXPECTED_IMPACT.gateway_cpu_pct.high], [-50, -40]);
  assert.equal([EXPECTED_IMPACT.gateway_sys_cpu_pct.low, EXPECTED_IMPACT.gateway_sys_cpu_pct.high], [-70, -60]);
  assert.equal([EXPECTED_IMPACT.gateway_cswch_per_s.low, EXPECTED_IMPACT.gateway_cswch_per_s.high], [-40, -30]);
  assert.equal([EXPECTED_IMPACT.latency_p99_ms.low, EXPECTED_IMPACT.latency_p99_ms.high], [-30, -20]);
  assert.equal([EXPECTED_IMPACT.throughput_rps.low, EXPECTED_IMPACT.throughput_rps.high], [20, 30]);
});

test('confirmed: the CI overlaps the range and excludes 0', () => {
  const e = expectationFor('throughput_rps', { estimate: 25, ci_low: 21, ci_high: 29 })!;
  assert.equal(e, { metric: 'throughput_rps', expected_low_pct: 20, expected_high_pct: 30, assessment: 'confirmed', note: 'guide expects throughput +20..+30%; measured CI overlaps it', source: 'seed' });
  assert.is(expectationFor('gateway_cpu_pct', { estimate: -38, ci_low: -42, ci_high: -35 })!.assessment, 'confirmed');
});

test("a config's own table: its ranges, its claim, and the config named in the note", () => {
  const table = configExpected([{ metric: 'throughput_rps', low_pct: 300, high_pct: 500 }, { metric: 'latency_p99_ms', low_pct: -10, high_pct: 0, claim: 'tail latency' }], () => 'Throughput');
  assert.equal(table, { throughput_rps: { claim: 'Throughput', low: 300, high: 500 }, latency_p99_ms: { claim: 'tail latency', low: -10, high: 0 } });
  assert.equal(expectationFor('throughput_rps', { estimate: 398, ci_low: 389, ci_high: 414 }, table, 'config'), {
    metric: 'throughput_rps', expected_low_pct: 300, expected_high_pct: 500, assessment: 'confirmed', note: 'config expects Throughput +300..+500%; measured CI overlaps it', source: 'config',
  });
  assert.is(expectationFor('gateway_cpu_pct', { estimate: -38, ci_low: -42, ci_high: -35 }, table, 'config'), null);
});

test('contradicted: the CI misses the range (short of it, beyond it, or the wrong way)', () => {
  assert.equal(expectationFor('gateway_cpu_pct', { estimate: -20, ci_low: -25, ci_high: -15 })!.note, 'guide expects gateway CPU -50..-40%; measured CI -25..-15% is short of the expected range');
  assert.equal(expectationFor('gateway_cpu_pct', { estimate: -72, ci_low: -75, ci_high: -69 })!.note, 'guide expects gateway CPU -50..-40%; measured CI -75..-69% is beyond the expected range');
  const wrong = expectationFor('throughput_rps', { estimate: -5, ci_low: -8, ci_high: -2 })!;
  assert.is(wrong.assessment, 'contradicted');
  assert.match(wrong.note, /-8\.\.-2% is in the opposite direction$/);
  assert.match(expectationFor('latency_p99_ms', { estimate: 80, ci_low: -10, ci_high: 1500 })!.note, /-10\.\.\+1500% includes 0 and misses the expected range$/);
});

test('inconclusive: the CI overlaps the range but includes 0, or there is no CI', () => {
  assert.is(expectationFor('latency_p99_ms', { estimate: -10, ci_low: -25, ci_high: 5 })!.assessment, 'inconclusive');
  assert.is(expectationFor('latency_p99_ms', { estimate: -10, ci_low: null, ci_high: null })!.assessment, 'inconclusive');
});

test('metrics the guide says nothing about have no expectation', () => {
  assert.is(expectationFor('gateway_rss_peak_kb', { estimate: 1, ci_low: 0, ci_high: 2 }), null);
});

test.run();
