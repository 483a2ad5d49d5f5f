/**
 * The "Where does v2.0 pay?" page, built for real (Vega renders every chart to SVG) from the analysis of two
 * SYNTHETIC sweep runs and one synthetic plain run made in the test (tests/analysis/synthetic-sweep.ts,
 * bench/lib/synthetic.ts): structure, links and numbers, not measurements. Their manifests are written to a
 * temporary runs folder so run pages show their plans.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeAll } from '../../analysis/analyze.ts';
import type { RunInput } from '../../analysis/load/inputs.ts';
import { loadInput } from '../../analysis/load/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRun } from '../../bench/lib/synthetic.ts';
import { buildSite } from '../../site/build.ts';
import { resolveRequest } from '../../site/static-server.ts';
import { SWEEP_LEVELS, syntheticSweep } from '../analysis/synthetic-sweep.ts';

const BASE = '/gb/';
const PLAIN = '2026-11-30T00-00-00Z-v1.0-vs-v2.0';
const OLD_SWEEP = '2026-12-01T00-00-00Z-sweep-v1.0-vs-v2.0';
const SWEEP = '2026-12-02T00-00-00Z-sweep-v1.0-vs-v2.0';
const root = mkdtempSync(join(tmpdir(), 'gb-sweep-site-'));
const page = (p: string) => readFileSync(join(root, 'out', p), 'utf8');

async function build(inputs: RunInput[], name: string): Promise<string> {
  const runs = join(root, `${name}-runs`);
  for (const i of inputs) {
    mkdirSync(join(runs, i.id), { recursive: true });
    writeFileSync(join(runs, i.id, 'manifest.json'), JSON.stringify(i.manifest));
  }
  const out = join(root, name);
  // the site reads the analysis that `analyze` writes: here, the synthetic runs' analysis written the same way
  const analysisFile = join(root, `${name}-reports`, 'analysis.json');
  mkdirSync(join(root, `${name}-reports`), { recursive: true });
  writeFileSync(analysisFile, JSON.stringify(analyzeAll(inputs, DEFAULT_SETTINGS, []).analysis));
  await buildSite({ base: BASE, runsDir: runs, outDir: out, analysisFile, cacheDir: null, quiet: true });
  return out;
}

test.before(async () => {
  const plain = syntheticRun({ id: PLAIN, created_at: '2026-11-30T00:00:00Z', seed: 3, repetitions: 6 });
  // the older sweep: fdpass's extra cost at small sizes was larger (a later break-even)
  const older = syntheticSweep({ id: OLD_SWEEP, created_at: '2026-12-01T00:00:00Z', levels: SWEEP_LEVELS.map((l) => ({ ...l, cpu_ratio: l.size_bytes === 16384 ? 0.95 : l.cpu_ratio })) });
  await build([plain, older, syntheticSweep({ id: SWEEP, created_at: '2026-12-02T00:00:00Z' })], 'out');
});
test.after(() => rmSync(root, { recursive: true, force: true }));

test('the sweep page: the question, the break-even per metric from the latest sweep, every chart drawn as SVG', () => {
  const html = page('sweep/index.html');
  assert.match(html, /<h1>Where does v2\.0 pay\?<\/h1>/);
  assert.match(html, /Sweep of 4 sizes from 1 KiB to 64 KiB, 6 blocks: <a href="\/gb\/runs\/2026-12-02T00-00-00Z-sweep-v1\.0-vs-v2\.0\/">/);
  assert.match(html, /<th scope="row"><a href="#chart-sweep-total_cpu_us_per_req">Total CPU per request<\/a><\/th><td><strong>about 5\.7 KiB \(between 4 KiB and 16 KiB; 95% band 4\.9 KiB to 6\.5 KiB\): v2\.0 is better above it<\/strong><\/td>/);
  assert.match(html, /<td>not reached in 1 KiB to 64 KiB: v2\.0 is better at every size<\/td>/);
  // five metrics' change charts, the cost curves, the break-even over the two sweeps
  const figures = html.match(/<figure class="chart"/g) ?? [];
  assert.is(figures.length, 7);
  assert.is((html.match(/<div class="chart-body"><svg /g) ?? []).length, 7);
  for (const id of ['sweep-throughput_rps', 'sweep-total_cpu_us_per_req', 'sweep-gateway_cpu_us_per_req', 'sweep-latency_p99_ms', 'sweep-gateway_rss_peak_kb', 'sweep-cost', 'sweep-history']) assert.ok(html.includes(`id="chart-${id}"`), id);
  // the log size axis is labelled in bytes, the break-even is marked
  assert.ok(html.includes('>16 KiB</text>') && html.includes('>64 KiB</text>'), 'size ticks');
  assert.ok(html.includes('break-even ≈ 5.7 KiB'), 'the break-even label in the SVG');
  assert.match(html, /Other sweep runs on this machine: <a href="\/gb\/runs\/2026-12-01T00-00-00Z-sweep-v1\.0-vs-v2\.0\/">/);
  assert.not.match(html, /NaN|undefined|\[object Object\]/);
});

test('the cost chart\'s table: each variant\'s CPU per request, total and gateway, at each size', () => {
  const html = page('sweep/index.html');
  // proxy at 1 KiB: 1e6 / (20000 x speed), mean over the six blocks' speeds
  assert.match(html, /<tr><td>1 KiB<\/td><td>v1\.0<\/td><td>total<\/td><td>50\.2 µs \[\d+\.\d, \d+\.\d\]<\/td><\/tr>/);
  assert.match(html, /<tr><td>64 KiB<\/td><td>v2\.0<\/td><td>gateway process<\/td><td>40\.2 µs \[\d+\.\d, \d+\.\d\]<\/td><\/tr>/);
});

test('linked from the overview and from run pages; a sweep run\'s page holds its own sweep section', () => {
  assert.match(page('index.html'), /<a class="button" href="\/gb\/sweep\/">Where does v2\.0 pay\?<\/a>/);
  assert.match(page(`runs/${PLAIN}/index.html`), /<a class="button ghost" href="\/gb\/sweep\/">Where does v2\.0 pay\?<\/a>/);
  const older = page(`runs/${OLD_SWEEP}/index.html`);
  assert.match(older, /<h2>Break-even by metric<\/h2>/);
  assert.ok(older.includes('id="chart-sweep-cost"'));
  assert.not.match(older, /<h2>Verdicts:/);
  assert.match(older, /<td>v2\.0 at 16 KiB<\/td>|v2\.0 at 16 KiB/);
  // the headline of the overview stays the plain run, and so does the methodology page's configuration
  assert.match(page('index.html'), new RegExp(`latest of \\d+ runs: <a href="/gb/runs/${PLAIN}/">`));
  assert.match(page('methodology/index.html'), /\bhello\b/);
  assert.not.match(page('methodology/index.html'), /payload/);
});

test('every link of the sweep page and the run pages resolves under the prefix', () => {
  for (const p of ['sweep/index.html', 'index.html', `runs/${SWEEP}/index.html`]) {
    for (const m of page(p).matchAll(/\s(?:href|src)="((?!data:)[^"#]+)"/g)) {
      const file = resolveRequest(join(root, 'out'), BASE, m[1].replace(/&amp;/g, '&'));
      assert.ok(file && existsSync(file) && statSync(file).isFile(), `${p}: ${m[1]}`);
    }
  }
});

test('only sweeps: the overview links to the sweep page and says there is no run of one load yet', async () => {
  const out = await build([syntheticSweep({ id: SWEEP, created_at: '2026-12-02T00:00:00Z' })], 'sweep-only');
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  assert.match(index, /<a class="button" href="\/gb\/sweep\/">Where does v2\.0 pay\?<\/a>/);
  assert.match(index, /<h2>No run of one load yet<\/h2>/);
  assert.not.match(index, /none of them loadable/);
  assert.ok(existsSync(join(out, 'sweep/index.html')));
});

test('without a sweep run: no sweep page and no link to one', async () => {
  const out = await build([syntheticRun({ id: PLAIN, created_at: '2026-11-30T00:00:00Z', seed: 3, repetitions: 6 })], 'plain-only');
  assert.not.ok(existsSync(join(out, 'sweep/index.html')));
  assert.not.match(readFileSync(join(out, 'index.html'), 'utf8'), /sweep\//);
});

test('a real sweep of three variants: each candidate\'s break-evens and change charts, every variant\'s cost curve', async () => {
  const out = await build([await loadInput('raw-results/2026-12-06T09-44-04Z-sweep-v1.0-vs-v2.0')], 'three');
  const html = readFileSync(join(out, 'sweep/index.html'), 'utf8');
  assert.match(html, /<p>Where v2\.0, v2\.1’s change against v1\.0 crosses zero/);
  assert.match(html, /<thead><tr><th scope="col">Candidate<\/th><th scope="col">Metric<\/th>/);
  assert.match(html, /<tr><td>v2\.1<\/td><th scope="row"><a href="#chart-sweep-fdpass-conn-total_cpu_us_per_req">Total CPU per request<\/a><\/th><td>not reached in 16 B to 1 MiB: v2\.1 is better at every size<\/td>/);
  // five metrics for each of two candidates, the cost curves
  assert.is((html.match(/<figure class="chart"/g) ?? []).length, 11);
  for (const id of ['sweep-fdpass-throughput_rps', 'sweep-fdpass-conn-throughput_rps', 'sweep-cost']) assert.ok(html.includes(`id="chart-${id}"`), id);
  assert.match(html, /<tr><td>1 MiB<\/td><td>v2\.1<\/td><td>total<\/td><td>/);
  // no fixed-rate phase in that run: no rates, the cost chart is the closed-loop one
  assert.not.match(html, /Fixed rate \(open loop\) per size/);
  assert.not.match(html, /NaN|undefined|\[object Object\]/);  // the sweep's run page shows the machine's speed per block (a block holds every size), not a throughput per
  // block: throughputs of different sizes do not share an axis
  const run = readFileSync(join(out, 'runs/2026-12-06T09-44-04Z-sweep-v1.0-vs-v2.0/index.html'), 'utf8');
  assert.ok(run.includes('id="chart-speed"'), 'the speed chart');
  assert.not.ok(run.includes('id="chart-throughput-blocks"'), 'no throughput per block');
  assert.match(run, /The speed probe’s block means ranged [\d.]+% on the gateway’s CPU/);
});

test('a real sweep with the fixed-rate phase: the rate per size, and CPU per request at that rate as the headline', async () => {
  const out = await build([await loadInput('tests/fixtures/analysis/sweeps/2026-12-06T11-05-27Z-fixture-sweep')], 'fixed');
  const html = readFileSync(join(out, 'sweep/index.html'), 'utf8');
  assert.match(html, /<p>Fixed rate \(open loop\) per size: 1,000 req\/s at 16 B to 16 req\/s at 1 MiB, well below every variant’s capacity\. CPU per request at that rate is the headline CPU figure/);
  assert.match(html, /<th scope="row"><a href="#chart-sweep-total_cpu_us_per_req_at_fixed_rate">Total CPU per request at fixed rate<\/a><\/th><td><strong>about 170 B \(between 16 B and 64 KiB;/);
  assert.ok(html.includes('CPU per request by response size, at the fixed rate'), 'the cost chart says its basis');
  // proxy's total CPU per request at the fixed rate at 1 MiB: 6,258 us, mean over the six blocks
  assert.match(html, /<tr><td>1 MiB<\/td><td>v1\.0<\/td><td>total<\/td><td>6,258 µs \[/);
  assert.is((html.match(/<figure class="chart"/g) ?? []).length, 9);
});

test.run();
