import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpuOverTimeChart } from '../../../site/charts/cpu-over-time.ts';
import { perRepetitionChart } from '../../../site/charts/throughput-per-rep.ts';
import { speedPerBlockChart } from '../../../site/charts/speed-per-block.ts';
import { throughputPerBlockChart } from '../../../site/charts/throughput-per-block.ts';
import { latencySpectrumChart } from '../../../site/charts/latency-spectrum.ts';
import { syscallsChart } from '../../../site/charts/syscalls-per-request.ts';
import { headlineChangesChart } from '../../../site/charts/headline-changes.ts';
import { historyTrendChart, unitAxisTitle } from '../../../site/charts/history-trend.ts';
import { variantColors, stackedColors } from '../../../site/charts/theme.ts';

type AnySpec = Record<string, any>;

test('v1.0 and v2.0 keep their colors whatever the order', () => {
  assert.equal(variantColors(['v1.0', 'v2.0']).range, ['#3565b5', '#e06c10']);
  assert.equal(variantColors(['v2.0', 'v1.0']).range, ['#e06c10', '#3565b5']);
  assert.equal(variantColors(['A', 'B']).range, ['#3565b5', '#e06c10']);
  assert.equal(variantColors(['v2.0', 'A']).range, ['#e06c10', '#3565b5']);
  assert.equal(stackedColors(['v2.0'], ['user', 'system']), { domain: ['v2.0 · user', 'v2.0 · system'], range: ['#f5b47d', '#e06c10'] });
});

test('CPU over time: user and system stacked per variant, units on the axes', () => {
  const c = cpuOverTimeChart({ id: 'c', process: 'gateway', variants: ['v1.0'], points: [{ variant: 'v1.0', t_s: 1, usr_pct: 1.5, system_pct: 9.25 }], note: 'rep 1' });
  const spec = c.spec as AnySpec;
  assert.equal(spec.datasets.table, [
    { variant: 'v1.0', t_s: 1, part: 'system', series: 'v1.0 · system', cpu_pct: 9.25, order: 0 },
    { variant: 'v1.0', t_s: 1, part: 'user', series: 'v1.0 · user', cpu_pct: 1.5, order: 1 },
  ]);
  assert.is(spec.spec.encoding.y.title, 'CPU (% of one core)');
  assert.is(spec.spec.encoding.x.title, 'time (s)');
  assert.equal(c.table.rows, [['v1.0', '1', '1.5', '9.3']]);
  assert.ok(c.caption.includes('rep 1'));
});

test('per-repetition chart: dots per repetition and the estimate with its CI', () => {
  const c = perRepetitionChart({
    id: 'tp', metricLabel: 'Throughput', unit: 'req/s', statistic: 'mean', variants: ['v1.0'],
    reps: [{ variant: 'v1.0', repetition: 1, value: 9829.5 }, { variant: 'v1.0', repetition: 2, value: null }],
    cis: [{ variant: 'v1.0', estimate: 10004, ci_low: 9829, ci_high: 10280, n: 3 }],
  });
  assert.equal(c.table.rows, [['v1.0', 'rep 1', '9,830'], ['v1.0', 'rep 2', '—'], ['v1.0', 'mean (n=3)', '10,004 [9,829, 10,280]']]);
  assert.is((c.spec as AnySpec).datasets.table.length, 2);
});

test('per-repetition chart of a paired run: every dot is a block', () => {
  const c = perRepetitionChart({
    id: 'tp', metricLabel: 'Throughput', unit: 'req/s', statistic: 'mean', variants: ['v1.0'], per: 'block',
    reps: [{ variant: 'v1.0', repetition: 3, value: 9829.5 }],
    cis: [],
  });
  assert.is(c.title, 'Throughput: each block’s trial and the mean');
  assert.equal(c.table.columns, ['variant', 'block', 'Throughput (req/s)']);
  assert.equal(c.table.rows, [['v1.0', 'block 3', '9,830']]);
  assert.is((c.spec as AnySpec).layer[2].encoding.tooltip[1].title, 'block');
  assert.ok(c.caption.startsWith('Each dot is one block’s trial of the variant;'));
});

test('speed probe per block: x = block, y = ns per million iterations, a line per CPU role', () => {
  const c = speedPerBlockChart({ id: 'speed', blocks: [{ block: 1, sut_ns_per_miter: 1790.4, load_ns_per_miter: null }, { block: 2, sut_ns_per_miter: 895.2, load_ns_per_miter: 1781 }] });
  const spec = c.spec as AnySpec;
  assert.equal(spec.datasets.table, [
    { block: 1, role: 'system under test', ns_per_miter: 1790.4 },
    { block: 2, role: 'system under test', ns_per_miter: 895.2 },
    { block: 2, role: 'load', ns_per_miter: 1781 },
  ]);
  assert.is(spec.encoding.x.field, 'block');
  assert.is(spec.encoding.x.title, 'block');
  assert.is(spec.encoding.y.title, 'ns per million iterations');
  assert.is(spec.encoding.color.field, 'role');
  assert.equal(c.table.columns, ['block', 'system under test (ns per million iterations)', 'load (ns per million iterations)']);
  assert.equal(c.table.rows, [['1', '1,790', '—'], ['2', '895', '1,781']]);
});

