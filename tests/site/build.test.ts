import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { buildFixtureSite, BASE, FIXTURE_RUNS, XSS, XSS_RUN, BROKEN_RUN, REAL_RUNS, type BuiltSite } from './site-fixture.ts';
import { resolveRequest } from '../../site/static-server.ts';

let site: BuiltSite;
const html = new Map<string, string>();

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

test.before(async () => {
  site = await buildFixtureSite();
  for (const f of walk(site.out)) if (f.endsWith('.html')) html.set(relative(site.out, f), readFileSync(f, 'utf8'));
});
test.after(() => site.cleanup());

test('every page type exists, one page per run (the broken one too)', () => {
  for (const p of ['index.html', 'runs/index.html', 'compare/index.html', 'history/index.html', 'methodology/index.html']) assert.ok(html.has(p), p);
  for (const id of [...REAL_RUNS, XSS_RUN, BROKEN_RUN]) assert.ok(html.has(`runs/${id}/index.html`), id);
  assert.ok(html.has('history/throughput_rps/index.html'), 'a history page per headline metric');
  const historyPages = [...html.keys()].filter((k) => /^history\/[^/]+\/index\.html$/.test(k)).length;
  assert.ok(historyPages >= 10, `${historyPages} metric history pages`);
  assert.is(site.result.runs, 4);
  assert.is(site.result.analyzed, `${site.analysisFile} is missing: analyzed ${site.runs}/ first and wrote ${join(site.root, 'reports')}/, as npm run analyze does`);
  assert.is(site.result.pages, 9 + historyPages);
});

test('every internal link, script, stylesheet and chart link resolves under the prefix', () => {
  let checked = 0;
  for (const [page, text] of html) {
    for (const m of text.matchAll(/\s(?:href|src|xlink:href)="([^"]*)"/g)) {
      const url = m[1].replace(/&amp;/g, '&');
      if (url.startsWith('#') || url.startsWith('data:')) continue;
      assert.ok(url.startsWith(BASE), `${page}: link ${url} is outside ${BASE}`);
      const file = resolveRequest(site.out, BASE, url);
      assert.ok(file && existsSync(file) && statSync(file).isFile(), `${page}: ${url} does not resolve`);
      checked++;
    }
  }
  assert.ok(checked > 100, `only ${checked} links checked`);
});

test('no page loads anything from another origin', () => {
  for (const [page, text] of html) {
    assert.not.match(text, /\s(?:src|href)="(?:https?:)?\/\//, page);
  }
});

test('numbers are formatted: thousands separators, CIs, one decimal for percentages', () => {
  const index = html.get('index.html')!;
  assert.match(index, /\d{1,3}(?:,\d{3})+ req\/s \[\d{1,3}(?:,\d{3})+, \d{1,3}(?:,\d{3})+\]/);
  assert.match(index, /[+-]\d+\.\d% \[[+-]?\d+\.\d, [+-]?\d+\.\d\]/);
  const run = html.get(`runs/${REAL_RUNS[1]}/index.html`)!;
  assert.match(run, /<td class="num">\d+\.\d%<\/td>/);
  assert.not.match(run, /NaN|undefined|\[object Object\]/);
});

test('labels from raw files are escaped everywhere; embedded JSON cannot close its script', () => {
  for (const [page, text] of html) {
    assert.not.ok(text.includes(XSS), `${page} contains the raw label`);
    assert.not.ok(text.includes('onerror=alert(1)>'), page);
  }
  const index = html.get('index.html')!;
  assert.ok(index.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'), 'escaped label on the overview (Handlebars)');
  assert.ok(index.includes('<figcaption class="chart-title">&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; vs v1.0: change per metric</figcaption>'), 'escaped chart title');
  const xssPage = html.get(`runs/${XSS_RUN}/index.html`)!;
  assert.ok(xssPage.includes('>&lt;img src=x onerro'), 'escaped label inside a chart SVG legend (vega)');
  assert.ok(xssPage.includes('\\u003cimg src=x onerror=alert(1)\\u003e'), 'escaped label inside chart JSON');
  for (const m of xssPage.matchAll(/<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)) {
    assert.not.ok(m[1].includes('<'), 'no < inside embedded JSON');
    JSON.parse(m[1]);
  }
});

test('charts are inline SVG with a caption and a data table', () => {
  const run = html.get(`runs/${REAL_RUNS[1]}/index.html`)!;
  const figures = run.match(/<figure class="chart"/g) ?? [];
  assert.ok(figures.length >= 10, `${figures.length} charts`);
  assert.is((run.match(/<div class="chart-body"><svg /g) ?? []).length, figures.length);
  assert.is((run.match(/<p class="chart-caption">/g) ?? []).length, figures.length);
  assert.ok((run.match(/<details class="chart-data">/g) ?? []).length >= figures.length - 1);
  assert.ok(run.includes('Flame graph: v1.0'));
});

test('a run that cannot be loaded gets a page that says why', () => {
  const broken = html.get(`runs/${BROKEN_RUN}/index.html`)!;
  assert.ok(broken.includes('What went wrong'));
  assert.match(broken, /manifest\.json/);
  assert.not.ok(broken.includes('<figure class="chart"'));
  assert.ok(html.get('index.html')!.includes(BROKEN_RUN), 'the overview lists it');
});

test('raw files are copied with their size and SHA-256 listed', () => {
  const run = html.get(`runs/${REAL_RUNS[0]}/index.html`)!;
  const m = /<a href="([^"]+manifest\.json)" download>manifest\.json<\/a><\/td><td class="num">([^<]+)<\/td><td><code class="hash">([0-9a-f]{64})<\/code>/.exec(run);
  assert.ok(m, 'manifest.json listed');
  const copy = resolveRequest(site.out, BASE, m![1])!;
  assert.is(createHash('sha256').update(readFileSync(copy)).digest('hex'), m![3]);
});

