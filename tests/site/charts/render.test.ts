import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChartRenderer, specHash, staticSpec } from '../../../site/charts/render.ts';
import { syscallsChart } from '../../../site/charts/syscalls-per-request.ts';
import { speedPerBlockChart } from '../../../site/charts/speed-per-block.ts';

const chart = (v: number, label = 'v1.0') => syscallsChart({ id: 's', variants: [label], limit: 5, rows: [{ variant: label, name: 'read', per_req: v }, { variant: label, name: 'write', per_req: v / 2 }] });

test('renders an SVG with role and label; text from data is escaped', async () => {
  const r = new ChartRenderer(null);
  const svg = await r.render(chart(2, '<img src=x onerror=alert(1)>').spec, 'Syscalls');
  r.close();
  assert.ok(svg.startsWith('<svg role="img" aria-label="Syscalls" focusable="false"'));
  assert.not.ok(svg.includes('<img'));
  assert.ok(svg.includes('&gt;read') || svg.includes('>read<'));
  assert.ok(svg.includes('>&lt;img src=x onerro'), 'the legend label is escaped (and truncated by its label limit)');
});

test('a reused view with new rows draws exactly what a fresh view draws', async () => {
  const reuse = new ChartRenderer(null);
  await reuse.render(chart(2).spec);
  const swapped = await reuse.render(chart(3).spec);
  reuse.close();
  const fresh = new ChartRenderer(null);
  const direct = await fresh.render(chart(3).spec);
  fresh.close();
  assert.is(swapped, direct);
});

test('a reused view lays out afresh: wide axis labels drawn before do not widen the next chart', async () => {
  const probe = (blocks: number, ns: number) =>
    speedPerBlockChart({ id: 's', blocks: Array.from({ length: blocks }, (_, i) => ({ block: i + 1, sut_ns_per_miter: ns + i * 7, load_ns_per_miter: ns * 1.1 })) });
  const reuse = new ChartRenderer(null);
  await reuse.render(probe(28, 1_700_000).spec);
  const swapped = await reuse.render(probe(13, 1_700).spec);
  reuse.close();
  const fresh = new ChartRenderer(null);
  const direct = await fresh.render(probe(13, 1_700).spec);
  fresh.close();
  assert.match(direct, /^<svg [^>]*width="649" height="299"/);
  assert.is(swapped, direct);
});

test('the disk cache is keyed by the spec hash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gb-render-'));
  try {
    const a = new ChartRenderer(dir);
    const first = await a.render(chart(2).spec);
    a.close();
    assert.equal(readdirSync(dir), [`${specHash(staticSpec(chart(2).spec))}.svg`]);
    const b = new ChartRenderer(dir);
    assert.is(await b.render(chart(2).spec), first);
    assert.equal(b.stats, { rendered: 0, cached: 1 });
    b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the drawn spec has no tooltips; everything else is kept', () => {
  const spec = chart(2).spec as Record<string, any>;
  const s = staticSpec(spec) as Record<string, any>;
  assert.ok(spec.encoding.tooltip);
  assert.is(s.encoding.tooltip, undefined);
  assert.equal(s.encoding.x, spec.encoding.x);
  assert.equal(s.datasets, spec.datasets);
});

test.run();
