import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeAll } from '../../analysis/analyze.ts';
import { expectedProblem, targetsProblem } from '../../analysis/compare/declared-checks.ts';
import { loadInput } from '../../analysis/load/load-inputs.ts';
import { renderComparisonMarkdown } from '../../analysis/report/markdown.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import type { Target } from '../../analysis/compare/targets.ts';

// A real committed run (13 blocks, read only) analyzed as if a --config had declared targets and expected
// changes: the collector records them in the manifest's config, as set here on the loaded copy.
const RUN = 'raw-results/2026-12-06T06-27-06Z-v1.0-vs-v2.0';
const FILE_TARGETS: Target[] = [
  { name: 'throughput', metric: 'throughput_rps', op: '>', threshold: 5000, scope: 'embedded' },
  { name: 'memory', metric: 'gateway_rss_peak_kb', op: '<', threshold: 51200 },
];

async function configRun(declared: Record<string, unknown>) {
  const input = await loadInput(RUN);
  Object.assign(input.manifest!.config, { config_file: 'gw.json', ...declared });
  return analyzeAll([input], DEFAULT_SETTINGS, FILE_TARGETS).analysis;
}

test('checks: a known metric, a name, a compared metric once, low <= high; one line naming the key', () => {
  assert.is(targetsProblem([{ name: 'rps', metric: 'throughput_rps', op: '>', threshold: 1 }]), null);
  assert.is(targetsProblem([{ name: 'rps', metric: 'throughput', op: '>', threshold: 1 }]), 'targets.0.metric: unknown metric "throughput" (metrics starting alike: throughput_rps)');
  assert.is(targetsProblem([{ name: ' ', metric: 'throughput_rps', op: '>', threshold: 1 }], 'config.targets'), 'config.targets.0.name: must not be empty');
  assert.is(expectedProblem([{ metric: 'throughput_rps', low_pct: -25, high_pct: -15 }]), null);
  assert.is(expectedProblem([{ metric: 'throughput_rps', low_pct: 30, high_pct: 20 }]), 'expected.0: low_pct (30) is above high_pct (20)');
  assert.is(expectedProblem([{ metric: 'socket_errors', low_pct: 0, high_pct: 0 }]), 'expected.0.metric: "socket_errors" is not compared between variants, so no change of it can be expected');
  assert.is(
    expectedProblem([{ metric: 'latency_p99_ms', low_pct: -30, high_pct: -20 }, { metric: 'latency_p99_ms', low_pct: -10, high_pct: 0 }]),
    'expected.1.metric: "latency_p99_ms" already has a range (expected.0)',
  );
  assert.is(expectedProblem([{ metric: 'rps', low_pct: 0, high_pct: 1 }]), 'expected.0.metric: unknown metric "rps"');
  assert.is(expectedProblem([{ metric: 'throughput_rps', low_pct: 0, high_pct: 1, claim: '' }]), 'expected.0.claim: must not be empty (leave it out for the metric\'s label)');
});

test("a config run is judged by its own targets and expected changes, never by the seed's", async () => {
  const a = await configRun({
    targets: [
      { name: 'throughput', metric: 'throughput_rps', op: '>', threshold: 60000 },
      { name: 'p99 latency', metric: 'latency_p99_ms', op: '<', threshold: 1 },
    ],
    expected: [
      { metric: 'throughput_rps', low_pct: -25, high_pct: -15 },
      { metric: 'total_cpu_us_per_req', low_pct: -10, high_pct: 0, claim: 'CPU per request' },
    ],
  });
  // the file's `memory` (every run) stays; its embedded-only `throughput` gives way to the config's
  assert.equal(a.targets.map((t) => [t.variant, t.target, t.threshold, t.status]), [
    ['proxy', 'memory', 51200, 'pass'],
    ['proxy', 'throughput', 60000, 'pass'],
    ['proxy', 'p99 latency', 1, 'fail'],
    ['fdpass', 'memory', 51200, 'pass'],
    ['fdpass', 'throughput', 60000, 'pass'],
    ['fdpass', 'p99 latency', 1, 'fail'],
  ]);
  const expected = a.comparisons.filter((c) => c.expected).map((c) => [c.metric, c.verdict, c.expected!.source, c.expected!.assessment, c.expected!.note]);
  assert.equal(expected, [
    ['throughput_rps', 'regressed', 'config', 'confirmed', 'config expects Throughput -25..-15%; measured CI overlaps it'],
    ['total_cpu_us_per_req', 'regressed', 'config', 'contradicted', 'config expects CPU per request -10..0%; measured CI +14.4..+28.5% is in the opposite direction'],
  ]);
  const md = renderComparisonMarkdown(a);
  assert.match(md, /## Expected changes \(from the config\)/);
  assert.not.match(md, /Seed guide/);
});

test('a config run without declarations gets no expectation and only the targets meant for every run', async () => {
  const a = await configRun({});
  assert.equal(a.comparisons.filter((c) => c.expected), []);
  assert.equal([...new Set(a.targets.map((t) => t.target))], ['memory']);
});

test('declarations that fail their checks in a manifest are not applied, and a warning says why', async () => {
  const a = await configRun({ targets: [{ name: 'rps', metric: 'throughput', op: '>', threshold: 1 }], expected: [{ metric: 'throughput_rps', low_pct: 5, high_pct: 1 }] });
  assert.equal(
    a.runs[0].warnings.filter((w) => w.code === 'declaration-invalid').map((w) => w.message),
    [
      'the run\'s declared targets are not applied: config.targets.0.metric: unknown metric "throughput" (metrics starting alike: throughput_rps)',
      "the run's declared expected changes are not applied: config.expected.0: low_pct (5) is above high_pct (1)",
    ],
  );
  assert.equal([...new Set(a.targets.map((t) => t.target))], ['memory']);
  assert.equal(a.comparisons.filter((c) => c.expected), []);
});

test.run();
