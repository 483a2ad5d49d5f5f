import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeAll } from '../../../analysis/analyze.ts';
import { loadInput } from '../../../analysis/load/load-inputs.ts';
import { breakEvenText, bandText } from '../../../analysis/report/break-even-text.ts';
import { renderConsole } from '../../../analysis/report/console.ts';
import { csvRowsOfRun } from '../../../analysis/report/csv.ts';
import { latestSweep, reportedRun } from '../../../analysis/report/select.ts';
import { renderSweepMarkdown } from '../../../analysis/report/sweep-markdown.ts';
import { reportFiles } from '../../../analysis/report/report-files.ts';
import type { BreakEven } from '../../../analysis/schema.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import { syntheticRun } from '../../../bench/lib/synthetic.ts';
import { syntheticSweep } from '../synthetic-sweep.ts';

// SYNTHETIC runs (tests/analysis/synthetic-sweep.ts, bench/lib/synthetic.ts): structure and arithmetic, not measurements
const plain = () => syntheticRun({ id: '2026-11-30T00-00-00Z-plain', created_at: '2026-11-30T00:00:00Z', seed: 3, repetitions: 6 });
const sweep = () => syntheticSweep({ id: '2026-12-01T00-00-00Z-sweep', created_at: '2026-12-01T00:00:00Z' });

const crossed: BreakEven = {
  metric: 'total_cpu_us_per_req',
  status: 'crossed',
  size_bytes: 11585,
  interval: { low_bytes: 7782, high_bytes: 15360 },
  bracket: { below_bytes: 4096, above_bytes: 16384 },
  candidate_better: 'above',
  crossings_bytes: [11585],
  range: { from_bytes: 16, to_bytes: 1048576 },
  invalid_sizes_bytes: [],
};

test('breakEvenText: crossed, with the bracket and the band', () => {
  assert.is(breakEvenText(crossed, 'v2.0'), 'about 11 KiB (between 4 KiB and 16 KiB; 95% band 7.6 KiB to 15 KiB): v2.0 is better above it');
  assert.is(breakEvenText({ ...crossed, interval: null, candidate_better: 'below' }, 'v2.0'), 'about 11 KiB (between 4 KiB and 16 KiB; 95% band unknown (a CI is missing)): v2.0 is better below it');
  assert.is(
    breakEvenText({ ...crossed, crossings_bytes: [300, 11585] }, 'v2.0'),
    'about 11 KiB (between 4 KiB and 16 KiB; 95% band 7.6 KiB to 15 KiB): v2.0 is better above it; the estimate changes sign 2 times (at about 300 B, 11 KiB), the last is given',
  );
});

test('breakEvenText: not reached, and no data', () => {
  const notReached: BreakEven = { ...crossed, status: 'not-reached', size_bytes: null, interval: null, bracket: null, candidate_better: 'everywhere', crossings_bytes: [] };
  assert.is(breakEvenText(notReached, 'v2.0'), 'not reached in 16 B to 1 MiB: v2.0 is better at every size');
  assert.is(
    breakEvenText({ ...notReached, candidate_better: 'nowhere', interval: { low_bytes: 400000, high_bytes: null } }, 'v2.0'),
    'not reached in 16 B to 1 MiB: v2.0 is worse at every size; the 95% band contains zero from 390 KiB to beyond 1 MiB, so it may lie there',
  );
  assert.is(breakEvenText({ ...notReached, status: 'no-data', range: null }, 'v2.0'), 'no data: fewer than two sizes have a change');
  assert.is(bandText({ low_bytes: null, high_bytes: 900 }, { from_bytes: 16, to_bytes: 1048576 }), 'below 16 B to 900 B');
});