test('the published manifest.json anchors the paths of the machine that took the run; the run folder is untouched', () => {
  const run = html.get(`runs/${REAL_RUNS[0]}/index.html`)!;
  const href = /<a href="([^"]+manifest\.json)" download>/.exec(run)![1];
  const published = readFileSync(resolveRequest(site.out, BASE, href)!, 'utf8');
  assert.not.match(published, /\/work\/main|\/tmp\/gb-runs\/\.tmp-/);
  const m = JSON.parse(published);
  assert.equal(m.config.variants[0].start.slice(0, 1), ['<project>/native/build/gateway']);
  const bench = m.repetitions[0].phases.flatMap((p: { commands: { role: string; argv: string[] }[] }) => p.commands).find((c: { role: string }) => c.role === 'bench-latency');
  assert.ok(bench.argv.some((a: string) => /^<run>\/(proxy|fdpass)\/rep-1\/fixed-rate\.latencies\.txt$/.test(a)), bench.argv.join(' '));
  // the copy in the runs folder keeps its committed bytes (the published text is a new file, not a write through a link)
  assert.equal(readFileSync(join(site.runs, REAL_RUNS[0], 'manifest.json')), readFileSync(join(FIXTURE_RUNS, REAL_RUNS[0], 'manifest.json')));
  // the run page shows the anchored commands too
  assert.not.match(run, /\/work\/main/);
  assert.match(run, /&lt;project&gt;\/native\/build\/bench-latency/);
});

test('assets are served by the site itself: vega bundles, script, stylesheet, browser helpers', () => {
  for (const f of ['assets/vendor/vega.min.js', 'assets/vendor/vega-lite.min.js', 'assets/vendor/vega-embed.min.js', 'assets/site.js', 'assets/site.css', 'assets/lib/format-ci.js', 'data/runs.json', `runs/${REAL_RUNS[0]}/summary.json`]) {
    assert.ok(existsSync(join(site.out, f)), f);
  }
  assert.not.match(readFileSync(join(site.out, 'assets/lib/format-ci.js'), 'utf8'), /\.ts'/);
});

test('a second build with nothing changed renders no page and no chart', async () => {
  const { buildSite } = await import('../../site/build.ts');
  const again = await buildSite({ base: BASE, runsDir: site.runs, outDir: site.out, analysisFile: site.analysisFile, cacheDir: join(site.root, 'cache'), quiet: true });
  assert.is(again.analyzed, null, 'the analysis is read as the first build wrote it');
  assert.is(again.pages_rendered, 0);
  assert.is(again.charts_rendered, 0);
  assert.is(again.files_written, 0);
});

test('charts cached by another renderer are drawn again, and its cache folder removed', async () => {
  const { buildSite } = await import('../../site/build.ts');
  const cache = join(site.root, 'cache');
  const [current] = readdirSync(cache).filter((n) => /^charts-[0-9a-f]{16}$/.test(n));
  // the same specs as cached by another renderer (another vega, or a renderer before a fix), and by the old
  // layout (one `charts` folder whatever drew them); the pages themselves must be rebuilt
  const stale = join(cache, 'charts-0123456789abcdef');
  renameSync(join(cache, current), stale);
  for (const f of readdirSync(stale)) writeFileSync(join(stale, f), '<svg>drawn by another renderer</svg>');
  cpSync(stale, join(cache, 'charts'), { recursive: true });
  for (const f of readdirSync(cache)) if (f.startsWith('pages-')) rmSync(join(cache, f));
  const again = await buildSite({ base: BASE, runsDir: site.runs, outDir: site.out, analysisFile: site.analysisFile, cacheDir: cache, quiet: true });
  const pages = walk(site.out).filter((f) => f.endsWith('.html')).map((f) => readFileSync(f, 'utf8'));
  assert.is(pages.filter((p) => p.includes('drawn by another renderer')).length, 0);
  const redrawn = readdirSync(join(cache, current)).map((f) => readFileSync(join(cache, current, f), 'utf8'));
  assert.is(redrawn.filter((svg) => !svg.startsWith('<svg role="img"')).length, 0);
  assert.ok(again.charts_rendered >= redrawn.length, `${again.charts_rendered} charts drawn, ${redrawn.length} cached`);
  assert.equal(readdirSync(cache).filter((n) => n.startsWith('charts')), [current]);
});

test.run();
