import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { analyzeAll } from '../../analysis/analyze.ts';
import { ANALYSIS_SCHEMA_VERSION, Analysis, migrateAnalysis } from '../../analysis/schema.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { fixtureInput } from './fixture.ts';

test('the analysis of the real fixture run validates against the schema and keeps the JSON contract', async () => {
  const { analysis } = analyzeAll([await fixtureInput()], DEFAULT_SETTINGS, []);
  const json = JSON.parse(JSON.stringify(analysis));
  const parsed = Analysis.parse(json);
  assert.is(parsed.schema_version, ANALYSIS_SCHEMA_VERSION);
  const run = parsed.runs[0];
  for (const k of ['id', 'label', 'status', 'machine', 'warnings']) assert.ok(k in run, k);
  const c = parsed.comparisons[0];
  for (const k of ['run', 'metric', 'unit', 'baseline', 'candidate', 'change_pct', 'p_value', 'verdict', 'warnings']) assert.ok(k in c, k);
  for (const k of ['variant', 'estimate', 'ci_low', 'ci_high', 'n']) assert.ok(k in c.baseline, k);
  for (const k of ['estimate', 'ci_low', 'ci_high']) assert.ok(k in c.change_pct, k);
  const names = new Set(parsed.comparisons.map((x) => x.metric));
  for (const m of ['throughput_rps', 'latency_p99_ms', 'gateway_cpu_pct', 'gateway_sys_cpu_pct', 'gateway_cswch_per_s', 'gateway_cpu_us_per_req', 'total_cpu_us_per_req', 'gateway_rss_peak_kb', 'cpu_pct_at_fixed_rate']) {
    assert.ok(names.has(m), m);
  }
  // chart data: per-repetition values and pidstat series
  assert.is(run.repetitions.length, 6);
  assert.ok(run.repetitions[0].series.length > 0);
  assert.is(typeof run.repetitions[0].metrics.throughput_rps, 'number');
});

test('bit-for-bit reproducible: same inputs and seed, same JSON; another seed, other CIs', async () => {
  const input = await fixtureInput();
  const a = JSON.stringify(analyzeAll([input], DEFAULT_SETTINGS, []).analysis);
  const b = JSON.stringify(analyzeAll([input], DEFAULT_SETTINGS, []).analysis);
  assert.is(a, b);
  const c = JSON.stringify(analyzeAll([input], { ...DEFAULT_SETTINGS, seed: 99 }, []).analysis);
  assert.is.not(a, c);
});

test('migrateAnalysis: a version 1 file (history keyed by fingerprint) becomes one timeline named by its hostname', () => {
  const v1 = JSON.parse(readFileSync('tests/fixtures/analysis/v1/analysis.json', 'utf8'));
  assert.is(v1.schema_version, 1);
  const v2 = migrateAnalysis(v1);
  assert.is(v2.schema_version, 2);
  assert.equal(v2.history.groups.map((g) => [g.name, g.runs, g.events, (g as Record<string, unknown>).fingerprint]), [['vm', ['2026-11-22T19-15-00Z-nginx'], [], undefined]]);
  assert.equal(v2.latest, { vm: '2026-11-22T19-15-00Z-nginx' });
  assert.is(v2.runs[0].machine!.name, 'vm');
  assert.is(v2.runs[0].machine!.fingerprint, 'ac2dc88007342e9a');
  assert.equal(v2.history.groups[0].series, v1.history.groups[0].series);
  assert.equal(v2.comparisons, v1.comparisons);
});

test('migrateAnalysis: accepts the current version, refuses future and malformed ones', async () => {
  const { analysis } = analyzeAll([await fixtureInput()], DEFAULT_SETTINGS, []);
  assert.is(migrateAnalysis(JSON.parse(JSON.stringify(analysis))).runs.length, 1);
  assert.throws(() => migrateAnalysis({ schema_version: 99 }), /analysis schema_version 99 is newer than this gatebench \(2\)/);
  assert.throws(() => migrateAnalysis({}), /no numeric schema_version/);
  assert.throws(() => migrateAnalysis('x'), /not a JSON object/);
  assert.throws(() => migrateAnalysis({ ...JSON.parse(JSON.stringify(analysis)), runs: 3 }), /analysis invalid at runs/);
});

test.run();
