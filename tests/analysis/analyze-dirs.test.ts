import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeDir, analyzeDirs, analyzeDirsRendered, analyzeRunsFolder } from '../../analysis/analyze-dirs.ts';
import { reportFiles } from '../../analysis/report/report-files.ts';
import { outputText, type OutputFile } from '../../analysis/report/write.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRunFiles } from '../../bench/lib/synthetic.ts';

let root = '';
const dirs = Array.from({ length: 8 }, (_, i) => `run-${i}`);
test.before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gatebench-analyze-dirs-'));
  // 8 SYNTHETIC runs (bench/lib/synthetic.ts) written as raw text files, fdpass 20% faster from run-4 on
  for (let i = 0; i < 8; i++) {
    const id = `run-${i}`;
    const effects = { fdpass: { rps: i >= 4 ? 1.2 : 1 } };
    const { manifest, files } = syntheticRunFiles({ id, created_at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), seed: i, repetitions: 6, effects });
    for (const [p, text] of files) {
      await mkdir(dirname(join(root, 'runs', id, p)), { recursive: true });
      await writeFile(join(root, 'runs', id, p), text);
    }
    await writeFile(join(root, 'runs', id, 'manifest.json'), JSON.stringify(manifest));
  }
});
test.after(async () => {
  await rm(root, { recursive: true, force: true });
});

const dir = (id: string) => join(root, 'runs', id);
const entries = async (cacheDir: string) => (await readdir(cacheDir)).filter((f) => f.endsWith('.json'));

test('one run: analyzed, stored, then read back from the cache as the same JSON and CSV rows', async () => {
  const cacheDir = join(root, '.cache-one');
  const cold = await analyzeDir(dir('run-0'), DEFAULT_SETTINGS, [], cacheDir);
  assert.is(cold.cached, false);
  assert.is(cold.part.run.id, 'run-0');
  assert.is(cold.json, JSON.stringify(cold.part));
  assert.ok(cold.part.comparisons.some((c) => c.metric === 'throughput_rps'));
  assert.ok(cold.csv.startsWith('run-0,2026-01-01T00:00:00.000Z,'));
  const stored = await entries(cacheDir);
  assert.is(stored.length, 1);
  assert.is(await readFile(join(cacheDir, stored[0]), 'utf8'), cold.json);
  const warm = await analyzeDir(dir('run-0'), DEFAULT_SETTINGS, [], cacheDir);
  assert.is(warm.cached, true);
  assert.is(warm.json, cold.json);
  assert.is(warm.csv, cold.csv);
  // without a cache directory nothing is read or written
  const none = await analyzeDir(dir('run-0'), DEFAULT_SETTINGS, [], null);
  assert.is(none.cached, false);
  assert.is(none.json, cold.json);
});

test('a damaged cache entry (torn, or not JSON inside) is a miss: the run is analyzed again and stored anew', async () => {
  const cacheDir = join(root, '.cache-damaged');
  const good = await analyzeDir(dir('run-1'), DEFAULT_SETTINGS, [], cacheDir);
  const entry = join(cacheDir, (await entries(cacheDir))[0]);
  for (const damaged of [good.json.slice(0, 100), '{"run": not json}']) {
    await writeFile(entry, damaged);
    const again = await analyzeDir(dir('run-1'), DEFAULT_SETTINGS, [], cacheDir);
    assert.is(again.cached, false, damaged);
    assert.is(again.json, good.json);
    assert.is(await readFile(entry, 'utf8'), good.json);
  }
});

test('a runs folder: every run in creation order, the step from run-4 on found, the latest run per machine', async () => {
  const { analysis, rendered } = await analyzeRunsFolder(join(root, 'runs'), DEFAULT_SETTINGS, [], { cacheDir: null });
  assert.equal(analysis.runs.map((r) => r.id), dirs);
  assert.equal([...rendered.keys()], dirs);
  assert.equal(Object.values(analysis.latest), ['run-7']);
  assert.is(analysis.history.groups.length, 1);
  const thr = (run: string) => analysis.comparisons.find((c) => c.run === run && c.metric === 'throughput_rps')!;
  assert.is(thr('run-2').verdict, 'no significant difference');
  assert.is(thr('run-6').verdict, 'improved');
  const series = analysis.history.groups[0].series.find((s) => s.metric === 'throughput_rps' && s.variant === 'fdpass')!;
  assert.equal(series.change_points.map((p) => p.run), ['run-4']);
});

test('the per-run cache: a second analysis reads every run from it and gives the same JSON; a changed file is redone', async () => {
  const paths = dirs.map(dir);
  const cacheDir = join(root, '.cache');
  const cold = await analyzeDirs(paths, DEFAULT_SETTINGS, [], { cacheDir });
  assert.is((await entries(cacheDir)).length, 8);
  const warm = await analyzeDirs(paths, DEFAULT_SETTINGS, [], { cacheDir });
  assert.is(JSON.stringify(warm), JSON.stringify(cold));
  assert.is((await entries(cacheDir)).length, 8);
  // another seed is another key
  await analyzeDirs(paths, { ...DEFAULT_SETTINGS, seed: 5 }, [], { cacheDir });
  assert.is((await entries(cacheDir)).length, 16);
  // a raw file that changes (size) invalidates its run only
  await appendFile(join(dir('run-3'), 'proxy/rep-1/throughput.wrk.txt'), '\n');
  await analyzeDirs(paths, DEFAULT_SETTINGS, [], { cacheDir });
  assert.is((await entries(cacheDir)).length, 17);
});

test("reports put together from the runs' rendered pieces equal the plain ones (cold and warm cache)", async () => {
  const cacheDir = join(root, '.cache-rendered');
  for (const pass of ['cold', 'warm']) {
    const { analysis, rendered } = await analyzeDirsRendered(dirs.map(dir), DEFAULT_SETTINGS, [], { cacheDir });
    assert.is(rendered.size, 8, pass);
    const files = reportFiles(analysis, rendered);
    assert.equal(files.map((f) => f.name), ['v1.0_baseline.md', 'v2.0_comparison.md', 'analysis.json', 'metrics.csv']);
    const text = (fs: OutputFile[]) => fs.map((f) => ({ name: f.name, text: outputText(f) }));
    assert.equal(text(files), text(reportFiles(analysis)), pass);
  }
  assert.is((await entries(cacheDir)).length, 8);
});

test.run();
