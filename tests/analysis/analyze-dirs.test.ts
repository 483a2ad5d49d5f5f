import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeAll } from '../../analysis/analyze.ts';
import { analyzeDirs, analyzeDirsRendered } from '../../analysis/analyze-dirs.ts';
import { reportFiles } from '../../analysis/report-files.ts';
import { outputText, type OutputFile } from '../../analysis/write.ts';
import { loadInputs } from '../../analysis/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRunFiles } from '../../analysis/synthetic.ts';

let root = '';
test.before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gatebench-analyze-dirs-'));
  // 8 SYNTHETIC runs (analysis/synthetic.ts) written as raw text files
  for (let i = 0; i < 8; i++) {
    const id = `run-${i}`;
    const { manifest, files } = syntheticRunFiles({ id, created_at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), seed: i, repetitions: 3 });
    for (const [p, text] of files) {
      await mkdir(dirname(join(root, id, p)), { recursive: true });
      await writeFile(join(root, id, p), text);
    }
    await writeFile(join(root, id, 'manifest.json'), JSON.stringify(manifest));
  }
});
test.after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('worker threads, one thread and the in-memory path give the same analysis', async () => {
  const dirs = Array.from({ length: 8 }, (_, i) => join(root, `run-${i}`));
  const parallel = await analyzeDirs(dirs, DEFAULT_SETTINGS, [], { threads: 2, cacheDir: null });
  const serial = await analyzeDirs(dirs, DEFAULT_SETTINGS, [], { threads: 1, cacheDir: null });
  const memory = analyzeAll(await loadInputs(root), DEFAULT_SETTINGS, []).analysis;
  assert.is(parallel.runs.length, 8);
  assert.is(JSON.stringify(parallel), JSON.stringify(serial));
  assert.is(JSON.stringify(serial), JSON.stringify(memory));
});

test('the per-run cache: a second analysis reads every run from it and gives the same JSON; a changed file is redone', async () => {
  const dirs = Array.from({ length: 8 }, (_, i) => join(root, `run-${i}`));
  const cacheDir = join(root, '.cache');
  const cold = await analyzeDirs(dirs, DEFAULT_SETTINGS, [], { threads: 1, cacheDir });
  assert.is((await readdir(cacheDir)).filter((f) => f.endsWith('.json')).length, 8);
  const warm = await analyzeDirs(dirs, DEFAULT_SETTINGS, [], { threads: 1, cacheDir });
  assert.is(JSON.stringify(warm), JSON.stringify(cold));
  // another seed is another key
  await analyzeDirs(dirs, { ...DEFAULT_SETTINGS, seed: 5 }, [], { threads: 1, cacheDir });
  assert.is((await readdir(cacheDir)).filter((f) => f.endsWith('.json')).length, 16);
  // a raw file that changes (size) invalidates its run only
  const wrk = join(root, 'run-3', 'proxy/rep-1/throughput.wrk.txt');
  await writeFile(wrk, (await readFile(wrk, 'utf8')).replace('Requests/sec:', 'Requests/sec: ').replace('Requests/sec:  ', 'Requests/sec: '));
  await appendFile(wrk, '\n');
  await analyzeDirs(dirs, DEFAULT_SETTINGS, [], { threads: 1, cacheDir });
  assert.is((await readdir(cacheDir)).filter((f) => f.endsWith('.json')).length, 17);
});

test('reports put together from the runs\' rendered pieces equal the plain ones (workers, cold and warm cache)', async () => {
  const dirs = Array.from({ length: 8 }, (_, i) => join(root, `run-${i}`));
  const cacheDir = join(root, '.cache-rendered');
  for (const pass of ['cold', 'warm']) {
    const { analysis, rendered } = await analyzeDirsRendered(dirs, DEFAULT_SETTINGS, [], { threads: 2, cacheDir });
    assert.is(rendered.size, 8, pass);
    const files = reportFiles(analysis, rendered);
    assert.equal(files.map((f) => f.name), ['v1.0_baseline.md', 'v2.0_comparison.md', 'analysis.json', 'metrics.csv']);
    const text = (fs: OutputFile[]) => fs.map((f) => ({ name: f.name, text: outputText(f) }));
    assert.equal(text(files), text(reportFiles(analysis)), pass);
  }
  assert.is((await readdir(cacheDir)).filter((f) => f.endsWith('.json')).length, 8);
});

test.run();
