import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sizeAxis } from '../../../site/charts/size-axis.ts';
import { sweepChangeChart } from '../../../site/charts/sweep-change.ts';
import { sweepCostChart } from '../../../site/charts/sweep-cost.ts';
import { breakEvenHistoryChart } from '../../../site/charts/break-even-history.ts';

const rows = (spec: unknown) => (spec as { datasets: { table: Record<string, unknown>[] } }).datasets.table;

test('sizeAxis: log scale over the measured sizes, a tick at each', () => {
  const x = sizeAxis([1048576, 16, 4096], 'size');
  assert.equal(x.scale, { type: 'log', domain: [16, 1048576] });
  assert.equal(x.axis.values, [16, 4096, 1048576]);
  assert.match(x.axis.labelExpr, /' KiB'/);
});

test('sweepChangeChart: one row per size with its CI, the break-even marked with its band clipped to the measured range', () => {
  const c = sweepChangeChart({
    id: 'c',
    metricLabel: 'Total CPU per request',
    better: 'lower',
    candidate: 'v2.0',
    baseline: 'v1.0',
    rows: [
      { size_bytes: 16, estimate: 28, ci_low: 25, ci_high: 31, verdict: 'regressed' },
      { size_bytes: 1048576, estimate: -70, ci_low: -72, ci_high: -68, verdict: 'improved' },
      { size_bytes: 65536, estimate: null, ci_low: null, ci_high: null, verdict: 'invalid' },
    ],
    breakEven: { size_bytes: 400, low_bytes: null, high_bytes: 2000, text: 'about 390 B' },
  });
  assert.is(c.title, 'Total CPU per request: v2.0 vs v1.0 by response size');
  assert.equal(rows(c.spec), [
    { kind: 'm', size: 16, label: '16 B', v: 28, lo: 25, hi: 31, verdict: 'regressed' },
    { kind: 'm', size: 1048576, label: '1 MiB', v: -70, lo: -72, hi: -68, verdict: 'improved' },
    { kind: 'be', size: 400, lo: 16, hi: 2000, label: 'break-even ≈ 400 B' },
  ]);
  assert.equal(c.table.rows, [['16 B', '+28.0% [+25.0, +31.0]', 'regressed'], ['1 MiB', '-70.0% [-72.0, -68.0]', 'improved'], ['64 KiB', '—', 'invalid']]);
  assert.match(c.caption, /v2\.0 is better below zero\. The vertical line is the break-even \(about 390 B\)/);
  const none = sweepChangeChart({ id: 'n', metricLabel: 'Throughput', better: 'higher', candidate: 'v2.0', baseline: 'v1.0', rows: [{ size_bytes: 16, estimate: 5, ci_low: 1, ci_high: 9, verdict: 'improved' }], breakEven: null });
  assert.equal(rows(none.spec).map((r) => r.kind), ['m']);
  assert.match(none.caption, /v2\.0 is better above zero\. The change keeps one sign over the measured sizes: no break-even to mark\./);
});

test('sweepCostChart: CPU per request by variant and measure; a zero or missing figure is not drawn on the log axis', () => {
  const c = sweepCostChart({
    id: 'cost',
    variants: ['v1.0', 'v2.0'],
    rows: [
      { size_bytes: 16, variant: 'v1.0', measure: 'total', estimate: 10.5, ci_low: 10, ci_high: 11 },
      { size_bytes: 16, variant: 'v2.0', measure: 'gateway', estimate: 4, ci_low: -1, ci_high: 9 },
      { size_bytes: 16, variant: 'v2.0', measure: 'total', estimate: 0, ci_low: null, ci_high: null },
    ],
    basis: 'full-load',
  });
  assert.equal(rows(c.spec), [
    { size: 16, label: '16 B', variant: 'v1.0', measure: 'total', v: 10.5, lo: 10, hi: 11 },
    { size: 16, label: '16 B', variant: 'v2.0', measure: 'gateway process', v: 4, lo: 4, hi: 9 },
  ]);
  assert.equal(c.table.rows[0], ['16 B', 'v1.0', 'total', '10.5 µs [10.0, 11.0]']);
  assert.is(c.title, 'CPU per request by response size');
  assert.match(c.caption, /^Each variant's CPU time per request \(mean over blocks/);
  // a sweep with the fixed-rate phase: its headline CPU, said in the title and the caption
  const fixed = sweepCostChart({ id: 'cost', variants: ['v1.0'], rows: [], basis: 'fixed-rate' });
  assert.is(fixed.title, 'CPU per request by response size, at the fixed rate');
  assert.match(fixed.caption, /^Each variant's CPU time per request at the fixed rate \(open loop, well below every variant's capacity, the load generator idle\)/);
});

test('breakEvenHistoryChart: a point per run and metric on the measured sizes\' axis', () => {
  const c = breakEvenHistoryChart({
    id: 'h',
    metrics: ['Total CPU per request'],
    sizes: [16, 1048576],
    points: [{ run: 'r1', created_at: '2026-12-01T00:00:00Z', metricLabel: 'Total CPU per request', size_bytes: 11585, low_bytes: 7782, high_bytes: 15360, href: '/runs/r1/' }],
  });
  assert.equal(rows(c.spec), [{ run: 'r1', t: '2026-12-01T00:00:00Z', metric: 'Total CPU per request', v: 11585, lo: 7782, hi: 15360, label: '11 KiB', href: '/runs/r1/' }]);
  assert.equal(c.table.rows, [['r1', 'Total CPU per request', '11 KiB', '7.6 KiB to 15 KiB']]);
});

test.run();