test('throughput per block: a line per variant on the block axis', () => {
  const c = throughputPerBlockChart({
    id: 'tpb', variants: ['v1.0', 'v2.0'],
    points: [{ variant: 'v2.0', block: 2, throughput_rps: 10400 }, { variant: 'v1.0', block: 1, throughput_rps: 9000.4 }, { variant: 'v2.0', block: 1, throughput_rps: null }],
  });
  const spec = c.spec as AnySpec;
  assert.equal(spec.datasets.table, [{ variant: 'v2.0', block: 2, throughput_rps: 10400 }, { variant: 'v1.0', block: 1, throughput_rps: 9000.4 }]);
  assert.is(spec.encoding.x.title, 'block');
  assert.is(spec.encoding.y.title, 'Throughput (req/s)');
  assert.equal(spec.encoding.color.scale.range, ['#3565b5', '#e06c10']);
  assert.equal(c.table.rows, [['1', '9,000', '—'], ['2', '—', '10,400']]);
});

test('latency spectrum: log "nines" axis, the max (100th percentile) left out', () => {
  const c = latencySpectrumChart({ id: 's', variants: ['v1.0'], rate: '2,500 req/s', points: [{ variant: 'v1.0', percentile: 99, latency_ms: 2 }, { variant: 'v1.0', percentile: 100, latency_ms: 9 }] });
  const spec = c.spec as AnySpec;
  assert.equal(spec.datasets.table, [{ variant: 'v1.0', percentile: 99, nines: 99.99999999999991, latency_ms: 2 }]);
  assert.is(spec.encoding.x.scale.type, 'log');
  assert.is(spec.encoding.y.scale.type, 'log');
  assert.equal(c.table.rows, [['v1.0', '99%', '2.00'], ['v1.0', '100%', '9.00']]);
});

test('syscalls: top N by the larger side, table lists all', () => {
  const c = syscallsChart({
    id: 'sys', variants: ['v1.0', 'v2.0'], limit: 1,
    rows: [{ variant: 'v1.0', name: 'sendto', per_req: 1.07 }, { variant: 'v2.0', name: 'sendmsg', per_req: 1.05 }, { variant: 'v2.0', name: 'close', per_req: 1.2 }],
  });
  assert.equal((c.spec as AnySpec).datasets.table, [{ variant: 'v2.0', name: 'close', per_req: 1.2 }]);
  assert.equal(c.table.rows, [['close', '—', '1.20'], ['sendto', '1.07', '—'], ['sendmsg', '—', '1.05']]);
});

test('headline chart: expected ranges beside measured changes', () => {
  const row = { metricLabel: 'Gateway CPU', estimate: -54.9, ci_low: -77.1, ci_high: 9.8, verdict: 'no significant difference', expected_low: -50, expected_high: -40 };
  const c = headlineChangesChart({ id: 'h', candidate: 'v2.0', baseline: 'v1.0', expectations_by: 'the seed guide', rows: [row] });
  assert.equal(c.table.rows, [['Gateway CPU', '-54.9% [-77.1, +9.8]', 'no significant difference', '-50.0% to -40.0%']]);
  assert.is((c.spec as AnySpec).datasets.table.length, 2);
  assert.match(c.caption, /; the grey band is the change the seed guide expected\. Whether/);
  // a --config run: the band is the config's, and without any expected range the caption speaks of none
  assert.match(headlineChangesChart({ id: 'h', candidate: 'B', baseline: 'A', expectations_by: 'the config', rows: [row] }).caption, /the change the config expected/);
  const bare = headlineChangesChart({ id: 'h', candidate: 'B', baseline: 'A', expectations_by: 'the config', rows: [{ ...row, expected_low: null, expected_high: null }] });
  assert.not.match(bare.caption, /grey band|seed/);
});

test('history trend: points carry their run link; change points become rules', () => {
  const c = historyTrendChart({
    id: 't', metricLabel: 'Throughput', unit: 'req/s', variants: ['v1.0'],
    points: [{ variant: 'v1.0', run: 'r2', created_at: '2026-01-02T00:00:00Z', estimate: 12, ci_low: 11, ci_high: 13, href: '/gb/runs/r2/' }],
    changePoints: [{ variant: 'v1.0', run: 'r2', created_at: '2026-01-02T00:00:00Z', change_pct: 20, direction: 'improved' }],
    events: [],
  });
  const rows = (c.spec as AnySpec).datasets.table;
  assert.is(rows[0].href, '/gb/runs/r2/');
  assert.is((c.spec as AnySpec).layer[0].encoding.y.title, 'req/s');
  assert.is(unitAxisTitle('1/req'), 'per request');
  assert.is(unitAxisTitle('us'), 'µs');
  assert.is(rows[1].label, 'improved +20.0%');
  assert.equal(c.table.rows, [['r2', 'v1.0', '12.0 [11.0, 13.0]', 'improved +20.0%', '']]);
});

test.run();
