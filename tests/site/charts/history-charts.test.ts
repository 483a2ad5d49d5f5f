import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ChartRenderer } from '../../../site/charts/render.ts';
import { historyTrendChart } from '../../../site/charts/history-trend.ts';
import { historyOverviewChart } from '../../../site/charts/history-overview.ts';
import { changeOverTimeChart } from '../../../site/charts/change-over-time.ts';
import { eventRows, type ChartEvent } from '../../../site/charts/event-marks.ts';
import { timeAxis } from '../../../site/charts/time-axis.ts';

// The run times of raw-results/ (2026-12-06's runs, and the whole committed history).
const DAY_RUNS = ['2026-12-06T05:53:30.569Z', '2026-12-06T06:06:55.582Z', '2026-12-06T06:13:38.247Z', '2026-12-06T06:20:19.804Z', '2026-12-06T06:27:06.032Z'];
const ALL_RUNS = ['2026-11-22T19:44:14.450Z', '2026-11-22T20:37:01.914Z', ...DAY_RUNS];
const KERNEL: ChartEvent = { run: 'r3', created_at: DAY_RUNS[3], kind: 'kernel', text: 'kernel 6.18.44-fc-v657 → 6.18.44-fc-v1272' };
const TOOLS: ChartEvent = { run: 'r3', created_at: DAY_RUNS[3], kind: 'tools', text: 'tools: perf 6.1.192 → 6.1.187' };