test('the plain reports stay about the latest plain run; the sweep has its own', () => {
  const { analysis } = analyzeAll([plain(), sweep()], DEFAULT_SETTINGS, []);
  assert.is(reportedRun(analysis)!.id, '2026-11-30T00-00-00Z-plain');
  assert.is(latestSweep(analysis)!.id, '2026-12-01T00-00-00Z-sweep');
  assert.equal(reportFiles(analysis).map((f) => f.name), ['v1.0_baseline.md', 'v2.0_comparison.md', 'sweep.md', 'analysis.json', 'metrics.csv']);
  const onlyPlain = analyzeAll([plain()], DEFAULT_SETTINGS, []).analysis;
  assert.is(renderSweepMarkdown(onlyPlain), null);
  assert.ok(!reportFiles(onlyPlain).some((f) => f.name === 'sweep.md'));
});

test('sweep.md: the break-even per metric, the change at every size, each variant by size', () => {
  const md = renderSweepMarkdown(analyzeAll([sweep()], DEFAULT_SETTINGS, []).analysis)!;
  assert.ok(md.startsWith('# Where does v2.0 pay? v2.0 (fdpass) vs v1.0 (proxy) by response size\n'), md.slice(0, 120));
  assert.match(md, /- Sweep: 4 sizes \(1 KiB, 4 KiB, 16 KiB, 64 KiB\); in every block each size once/);
  assert.match(md, /\| Total CPU per request \(`total_cpu_us_per_req`, lower is better\) \| about 5\.7 KiB \(between 4 KiB and 16 KiB; 95% band 4\.9 KiB to 6\.5 KiB\): v2\.0 is better above it \| none \|/);
  assert.match(md, /\| Gateway CPU per request \(`gateway_cpu_us_per_req`, lower is better\) \| not reached in 1 KiB to 64 KiB: v2\.0 is better at every size \| none \|/);
  assert.match(md, /\| 1 KiB \| -16\.7% \[-18\.3, -15\.0\] \*\*regressed\*\* \| \+20\.0% \[\+17\.6, \+22\.4\] \*\*regressed\*\* \|/);
  assert.match(md, /\| 64 KiB \| \+66\.7% \[\+63\.4, \+70\.0\] \*\*improved\*\* \| -40\.0% \[-41\.2, -38\.8\] \*\*improved\*\* \|/);
  assert.match(md, /\| Size \| Total CPU per request, v1\.0 \| Total CPU per request, v2\.0 \| Gateway CPU per request, v1\.0 \|/);
  assert.match(md, /## Notes by size\n\nNo gates or warnings at any size\./);
});

test('metrics.csv names the size of every sweep trial (and leaves it empty for other runs)', () => {
  const { analysis } = analyzeAll([plain(), sweep()], DEFAULT_SETTINGS, []);
  const sweepRows = csvRowsOfRun(analysis.runs[1], analysis.metrics).split('\n');
  assert.is(sweepRows.find((r) => r.includes(',throughput_rps,')), '2026-12-01T00-00-00Z-sweep,2026-12-01T00:00:00Z,synthetic,proxy,v1.0,1,complete,throughput_rps,req/s,20000,1024');
  assert.match(csvRowsOfRun(analysis.runs[0], analysis.metrics).split('\n')[0], /^2026-11-30T00-00-00Z-plain,.*,throughput_rps,req\/s,[0-9.]+,$/);
});

test('the console ends with the latest sweep\'s break-even lines; with only sweeps it says so', () => {
  const text = renderConsole(analyzeAll([plain(), sweep()], DEFAULT_SETTINGS, []).analysis);
  assert.match(text, /\nSweep 2026-12-01T00-00-00Z-sweep \(complete\): where v2\.0 pays, break-even per metric \(reports\/sweep\.md has every size\)\n  Throughput {28}about 5\.4 KiB \(between 4 KiB and 16 KiB; /);
  assert.match(text, /^Run 2026-11-30T00-00-00Z-plain /m);
  const only = renderConsole(analyzeAll([sweep()], DEFAULT_SETTINGS, []).analysis);
  assert.match(only, /^=== BENCHMARK RESULTS ===\nNo run of one load yet \(only sweeps\)\.\n\nSweep 2026-12-01T00-00-00Z-sweep/);
});

test('a real sweep of three variants: sweep.md and the console give each candidate its break-evens and changes', async () => {
  const { analysis } = analyzeAll([await loadInput('raw-results/2026-12-06T09-44-04Z-sweep-v1.0-vs-v2.0')], DEFAULT_SETTINGS, []);
  const md = renderSweepMarkdown(analysis)!;
  assert.ok(md.startsWith('# Where does v2.0 pay? v2.0 (fdpass), v2.1 (fdpass-conn) vs v1.0 (proxy) by response size\n'), md.slice(0, 120));
  assert.match(md, /\n\| Candidate \| Metric \| Break-even \| Invalid sizes \|\n/);
  assert.match(md, /\n\| v2\.0 \| Total CPU per request \(`total_cpu_us_per_req`, lower is better\) \| about 11 KiB \(between 4 KiB and 16 KiB; 95% band 6 KiB to 18 KiB\): v2\.0 is better above it \| 16 KiB, 64 KiB, 256 KiB, 1 MiB \|\n/);
  assert.match(md, /\n\| v2\.1 \| Total CPU per request \(`total_cpu_us_per_req`, lower is better\) \| not reached in 16 B to 1 MiB: v2\.1 is better at every size \| 16 B, 1 KiB, 4 KiB, 16 KiB, 64 KiB, 256 KiB, 1 MiB \|\n/);
  assert.match(md, /\n### v2\.0 \(fdpass\)\n\nChange = \(v2\.0 - v1\.0\) \/ v1\.0/);
  assert.match(md, /\n### v2\.1 \(fdpass-conn\)\n\nChange = \(v2\.1 - v1\.0\) \/ v1\.0/);
  // no fixed-rate phase in that run: no rate line, no headline sentence
  assert.not.match(md, /Fixed rate \(open loop\) per size|Headline CPU figure/);
  const text = renderConsole(analysis);
  assert.match(text, /\nSweep 2026-12-06T09-44-04Z-sweep-v1\.0-vs-v2\.0 \(complete\): where v2\.0, v2\.1 pay, break-even per metric \(reports\/sweep\.md has every size\)\n {2}v2\.0 vs v1\.0:\n/);
  assert.match(text, /\n {2}v2\.1 vs v1\.0:\n(.*\n)? {2}Total CPU per request {17}not reached in 16 B to 1 MiB: v2\.1 is better at every size\n/);
});

test('a real sweep with the fixed-rate phase: sweep.md says each size\'s rate and leads with CPU per request at that rate', async () => {
  const { analysis } = analyzeAll([await loadInput('tests/fixtures/analysis/sweeps/2026-12-06T11-05-27Z-fixture-sweep')], DEFAULT_SETTINGS, []);
  const md = renderSweepMarkdown(analysis)!;
  assert.match(md, /\n- Fixed rate \(open loop\) per size: 16 B 1,000 req\/s, 64 KiB 256 req\/s, 1 MiB 16 req\/s\n- Headline CPU figure: total CPU per request at the fixed rate/);
  assert.match(md, /\n\| Metric \| Break-even \| Invalid sizes \|\n\|---\|---\|---\|\n\| Total CPU per request at fixed rate \(`total_cpu_us_per_req_at_fixed_rate`, lower is better\) \| about 170 B \(between 16 B and 64 KiB;/);
  assert.match(md, /\n\| 1 MiB \| -90\.8% \[-92\.7, -89\.4\] \*\*improved\*\* \| -85\.3% \[-88\.2, -80\.0\] \*\*improved\*\* \|/);
  assert.match(md, /\n\| Size \| Total CPU per request at fixed rate, v1\.0 \| Total CPU per request at fixed rate, v2\.0 \| Gateway CPU per request at fixed rate, v1\.0 \|/);
});

test.run();
