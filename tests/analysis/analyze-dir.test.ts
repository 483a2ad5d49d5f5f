import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeDir } from '../../analysis/analyze-dir.ts';
import { analyzeDirs } from '../../analysis/analyze-dirs.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRunFiles } from '../../analysis/synthetic.ts';

let root = '';
test.before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gatebench-analyze-dir-'));
  // one SYNTHETIC run (analysis/synthetic.ts) written as raw text files
  const { manifest, files } = syntheticRunFiles({ id: 'run-a', created_at: '2026-01-02T00:00:00Z', seed: 7, repetitions: 3 });
  for (const [p, text] of files) {
    await mkdir(dirname(join(root, 'run-a', p)), { recursive: true });
    await writeFile(join(root, 'run-a', p), text);
  }
  await writeFile(join(root, 'run-a', 'manifest.json'), JSON.stringify(manifest));
});
test.after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('analyzes a run, stores it, then reads the same JSON from the cache', async () => {
  const cacheDir = join(root, '.cache');
  const cold = await analyzeDir(join(root, 'run-a'), DEFAULT_SETTINGS, [], cacheDir);
  assert.is(cold.cached, false);
  const part = JSON.parse(cold.json);
  assert.is(part.run.id, 'run-a');
  assert.ok(part.comparisons.some((c: { metric: string }) => c.metric === 'throughput_rps'));
  const entries = (await readdir(cacheDir)).filter((f) => f.endsWith('.json'));
  assert.is(entries.length, 1);
  assert.is(await readFile(join(cacheDir, entries[0]), 'utf8'), cold.json);
  assert.ok(cold.csv!.startsWith('run-a,2026-01-02T00:00:00Z,'));
  const warm = await analyzeDir(join(root, 'run-a'), DEFAULT_SETTINGS, [], cacheDir);
  assert.is(warm.cached, true);
  assert.is(warm.json, cold.json);
  assert.is(warm.csv, null); // made again from the JSON by the caller
  // without a cache directory nothing is read or written
  const none = await analyzeDir(join(root, 'run-a'), DEFAULT_SETTINGS, [], null);
  assert.is(none.cached, false);
  assert.is(none.json, cold.json);
});

test('a damaged cache entry is a miss (torn file) or is redone (not JSON inside), never an error', async () => {
  const cacheDir = join(root, '.cache-damaged');
  const dir = join(root, 'run-a');
  const good = await analyzeDir(dir, DEFAULT_SETTINGS, [], cacheDir);
  const entry = join(cacheDir, (await readdir(cacheDir)).find((f) => f.endsWith('.json'))!);
  await writeFile(entry, good.json.slice(0, 100)); // torn: not a whole object
  const torn = await analyzeDir(dir, DEFAULT_SETTINGS, [], cacheDir);
  assert.is(torn.cached, false);
  assert.is(torn.json, good.json);
  await writeFile(entry, '{"run": not json}'); // looks whole, does not parse: analyzeDirs redoes the run
  const analysis = await analyzeDirs([dir], DEFAULT_SETTINGS, [], { threads: 1, cacheDir });
  assert.is(analysis.runs.length, 1);
  assert.is(JSON.stringify(analysis.runs[0]), JSON.stringify(JSON.parse(good.json).run));
});

test.run();
