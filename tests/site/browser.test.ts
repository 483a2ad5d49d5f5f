/**
 * The site in a real browser: Debian's chromium driven by playwright-core (never a downloaded browser), the
 * built fixture site served under its path prefix on 127.0.0.1. For each page type: no console errors, no
 * failed request, no request leaving localhost; charts are SVG with JavaScript off and become vega-embed
 * views (with tooltips) with it on. Screenshots go to tests/artifacts/ (ignored by git).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildFixtureSite, REAL_RUNS, BROKEN_RUN, XSS_RUN, BASE, type BuiltSite } from './site-fixture.ts';
import { serveStatic } from '../../site/static-server.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

const PAGES: { name: string; path: string; charts: boolean }[] = [
  { name: 'overview', path: '', charts: true },
  { name: 'runs', path: 'runs/', charts: false },
  { name: 'run', path: `runs/${REAL_RUNS[1]}/`, charts: true },
  { name: 'run-hostile-label', path: `runs/${XSS_RUN}/`, charts: true },
  { name: 'run-broken', path: `runs/${BROKEN_RUN}/`, charts: false },
  { name: 'compare', path: 'compare/', charts: true },
  { name: 'history', path: 'history/', charts: true },
  { name: 'history-metric', path: 'history/throughput_rps/', charts: true },
  { name: 'methodology', path: 'methodology/', charts: false },
];

let site: BuiltSite;
let server: Server;
let origin: string;
let profiles: string;
let jsOn: BrowserContext;
let jsOff: BrowserContext;

/** A page that records console errors, page errors, failed requests and requests to anything but the server. */
async function watchedPage(ctx: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    problems.push(`request leaving localhost: ${url}`);
    return route.abort();
  });
  return { page, problems };
}

test.before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run npm run setup (installs Debian's chromium)`);
  site = await buildFixtureSite();
  const served = await serveStatic({ dir: site.out, base: BASE, port: 0 });
  server = served.server;
  origin = served.url.slice(0, served.url.length - BASE.length);
  profiles = mkdtempSync(join(tmpdir(), 'gb-chromium-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  const common = { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } };
  jsOn = await chromium.launchPersistentContext(join(profiles, 'js-on'), common);
  jsOff = await chromium.launchPersistentContext(join(profiles, 'js-off'), { ...common, javaScriptEnabled: false });
});

test.after(async () => {
  await jsOn?.close();
  await jsOff?.close();
  await new Promise((r) => server?.close(r));
  site?.cleanup();
  if (profiles) rmSync(profiles, { recursive: true, force: true });
});

for (const p of PAGES) {
  test(`${p.name}: JavaScript off: readable, charts are inline SVG, nothing fails`, async () => {
    const { page, problems } = await watchedPage(jsOff);
    const res = await page.goto(`${origin}${BASE}${p.path}`, { waitUntil: 'load' });
    assert.is(res?.status(), 200);
    assert.ok((await page.locator('main h1').count()) >= 1, 'a heading');
    const figures = await page.locator('figure.chart').count();
    const svgs = await page.locator('figure.chart .chart-body > svg').count();
    const empty = await page.locator('figure.chart .chart-empty').count();
    if (p.charts) assert.ok(figures > 0, 'charts on the page');
    assert.is(svgs, figures - empty, 'every chart with data is an inline SVG');
    if (svgs > 0) {
      const box = await page.locator('figure.chart .chart-body > svg').first().boundingBox();
      assert.ok(box && box.width > 200 && box.height > 50, 'the SVG is laid out');
    }
    await page.screenshot({ path: join(ARTIFACTS, `${p.name}-nojs.png`), fullPage: true });
    assert.equal(problems, []);
    await page.close();
  });

  test(`${p.name}: JavaScript on: charts become interactive, no console error, no request leaves localhost`, async () => {
    const { page, problems } = await watchedPage(jsOn);
    const res = await page.goto(`${origin}${BASE}${p.path}`, { waitUntil: 'networkidle' });
    assert.is(res?.status(), 200);
    const specs = await page.locator('figure.chart[data-spec]').count();
    if (specs > 0) {
      await page.waitForFunction(() => {
        const all = document.querySelectorAll('figure.chart[data-spec]').length;
        const done = document.querySelectorAll('figure.chart[data-enhanced], figure.chart[data-enhance-error]').length;
        return done === all;
      }, undefined, { timeout: 30_000 });
      assert.is(await page.locator('figure.chart[data-enhance-error]').count(), 0, 'no chart failed to embed');
      assert.is(await page.locator('figure.chart[data-enhanced] .vega-embed svg.marks').count(), specs, 'every Vega chart is a live vega-embed view');
    }
    await page.screenshot({ path: join(ARTIFACTS, `${p.name}.png`), fullPage: true });
    assert.equal(problems, []);
    await page.close();
  });
}

test('run page: hovering a bar shows a vega tooltip', async () => {
  const { page, problems } = await watchedPage(jsOn);
  await page.goto(`${origin}${BASE}runs/${REAL_RUNS[1]}/`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#chart-syscalls[data-enhanced] .vega-embed svg');
  const bar = page.locator('#chart-syscalls .vega-embed .mark-rect path').first();
  await bar.scrollIntoViewIfNeeded();
  await bar.hover();
  await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5_000 });
  assert.match((await page.locator('#vg-tooltip-element').textContent()) ?? '', /per request/);
  assert.equal(problems, []);
  await page.close();
});

test('compare page: picking two runs redraws the table from their summaries', async () => {
  const { page, problems } = await watchedPage(jsOn);
  await page.goto(`${origin}${BASE}compare/?a=${encodeURIComponent(`${REAL_RUNS[0]}|proxy`)}&b=${encodeURIComponent(`${REAL_RUNS[1]}|proxy`)}`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#compare-form:not([hidden])');
  await page.waitForFunction(() => /Different runs/.test(document.getElementById('compare-status')?.textContent ?? ''));
  const heading = (await page.locator('#compare-heading').textContent()) ?? '';
  assert.ok(heading.includes(REAL_RUNS[0]) && heading.includes(REAL_RUNS[1]), heading);
  const rows = await page.locator('#compare-table tbody tr').count();
  assert.ok(rows >= 10, `${rows} rows`);
  assert.match((await page.locator('#compare-table tbody tr').first().textContent()) ?? '', /req\/s \[/);
  await page.selectOption('#pick-b', `${REAL_RUNS[0]}|fdpass`);
  await page.waitForFunction(() => /Same run/.test(document.getElementById('compare-status')?.textContent ?? ''));
  assert.ok((await page.locator('#compare-table .badge').count()) >= 10, 'same-run comparison shows verdicts');
  await page.screenshot({ path: join(ARTIFACTS, 'compare-picked.png'), fullPage: true });
  assert.equal(problems, []);
  await page.close();
});

test.run();
