/**
 * The paired design on the pages: design labels in comparison rows (run, overview, compare, summary.json),
 * the "Machine speed during the run" section, the methodology's statistics and calibration, and the
 * templates that print them. Built from small analysis objects made here.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Analysis, Comparison, RepetitionResult, RunResult, RunSpeed } from '../../../analysis/schema.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import type { SiteInput } from '../../../site/views/site-input.ts';
import { registerHelpers } from '../../../site/helpers/register-helpers.ts';
import { designLabel } from '../../../site/views/comparison-design.ts';
import { comparisonRows } from '../../../site/views/comparison-rows.ts';
import { compareView } from '../../../site/views/compare.ts';
import { overviewView } from '../../../site/views/overview.ts';
import { runView } from '../../../site/views/run.ts';
import { runSummaryJson } from '../../../site/views/run-summary.ts';
import { runSpeedView, speedSentence, NO_PROBE_SENTENCE } from '../../../site/views/run-speed.ts';
import { methodologyView, calibrationRows } from '../../../site/views/methodology.ts';

type AnySpec = Record<string, any>;

const PARTIALS = fileURLToPath(new URL('../../../site/templates/_partials', import.meta.url));
const hbs = Handlebars.create();
registerHelpers(hbs);
for (const f of readdirSync(PARTIALS)) hbs.registerPartial(f.replace(/\.hbs$/, ''), readFileSync(join(PARTIALS, f), 'utf8'));
const partial = (name: string, data: unknown) => hbs.compile(readFileSync(join(PARTIALS, `${name}.hbs`), 'utf8'))(data);

const SPEED: RunSpeed = {
  blocks: [
    { block: 1, sut_ns_per_miter: 1790.4, load_ns_per_miter: 1781, sut_within_pct: 1.2, load_within_pct: 0.4 },
    { block: 2, sut_ns_per_miter: 3580.2, load_ns_per_miter: null, sut_within_pct: 2.5, load_within_pct: null },
  ],
  sut_range_pct: 99.97,
  load_range_pct: 2.04,
  max_within_block_pct: 2.5,
  throughput_probe_correlation: -0.8123,
  throughput_variance_explained_pct: 65.98,
};

function rep(variant: string, repetition: number, throughput_rps: number | null): RepetitionResult {
  return { variant, repetition, order: repetition * 2, status: 'ok', error: null, metrics: { throughput_rps }, series: [], syscalls: [], open_loop_spectrum: [], files: [], errors: [] };
}

function run(id: string, speed: RunSpeed | null | undefined): RunResult {
  return {
    id,
    label: 'paired',
    status: 'complete',
    error: null,
    created_at: '2026-12-06T05:00:00Z',
    machine: { name: 'bench1', hostname: 'bench1', kernel: '6.1', cpu_model: 'Xeon', cpu_count: 4, mem_kb: 8388608, fingerprint: 'fp1' },
    git: { commit: 'abc', dirty: false },
    tools: {},
    config: null,
    baseline: 'proxy',
    candidate: 'fdpass',
    aa: false,
    variants: [{ name: 'proxy', label: 'v1.0' }, { name: 'fdpass', label: 'v2.0' }],
    warnings: [],
    summaries: [{ variant: 'proxy', metric: 'throughput_rps', unit: 'req/s', statistic: 'mean', estimate: 9000, ci_low: 8900, ci_high: 9100, n: 2, cv_pct: 1 }],
    repetitions: [rep('proxy', 1, 9000), rep('fdpass', 1, 10000), rep('proxy', 2, 4500), rep('fdpass', 2, null)],
    syscalls: [],
    open_loop: [],
    ...(speed === undefined ? {} : { speed }),
  };
}

function comparison(runId: string, extra: Partial<Comparison>): Comparison {
  return {
    run: runId,
    metric: 'throughput_rps',
    unit: 'req/s',
    better: 'higher',
    statistic: 'mean',
    baseline: { variant: 'proxy', estimate: 9000, ci_low: 8900, ci_high: 9100, n: 20 },
    candidate: { variant: 'fdpass', estimate: 10000, ci_low: 9900, ci_high: 10100, n: 20 },
    change_pct: { estimate: 11.1, ci_low: 9.8, ci_high: 12.4 },
    p_value: 0.002,
    verdict: 'improved',
    reason: null,
    warnings: [],
    expected: null,
    ...extra,
  };
}

const LONG_REASON = 'the SD of the within-block log ratios is 41.2%, above the 35% threshold: adjacent trials do not repeat, whatever the number of blocks, so this comparison says nothing';

function analysis(o: { speed?: RunSpeed | null; comparisons?: Comparison[]; calibration?: Analysis['calibration'] } = {}): Analysis {
  const r = run('r1', o.speed);
  return {
    schema_version: 2,
    settings: DEFAULT_SETTINGS,
    metrics: [
      { name: 'throughput_rps', label: 'Throughput', unit: 'req/s', better: 'higher', statistic: 'mean', phase: 'throughput', compared: true, description: 'req/s' },
      { name: 'pidstat_total_cpu_us_per_req', label: 'CPU per request (pidstat)', unit: 'us', better: 'lower', statistic: 'mean', phase: 'throughput', compared: true, description: 'µs' },
    ],
    runs: [r],
    comparisons: o.comparisons ?? [
      comparison('r1', { design: 'paired', blocks: { used: 18, total: 20 }, ratio_spread_pct: 3.1, ci_level: 0.9512 }),
      comparison('r1', { metric: 'pidstat_total_cpu_us_per_req', unit: 'us', better: 'lower', design: 'paired', blocks: { used: 9, total: 20 }, ci_level: 0.95, verdict: 'invalid', reason: LONG_REASON }),
    ],
    targets: [],
    history: { groups: [] },
    latest: { bench1: 'r1' },
    ...(o.calibration === undefined ? {} : { calibration: o.calibration }),
  };
}

const input = (a: Analysis): SiteInput => ({ analysis: a, extras: new Map(), base: '/gb/', generated_at: '2026-12-06T05:00:00Z' });

test('design label: paired with blocks, the CI level only when it does not print as 95.0%; two samples otherwise', () => {
  assert.is(designLabel({ design: 'paired', blocks: { used: 18, total: 20 }, ci_level: 0.95 }), 'paired, 18 of 20 blocks');
  assert.is(designLabel({ design: 'paired', blocks: { used: 10, total: 10 }, ci_level: 0.9512 }), 'paired, 10 of 10 blocks, 95.1% CI');
  assert.is(designLabel({ design: 'paired', blocks: { used: 6, total: 6 }, ci_level: 0.9375 }), 'paired, 6 of 6 blocks, 93.8% CI');
  assert.is(designLabel({ design: 'paired', blocks: { used: 12, total: 12 }, ci_level: 0.95004 }), 'paired, 12 of 12 blocks');
  assert.is(designLabel({ design: 'paired', blocks: { used: 12, total: 12 }, ci_level: null }), 'paired, 12 of 12 blocks');
  assert.is(designLabel({ design: 'two-sample', blocks: null, ci_level: 0.95 }), 'two samples');
  assert.is(designLabel({}), 'two samples', 'files from before the paired design');
});

test('comparison rows of a run, the overview and summary.json carry the design', () => {
  const a = analysis();
  assert.equal(comparisonRows(a, 'r1').map((r) => r.design), ['paired, 18 of 20 blocks, 95.1% CI', 'paired, 9 of 20 blocks']);
  const o = overviewView(input(a));
  assert.equal(o.machines[0].rows.map((r) => r.design), ['paired, 18 of 20 blocks, 95.1% CI']);
  assert.equal(o.machines[0].other.rows.map((r) => [r.design, r.reason]), [['paired, 9 of 20 blocks', LONG_REASON]]);
  const s = runSummaryJson(a, a.runs[0]);
  assert.equal(s.comparisons.map((c) => [c.design, c.reason]), [['paired, 18 of 20 blocks, 95.1% CI', null], ['paired, 9 of 20 blocks', LONG_REASON]]);
  const old = analysis({ comparisons: [comparison('r1', {})] });
  assert.equal(comparisonRows(old, 'r1').map((r) => r.design), ['two samples']);
});

test('compare page rows: design and the verdict reason', () => {
  const v = compareView(input(analysis()));
  assert.equal(v.rows.map((r) => [r.label, r.design, r.verdict, r.reason]), [
    ['Throughput', 'paired, 18 of 20 blocks, 95.1% CI', 'improved', null],
    ['CPU per request (pidstat)', 'paired, 9 of 20 blocks', 'invalid', LONG_REASON],
  ]);
  const html = partial('compare', { ...v, chart: null });
  assert.ok(html.includes('<span class="n design">paired, 18 of 20 blocks, 95.1% CI</span>'));
  assert.ok(html.includes(`<tr class="reason-row"><td colspan="5"><div class="reason reason-full">${LONG_REASON}</div></td></tr>`));
});

test('comparison table: design under the change, the whole reason in a full-width row (no clamp)', () => {
  const a = analysis();
  const html = partial('comparisons', { rows: comparisonRows(a, 'r1'), baseline: 'v1.0', candidate: 'v2.0' });
  assert.ok(html.includes('+11.1% [+9.8, +12.4]<span class="n design">paired, 18 of 20 blocks, 95.1% CI</span>'));
  // the reason: a full-width row of its own under its comparison, so it wraps instead of widening the table
  assert.ok(html.includes(`<td class="verdict"><span class="badge badge-invalid" title="${LONG_REASON}">invalid</span></td>`));
  assert.ok(html.includes(`<tr class="reason-row"><td colspan="6"><div class="reason reason-full">${LONG_REASON}</div></td></tr>`));
  assert.is((html.match(/<tr class="reason-row">/g) ?? []).length, 1, 'only the row with a reason gets one');
  assert.is((html.match(/<tr class="has-reason">/g) ?? []).length, 1);
  assert.not.ok(html.includes('clamp'));
  const css = readFileSync(fileURLToPath(new URL('../../../site/assets/site.css', import.meta.url)), 'utf8');
  assert.match(css, /\.reason\.reason-full \{ white-space: normal; overflow-wrap: anywhere;/);
  assert.not.match(css, /line-clamp/);
});

test('speed sentence: ranges, the largest move inside a block, the variance explained and r', () => {
  assert.is(
    speedSentence(SPEED),
    'The speed probe’s block means ranged 100.0% on the gateway’s CPU and 2.0% on the load’s; within a block it moved at most 2.5%; it accounts for 66.0% of the trial-to-trial throughput variance (correlation r = -0.81).',
  );
  assert.is(
    speedSentence({ ...SPEED, throughput_probe_correlation: null, throughput_variance_explained_pct: null }),
    'The speed probe’s block means ranged 100.0% on the gateway’s CPU and 2.0% on the load’s; within a block it moved at most 2.5%; too few trials with both a throughput and a probe reading to relate it to the throughput.',
  );
});

test('speed section: probe per block (x = block, one line per CPU role) and throughput per block', () => {
  const v = runSpeedView(analysis({ speed: SPEED }), run('r1', SPEED));
  assert.ok(v.has_probe);
  const spec = v.probe!.spec as AnySpec;
  assert.equal(spec.datasets.table, [
    { block: 1, role: 'system under test', ns_per_miter: 1790.4 },
    { block: 1, role: 'load', ns_per_miter: 1781 },
    { block: 2, role: 'system under test', ns_per_miter: 3580.2 },
  ]);
  assert.is(spec.encoding.x.title, 'block');
  assert.is(spec.encoding.y.title, 'ns per million iterations');
  assert.equal(spec.encoding.color.scale.domain, ['system under test', 'load']);
  assert.equal(v.probe!.table.rows, [['1', '1,790', '1,781'], ['2', '3,580', '—']]);
  const tp = v.throughput!.spec as AnySpec;
  assert.is(tp.encoding.x.title, 'block');
  assert.equal(tp.datasets.table, [
    { variant: 'v1.0', block: 1, throughput_rps: 9000 },
    { variant: 'v2.0', block: 1, throughput_rps: 10000 },
    { variant: 'v1.0', block: 2, throughput_rps: 4500 },
  ]);
  assert.equal(v.throughput!.table.rows, [['1', '9,000', '10,000'], ['2', '4,500', '—']]);
});

test('speed section: a run without the probe says it predates it; a two-sample run has no block chart', () => {
  const v = runSpeedView(analysis(), run('r1', undefined));
  assert.equal({ has_probe: v.has_probe, sentence: v.sentence, probe: v.probe }, { has_probe: false, sentence: NO_PROBE_SENTENCE, probe: null });
  assert.is(v.sentence, 'This run predates the speed probe: it has no readings of the machine’s speed.');
  assert.ok(v.throughput, 'paired comparisons still get throughput per block');
  const twoSample = runSpeedView(analysis({ speed: null, comparisons: [comparison('r1', { design: 'two-sample' })] }), run('r1', null));
  assert.is(twoSample.throughput, null);
  assert.is(twoSample.probe, null);
});

test('run page: the speed section rendered, the per-repetition chart says "block" in a paired run', () => {
  const a = analysis({ speed: SPEED });
  const v = runView(input(a), a.runs[0]);
  assert.is(v.speed!.sentence, speedSentence(SPEED));
  assert.is(v.charts!.throughput!.title, 'Throughput: each block’s trial and the mean');
  assert.is(v.speed!.throughput!.title, 'Throughput per block');
  assert.equal(v.charts!.throughput!.table.columns, ['variant', 'block', 'Throughput (req/s)']);
  assert.equal(v.charts!.throughput!.table.rows[0], ['v1.0', 'block 1', '9,000']);
  const old = analysis({ comparisons: [comparison('r1', {})] });
  const ov = runView(input(old), old.runs[0]);
  assert.is(ov.charts!.throughput!.title, 'Throughput per repetition');
  assert.is(ov.speed!.sentence, NO_PROBE_SENTENCE);
  // the section as the template prints it (charts stand in as titled figures)
  const stub = (c: { id: string; title: string } | null) => (c ? { id: c.id, title: c.title, caption: '', svg: '', specJson: '', table: { columns: [], rows: [] }, empty: false, empty_reason: '' } : null);
  const html = partial('run', { ...v, layout: { nav: [{}, { href: '/gb/runs/' }] }, charts: { cpu: [], flames: [] }, speed: { ...v.speed, probe: stub(v.speed!.probe), throughput: stub(v.speed!.throughput) } });
  assert.ok(html.includes('<h2>Machine speed during the run</h2>'));
  assert.ok(html.includes(`<p>${hbs.escapeExpression(speedSentence(SPEED))}</p>`));
  assert.ok(html.includes('<figure class="chart" id="chart-speed">'));
  assert.ok(html.includes('<figure class="chart" id="chart-throughput-blocks">'));
});

test('methodology: the paired gates from the settings; calibration from the JSON beside the simulated figures', () => {
  const cal = { aa_runs: ['aa1', 'aa2'], comparisons: 44, improved_or_regressed: 1, no_significant_difference: 42, invalid: 1, false_positive_pct: 2.2727 };
  const v = methodologyView(input(analysis({ calibration: cal })));
  assert.equal([v.settings.min_blocks, v.settings.ratio_spread_threshold_pct, v.settings.load_saturation_pct, v.settings.speed_change_threshold_pct], [6, 100, 90, 10]);
  assert.equal(v.calibration, { aa_runs: 2, comparisons: 44, false_positive_pct: 2.2727 });
  assert.equal(v.calibration_rows, [
    { check: 'false positives (improved or regressed) on real A/A runs', source: '2 A/A runs, 44 comparisons (42 no significant difference, 1 invalid)', value: '2.3% (1 of 44)' },
    { check: 'signed-rank 95% interval: coverage', source: 'simulated, 5 blocks', value: '93.3%' },
    { check: 'signed-rank 95% interval: coverage', source: 'simulated, 10 blocks', value: '94.9%' },
    { check: 'signed-rank 95% interval: coverage', source: 'simulated, 20 blocks', value: '95.7%' },
    { check: 'sign-flip test at p < 0.05: false-positive rate', source: 'simulated, 10 blocks', value: '4.8%' },
    { check: 'sign-flip test at p < 0.05: false-positive rate', source: 'simulated, 20 blocks', value: '5.0%' },
  ]);
  const html = partial('methodology', v);
  assert.ok(html.includes('fewer than 6 blocks with values on both sides'));
  assert.ok(html.includes('log ratios above 100.0% (adjacent trials barely repeat'));
  assert.ok(html.includes('load generator’s CPUs at 90.0% or more while the gateway’s CPUs had idle time'));
  assert.ok(html.includes('Hodges–Lehmann'));
  assert.ok(html.includes('Wilcoxon signed-rank confidence interval on the log ratios'));
  assert.ok(html.includes('exact sign-flip test of the signed ranks'));
  assert.ok(html.includes('never used to normalize'));
  assert.ok(html.includes('±15%'));
  assert.ok(html.includes('(2 runs, 44 comparisons;'));
  assert.ok(html.includes('false-positive rate is 2.3%.'));
  assert.ok(html.includes('<td class="num">93.3%</td>'));
  assert.ok(html.includes('exact Mann-Whitney interval and the rank-sum test that interval inverts'));
  assert.not.ok(html.includes('{{'), 'no raw mustache');
  // without calibration in the JSON: the simulated rows only, and a sentence saying so
  const none = methodologyView(input(analysis()));
  assert.is(none.calibration, null);
  assert.equal(calibrationRows(null).length, 5);
  assert.ok(partial('methodology', none).includes('No real A/A run is committed yet'));
  assert.equal(calibrationRows({ ...cal, aa_runs: ['aa1'], comparisons: 0, improved_or_regressed: 0, no_significant_difference: 0, invalid: 0, false_positive_pct: null })[0].value, '—');
});

test.run();
