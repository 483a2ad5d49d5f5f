/**
 * `npm run site`: build the static site from the analysis of a runs folder.
 *
 *   npm run site                          raw-results/ -> _site/, links under /
 *   npm run site -- --base /gatebench/    links under the GitHub Pages project prefix
 *   npm run site -- --runs DIR --out DIR  other folders (see build-args.ts for every option)
 *
 * Steps: the analysis `npm run analyze` wrote (reports/analysis.json; made first when missing or stale, see
 * load/load-analysis.ts) + what only run folders know (manifests, raw files, perf stacks) -> view models
 * (views/, pure) -> charts rendered to SVG (charts/render.ts, cached in .cache/) -> pages written by Eleventy
 * (only the pages whose model changed since the last build into the same folder) -> JSON, raw files and
 * assets written by write-site.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateAnalysis, type Analysis } from '../analysis/schema.ts';
import { PROJECT_ROOT as ROOT } from '../ingest/project-root.ts';
import { parseBuildArgs, type BuildOptions } from './build-args.ts';
import { eleventyConfig, type PageEntry } from './eleventy.config.ts';
import { RenderPool } from './charts/render-pool.ts';
import { renderCharts } from './views/chart-view.ts';
import { FileHashes } from './load/file-hashes.ts';
import { loadAnalysis } from './load/load-analysis.ts';
import { loadRunExtras } from './load/load-extras.ts';
import { browserHelpers } from './load/browser-helpers.ts';
import type { RunExtras, SiteInput } from './views/site-input.ts';
import { overviewView } from './views/overview.ts';
import { runView } from './views/run.ts';
import { runsIndexView } from './views/runs-index.ts';
import { compareView } from './views/compare.ts';
import { historyView, historyMetricView, historyMetrics } from './views/history.ts';
import { methodologyView } from './views/methodology.ts';
import { sweepHref, sweepQuestion, sweepView } from './views/sweep.ts';
import { latestSweep } from '../analysis/report/select.ts';
import { runSummaryJson, runsListJson } from './views/run-summary.ts';
import { href, runSlug } from './views/href.ts';
import type { TopLevelSpec } from 'vega-lite';
import { copyIfChanged, writeIfChanged, type WriteStats } from './write-site.ts';

const SITE_DIR = join(ROOT, 'site');
/** A chart with more rows than this loads them from a JSON file instead of carrying them in the page. */
const INLINE_ROWS = 400;

export interface BuildResult {
  pages: number;
  pages_rendered: number;
  charts_rendered: number;
  charts_cached: number;
  files_written: number;
  runs: number;
  /** why the analysis was made first (its file missing or stale); null when it was read as `npm run analyze` wrote it */
  analyzed: string | null;
  timings_ms: Record<string, number>;
}

/** Everything under a folder, for the code hash that invalidates the page cache. */
function hashTree(dir: string, h: ReturnType<typeof createHash>): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) hashTree(p, h);
    else {
      h.update(p);
      h.update(readFileSync(p));
    }
  }
}

/**
 * This renderer's chart cache: `<cacheDir>/charts-<hash>`, the hash of what draws a spec besides the spec itself
 * (charts/render.ts, render-worker.ts, and the package lock, which pins vega's and vega-lite's versions). The
 * same spec drawn by another renderer can differ: charts cached before a renderer fix would otherwise stay in
 * every later build. The folders of other renderers are removed.
 */
function chartCacheDir(cacheDir: string): string {
  const h = createHash('sha256');
  for (const file of [join(SITE_DIR, 'charts', 'render.ts'), join(SITE_DIR, 'charts', 'render-worker.ts'), join(ROOT, 'package-lock.json')]) {
    h.update(existsSync(file) ? readFileSync(file) : file);
  }
  const dir = `charts-${h.digest('hex').slice(0, 16)}`;
  for (const old of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
    if (/^charts(-[0-9a-f]{16})?$/.test(old) && old !== dir) rmSync(join(cacheDir, old), { recursive: true, force: true });
  }
  return join(cacheDir, dir);
}