/** The texts of an SVG, in document order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

test('time axis: the step follows the span, the labels show what the step resolves', () => {
  const day = timeAxis(DAY_RUNS);
  assert.equal([day.axis.format, day.axis.tickCount, day.title, day.scale.type], ['%H:%M', { interval: 'minutes', step: 10 }, 'run time (UTC, 2026-12-06)', 'utc']);
  const all = timeAxis(ALL_RUNS);
  assert.equal([all.axis.format, all.axis.tickCount, all.title], ['%b %d', { interval: 'day', step: 7 }, 'run time (UTC)']);
  assert.equal(timeAxis(['2026-12-06T23:50:00Z', '2026-12-07T00:20:00Z']).axis.format, '%b %d %H:%M');
  assert.equal(timeAxis(['2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z']).axis.tickCount, { interval: 'day', step: 14 });
  assert.equal(timeAxis(['2024-01-01T00:00:00Z', '2026-06-01T00:00:00Z']).axis.tickCount, { interval: 'month', step: 6 });
  assert.equal(timeAxis([DAY_RUNS[0]]).axis.tickCount, { interval: 'minutes', step: 1 });
});

test('runs seconds apart: each minute is labelled once (a fixed format labelled every 10 s with the same minute)', async () => {
  const times = ['2026-12-06T06:13:38Z', '2026-12-06T06:13:45Z', '2026-12-06T06:13:52Z', '2026-12-06T06:14:09Z'];
  const c = historyTrendChart({
    id: 't', metricLabel: 'Throughput', unit: 'req/s', variants: ['v1.0'], changePoints: [], events: [],
    points: times.map((t, i) => ({ variant: 'v1.0', run: `r${i}`, created_at: t, estimate: 100 + i, ci_low: 99 + i, ci_high: 101 + i, href: `/r${i}/` })),
  });
  const r = new ChartRenderer(null);
  const svg = await r.render(c.spec);
  r.close();
  const labels = texts(svg).filter((t) => /^\d\d:\d\d$/.test(t));
  assert.equal(labels, ['06:13', '06:14', '06:15']);
  assert.ok(texts(svg).includes('run time (UTC, 2026-12-06)'));
});

test('events: several at one run share one rule and one label; the label and the table say what changed', async () => {
  assert.equal(eventRows([KERNEL, TOOLS]), [
    { kind: 'ev', run: 'r3', t: DAY_RUNS[3], label: 'kernel, tools', text: 'kernel 6.18.44-fc-v657 → 6.18.44-fc-v1272; tools: perf 6.1.192 → 6.1.187' },
  ]);
  const points = DAY_RUNS.map((t, i) => ({ variant: 'v1.0', run: `r${i}`, created_at: t, estimate: 70000 + 1000 * i, ci_low: 69000 + 1000 * i, ci_high: 71000 + 1000 * i, href: `/r${i}/` }));
  const c = historyTrendChart({ id: 't', metricLabel: 'Throughput', unit: 'req/s', variants: ['v1.0'], points, changePoints: [], events: [KERNEL, TOOLS] });
  assert.equal(c.table.rows[3], ['r3', 'v1.0', '73,000 [72,000, 74,000]', '', 'kernel 6.18.44-fc-v657 → 6.18.44-fc-v1272; tools: perf 6.1.192 → 6.1.187']);
  assert.equal(c.table.rows[2][4], '');
  assert.match(c.caption, /Solid grey lines mark events/);
  const change = changeOverTimeChart({
    id: 'c', metricLabel: 'Throughput', better: 'higher', candidate: 'v2.0', baseline: 'v1.0', changePoints: [], events: [KERNEL],
    points: DAY_RUNS.map((t, i) => ({ run: `r${i}`, created_at: t, estimate: -16 + i, ci_low: -20 + i, ci_high: -12 + i, href: `/r${i}/` })),
  });
  assert.equal(change.table.rows[3][3], 'kernel 6.18.44-fc-v657 → 6.18.44-fc-v1272');
  const r = new ChartRenderer(null);
  const svgs = [await r.render(c.spec), await r.render(change.spec)];
  const without = await r.render(historyTrendChart({ id: 't', metricLabel: 'Throughput', unit: 'req/s', variants: ['v1.0'], points, changePoints: [], events: [] }).spec);
  r.close();
  assert.equal(texts(svgs[0]).filter((t) => /kernel|tools/.test(t)), ['kernel, tools']);
  assert.equal(texts(svgs[1]).filter((t) => /kernel|tools/.test(t)), ['kernel']);
  assert.equal(texts(without).filter((t) => /kernel|tools/.test(t)), []);
});

test('history index chart: one panel per headline metric with a change series, each with the events', async () => {
  const points = DAY_RUNS.flatMap((t, i) => [
    { metric: 'Throughput', run: `r${i}`, created_at: t, estimate: -16 + i, ci_low: -20 + i, ci_high: -12 + i, href: `/r${i}/` },
    { metric: 'Latency p99', run: `r${i}`, created_at: t, estimate: -25, ci_low: -35, ci_high: -10, href: `/r${i}/` },
  ]);
  const c = historyOverviewChart({ id: 'o', candidate: 'v2.0', baseline: 'v1.0', metrics: ['Throughput', 'Gateway CPU', 'Latency p99'], points, events: [KERNEL] });
  assert.is(c.title, 'v2.0 vs v1.0 over runs, headline metrics');
  assert.equal(c.table.columns, ['run', 'Throughput: change [95% CI]', 'Latency p99: change [95% CI]', 'event']);
  assert.equal(c.table.rows.map((r) => r[0]), ['r4', 'r3', 'r2', 'r1', 'r0']);
  assert.equal(c.table.rows[1], ['r3', '-13.0% [-17.0, -9.0]', '-25.0% [-35.0, -10.0]', 'kernel 6.18.44-fc-v657 → 6.18.44-fc-v1272']);
  const r = new ChartRenderer(null);
  const svg = await r.render(c.spec);
  r.close();
  const t = texts(svg);
  assert.equal(t.filter((x) => x === 'Throughput' || x === 'Latency p99' || x === 'Gateway CPU'), ['Throughput', 'Latency p99']);
  assert.is(t.filter((x) => x === 'kernel').length, 2);
});

test('history index chart of a long history: the latest 120 runs, and the caption says where the rest is', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const points = Array.from({ length: 130 }, (_, i) => ({ metric: 'Throughput', run: `r${i}`, created_at: new Date(t0 + i * 3600_000).toISOString(), estimate: i, ci_low: i - 1, ci_high: i + 1, href: `/r${i}/` }));
  const early: ChartEvent = { run: 'r5', created_at: points[5].created_at, kind: 'tools', text: 'tools: wrk 4.1 → 4.2' };
  const late: ChartEvent = { run: 'r100', created_at: points[100].created_at, kind: 'kernel', text: 'kernel a → b' };
  const c = historyOverviewChart({ id: 'o', candidate: 'v2.0', baseline: 'v1.0', metrics: ['Throughput'], points, events: [early, late] });
  const rows = (c.spec as unknown as { datasets: { table: { kind: string; run: string }[] } }).datasets.table;
  const drawn = rows.filter((r) => r.kind === 'pt').map((r) => r.run);
  assert.is(drawn.length, 120);
  assert.equal([drawn[0], drawn.at(-1)], ['r10', 'r129']);
  assert.equal(rows.filter((r) => r.kind === 'ev').map((r) => r.run), ['r100']);
  assert.is(c.table.rows.length, 50);
  assert.match(c.caption, /The chart shows the latest 120 runs, the data table the latest 50; each metric's page has them all\./);
});

test.run();
