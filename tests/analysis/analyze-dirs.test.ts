import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeAll } from '../../analysis/analyze.ts';
import { analyzeDirs } from '../../analysis/analyze-dirs.ts';
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
  const parallel = await analyzeDirs(dirs, DEFAULT_SETTINGS, [], 2);
  const serial = await analyzeDirs(dirs, DEFAULT_SETTINGS, [], 1);
  const memory = analyzeAll(await loadInputs(root), DEFAULT_SETTINGS, []).analysis;
  assert.is(parallel.runs.length, 8);
  assert.is(JSON.stringify(parallel), JSON.stringify(serial));
  assert.is(JSON.stringify(serial), JSON.stringify(memory));
});

test.run();