/** Pages built last time into an output folder: page hashes, and the input hashes of run pages. */
interface BuildState {
  pages: Record<string, string>;
  inputs: Record<string, string>;
}

/** A run folder's identity for the page cache: runs are append-only, so its folder and manifest times suffice. */
function dirStamp(dir: string): string {
  try {
    const d = statSync(dir);
    const m = statSync(join(dir, 'manifest.json'));
    return `${d.mtimeMs}:${m.mtimeMs}:${m.size}`;
  } catch {
    return 'missing';
  }
}

/** The newest run time: the build's deterministic "data as of" stamp. */
function dataAsOf(analysis: Analysis): string {
  const times = analysis.runs.map((r) => r.created_at).filter((t): t is string => !!t).sort();
  return times.length ? times[times.length - 1] : 'no runs';
}

/**
 * Build the site from the analysis in `opts.analysisFile` (load/load-analysis.ts), or from `analysis` when the
 * caller has just made it (`npm run analyze -- --site DIR`: the analysis it also wrote, not read back). Returns
 * counts and timings (also printed by the CLI).
 *
 * @example
 * await buildSite(parseBuildArgs(['--runs', 'raw-results', '--out', '_site']))
 */
export async function buildSite(opts: BuildOptions, made?: Analysis): Promise<BuildResult> {
  const t: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    t[name] = Math.round(now - t0);
    t0 = now;
  };

  if (existsSync(opts.outDir) && !statSync(opts.outDir).isDirectory()) throw new Error(`${opts.outDir} is not a folder`);
  // what was just made is checked against the schema too: the pages' inputs are then the very objects a read of
  // analysis.json gives (the same keys in the same order), so the two ways find each other's pages current
  const { analysis, analyzed } = made ? { analysis: migrateAnalysis(made), analyzed: null } : await loadAnalysis({ runsDir: opts.runsDir, analysisFile: opts.analysisFile });
  lap('analysis');

  // What was built last time into this output folder: the hash of every page, and for run pages the hash of
  // their inputs, so an unchanged run is not even loaded again (runs are append-only).
  const outDir = resolve(opts.outDir);
  const codeHash = createHash('sha256');
  hashTree(SITE_DIR, codeHash);
  const code = codeHash.digest('hex');
  const stateFile = opts.cacheDir ? join(opts.cacheDir, `pages-${createHash('sha256').update(outDir).digest('hex').slice(0, 16)}.json`) : null;
  let previous: BuildState = { pages: {}, inputs: {} };
  if (stateFile && existsSync(stateFile)) {
    try {
      const raw = JSON.parse(readFileSync(stateFile, 'utf8')) as Partial<BuildState>;
      if (raw && typeof raw.pages === 'object' && raw.pages && typeof raw.inputs === 'object' && raw.inputs) previous = raw as BuildState;
    } catch {
      previous = { pages: {}, inputs: {} };
    }
  }
  const state: BuildState = { pages: {}, inputs: {} };
  const byRun = new Map<string, unknown[]>();
  for (const c of [...analysis.comparisons, ...analysis.targets]) {
    if (!byRun.has(c.run)) byRun.set(c.run, []);
    byRun.get(c.run)!.push(c);
  }
  const neighbours = new Map<string, string>();
  for (const g of analysis.history.groups) g.runs.forEach((id, i) => neighbours.set(id, `${g.runs[i - 1] ?? ''}|${g.runs[i + 1] ?? ''}`));
  // every run page links to the sweep page once there is a sweep: a new sweep changes them all
  const sweepLink = `${sweepHref(analysis, opts.base) ?? ''}|${sweepQuestion(latestSweep(analysis))}`;
  const shared = createHash('sha256').update(code).update(opts.base).update(JSON.stringify(analysis.metrics)).update(JSON.stringify(analysis.settings)).update(sweepLink).digest('hex');
  const newest = new Set([...analysis.runs].sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '')).slice(0, 5).map((r) => r.id));
  const todo = new Set<string>();
  for (const run of analysis.runs) {
    const permalink = `runs/${runSlug(run.id)}/index.html`;
    const key = createHash('sha256')
      .update(shared)
      .update(dirStamp(join(opts.runsDir, run.id)))
      .update(JSON.stringify(run))
      .update(JSON.stringify(byRun.get(run.id) ?? []))
      .update(neighbours.get(run.id) ?? '')
      .digest('hex');
    state.inputs[permalink] = key;
    if (previous.inputs[permalink] === key && previous.pages[permalink] && existsSync(join(outDir, permalink))) state.pages[permalink] = previous.pages[permalink];
    else todo.add(run.id);
  }

  const hashes = new FileHashes(opts.cacheDir ? join(opts.cacheDir, 'file-hashes.json') : null);
  const extras = new Map<string, RunExtras>();
  for (const run of analysis.runs) if (todo.has(run.id) || newest.has(run.id)) extras.set(run.id, loadRunExtras(join(opts.runsDir, run.id), hashes));
  hashes.save();
  lap('run folders');

  const input: SiteInput = { analysis, extras, base: opts.base, generated_at: dataAsOf(analysis) };
  const entries: { permalink: string; type: string; model: { layout: unknown } }[] = [
    { permalink: 'index.html', type: 'overview', model: overviewView(input) },
    { permalink: 'runs/index.html', type: 'runs', model: runsIndexView(input) },
    { permalink: 'compare/index.html', type: 'compare', model: compareView(input) },
    { permalink: 'history/index.html', type: 'history', model: historyView(input) },
    { permalink: 'methodology/index.html', type: 'methodology', model: methodologyView(input) },
    ...(sweepHref(analysis, opts.base) ? [{ permalink: 'sweep/index.html', type: 'sweep', model: sweepView(input) }] : []),
    ...historyMetrics(analysis).map((metric) => ({ permalink: `history/${metric.replace(/[^A-Za-z0-9_-]/g, '_')}/index.html`, type: 'historyMetric', model: historyMetricView(input, metric) })),
    ...analysis.runs.filter((run) => todo.has(run.id)).map((run) => ({ permalink: `runs/${runSlug(run.id)}/index.html`, type: 'run', model: runView(input, run) })),
  ];
  lap('views');

  // Large datasets are not inlined in the page: the embedded spec loads them from data/charts/<hash>.json.
  const dataFiles = new Map<string, string>();
  const embedSpec = (full: TopLevelSpec): unknown => {
    const { title: _title, ...spec } = full; // the page prints the title above the chart
    const rows = (spec as { datasets?: Record<string, unknown[]> }).datasets?.table;
    if (!rows || rows.length <= INLINE_ROWS) return spec;
    const json = JSON.stringify(rows);
    const path = `data/charts/${createHash('sha256').update(json).digest('hex').slice(0, 20)}.json`;
    dataFiles.set(path, json);
    const { datasets: _inline, ...rest } = spec as TopLevelSpec & { datasets?: unknown };
    return { ...rest, data: { url: href(opts.base, path), format: { type: 'json' } } };
  };
  const renderer = new RenderPool(opts.cacheDir ? chartCacheDir(opts.cacheDir) : null);
  let pages: PageEntry[];
  try {
    pages = await Promise.all(
      entries.map(async (e) => {
        const model = (await renderCharts(e.model, (chart) => renderer.render(chart.staticSpec ?? chart.spec, chart.title), embedSpec)) as { layout: unknown };
        return { permalink: e.permalink, layout: model.layout, [e.type]: model };
      }),
    );
  } finally {
    await renderer.close();
  }
  lap('charts');

  // Pages whose model and templates are unchanged since the last build into this folder are not rendered again.
  const changed: PageEntry[] = [];
  for (const p of pages) {
    const h = createHash('sha256').update(code).update(JSON.stringify(p)).digest('hex');
    state.pages[p.permalink] = h;
    if (previous.pages[p.permalink] !== h || !existsSync(join(outDir, p.permalink))) changed.push(p);
  }
  for (const old of Object.keys(previous.pages)) {
    if (!(old in state.pages)) rmSync(join(outDir, old), { force: true });
  }
  lap('diff');

  if (changed.length) {
    // Eleventy is slow to load: only when a page is to be written
    const { default: Eleventy } = await import('@11ty/eleventy');
    const elev = new Eleventy(join(SITE_DIR, 'templates'), outDir, { quietMode: true, pathPrefix: opts.base, config: eleventyConfig(changed) as never });
    await elev.write();
  }
  lap('eleventy');

  const stats: WriteStats = { written: 0, unchanged: 0 };
  writeIfChanged(join(outDir, 'data', 'runs.json'), JSON.stringify(runsListJson(analysis)), stats);
  for (const run of analysis.runs) {
    if (!todo.has(run.id)) continue;
    const slug = runSlug(run.id);
    if (run.status !== 'error') writeIfChanged(join(outDir, 'runs', slug, 'summary.json'), JSON.stringify(runSummaryJson(analysis, run)), stats);
    for (const f of extras.get(run.id)?.files ?? []) {
      const to = join(outDir, 'runs', slug, 'raw', f.path);
      if (f.content !== undefined) writeIfChanged(to, f.content, stats);
      else copyIfChanged(join(opts.runsDir, run.id, f.path), to, stats);
    }
  }
  for (const name of readdirSync(join(SITE_DIR, 'assets'))) writeIfChanged(join(outDir, 'assets', name), readFileSync(join(SITE_DIR, 'assets', name)), stats);
  for (const [name, js] of Object.entries(await browserHelpers(SITE_DIR, opts.cacheDir))) writeIfChanged(join(outDir, 'assets', 'lib', name), js, stats);
  const vendor: Record<string, string> = {
    'vega.min.js': 'node_modules/vega/build/vega.min.js',
    'vega-lite.min.js': 'node_modules/vega-lite/build/vega-lite.min.js',
    'vega-embed.min.js': 'node_modules/vega-embed/build/vega-embed.min.js',
  };
  for (const [name, from] of Object.entries(vendor)) copyIfChanged(join(ROOT, from), join(outDir, 'assets', 'vendor', name), stats);
  writeIfChanged(join(outDir, '.nojekyll'), '', stats);
  for (const [path, json] of dataFiles) writeIfChanged(join(outDir, path), json, stats);
  const chartData = join(outDir, 'data', 'charts');
  if (existsSync(chartData)) {
    for (const f of readdirSync(chartData)) if (!dataFiles.has(`data/charts/${f}`)) rmSync(join(chartData, f), { force: true });
  }
  lap('files');

  if (stateFile) {
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, JSON.stringify(state));
  }
  return {
    pages: Object.keys(state.pages).length,
    pages_rendered: changed.length,
    charts_rendered: renderer.stats.rendered,
    charts_cached: renderer.stats.cached,
    files_written: stats.written,
    runs: analysis.runs.length,
    analyzed,
    timings_ms: t,
  };
}

