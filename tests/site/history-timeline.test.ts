import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../../site/build.ts';
import { kernelChangeRuns, NEW_KERNEL, OLD_KERNEL, RUN_2 } from '../analysis/kernel-change.ts';

// The site of two real runs before and after a simulated kernel update (tests/analysis/kernel-change.ts).
let dir: ReturnType<typeof kernelChangeRuns>;
let index = '';
let throughput = '';

test.before(async () => {
  dir = kernelChangeRuns();
  const out = join(dir.root, 'out');
  await buildSite({ base: '/gb/', runsDir: dir.root, outDir: out, analysisFile: join(dir.root, 'reports', 'analysis.json'), cacheDir: join(dir.root, 'cache'), quiet: true });
  index = readFileSync(join(out, 'history', 'index.html'), 'utf8');
  throughput = readFileSync(join(out, 'history', 'throughput_rps', 'index.html'), 'utf8');
});
test.after(() => dir.cleanup());

/** The inline SVG of a chart figure of a page. */
function chartSvg(page: string, id: string): string {
  const start = page.indexOf(`id="chart-${id}"`);
  assert.ok(start > 0, `chart ${id} is on the page`);
  return page.slice(start, page.indexOf('</figure>', start));
}

test('one machine, one timeline: both runs under "vm", the kernel update listed as an event', () => {
  assert.equal([...index.matchAll(/<h2>([^<]*) <span class="muted">· ([^<]*)<\/span><\/h2>/g)].map((m) => [m[1], m[2]]), [
    ['vm', 'AMD EPYC (2 cores) · 2 runs from 2026-11-22 19:03 UTC to 2026-11-22 19:06 UTC'],
  ]);
  assert.match(index, new RegExp(`<th scope="row"><a href="/gb/runs/${RUN_2}/">${RUN_2}</a></th><td>2026-11-22 19:06 UTC</td><td>kernel ${OLD_KERNEL} → ${NEW_KERNEL}</td>`));
});

test('the history index shows a trend chart with the event marked in every panel', () => {
  const svg = chartSvg(index, 'overview-0');
  assert.match(svg, /<svg role="img"/);
  const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  assert.ok(labels.includes('Throughput'));
  // each panel has its own y axis (independent scales), the x axis is shared by a column
  const panels = labels.filter((l) => l === 'change (%)').length;
  assert.ok(panels >= 10, `${panels} panels`);
  assert.is(labels.filter((l) => l === 'run time (UTC, 2026-11-22)').length, 2);
  assert.is(labels.filter((l) => l === 'kernel').length, panels);
});

test('a metric page marks the event on both charts and names it in their data tables', () => {
  for (const id of ['h0-trend', 'h0-change']) {
    const fig = chartSvg(throughput, id);
    const labels = [...fig.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.equal(labels.filter((l) => l === 'kernel'), ['kernel'], id);
    assert.ok(labels.includes('19:04') && labels.includes('19:06') && !labels.some((l) => /Nov 22 19:0\d/.test(l)), `${id}: ${labels.join('|')}`);
    assert.match(fig, new RegExp(`<td>${RUN_2}</td>.*?<td>kernel ${OLD_KERNEL} → ${NEW_KERNEL}</td></tr>`, 's'));
  }
});

test.run();