/**
 * The line a build ends with.
 *
 * @example
 * buildSummary(result, opts, 3400) // 'site: 12 runs -> 28 pages in _site/ (3 rendered, 9 charts drawn, 40 from cache, 12 files written) in 3.4 s, base /'
 */
export function buildSummary(r: BuildResult, opts: BuildOptions, ms: number): string {
  return `site: ${r.runs} runs -> ${r.pages} pages in ${opts.outDir}/ (${r.pages_rendered} rendered, ${r.charts_rendered} charts drawn, ${r.charts_cached} from cache, ${r.files_written} files written) in ${(ms / 1000).toFixed(1)} s, base ${opts.base}`;
}

async function main(): Promise<number> {
  let opts: BuildOptions;
  try {
    opts = parseBuildArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`site: ${(e as Error).message}`);
    return 2;
  }
  const start = performance.now();
  try {
    const r = await buildSite(opts);
    if (r.analyzed) console.log(`site: ${r.analyzed}`);
    console.log(buildSummary(r, opts, performance.now() - start));
    if (!opts.quiet) console.log(`site: timings (ms) ${JSON.stringify(r.timings_ms)}`);
    if (!opts.quiet) console.log(`site: preview with: npm run serve -- --base ${opts.base} --dir ${opts.outDir}`);
    return 0;
  } catch (e) {
    console.error(`site: ${(e as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code));
}
