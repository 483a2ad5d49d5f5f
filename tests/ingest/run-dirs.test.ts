import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runDirs } from '../../ingest/run-dirs.ts';
import { listRuns } from '../../ingest/load.ts';

const tmp = mkdtempSync(join(tmpdir(), 'gatebench-run-dirs-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('runDirs: the folders holding a manifest.json, sorted, whatever the manifest says; the same runs as listRuns', async () => {
  const root = join(tmp, 'runs');
  for (const [id, text] of [
    ['run-b', '{"schema_version": 1}'],
    ['run-a', 'not JSON at all'],
    ['run-c', ''],
  ]) {
    mkdirSync(join(root, id), { recursive: true });
    writeFileSync(join(root, id, 'manifest.json'), text);
  }
  mkdirSync(join(root, 'scratch')); // no manifest: not a run
  writeFileSync(join(root, 'notes.txt'), 'a file beside the runs');
  writeFileSync(join(root, 'scratch', 'manifest.json.bak'), '{}');

  assert.equal(await runDirs(root), [join(root, 'run-a'), join(root, 'run-b'), join(root, 'run-c')]);
  assert.equal(
    (await listRuns(root)).map((r) => r.dir),
    await runDirs(root),
  );
});

test('runDirs: a missing runs folder is an empty list; a runs folder that is a file is an error', async () => {
  assert.equal(await runDirs(join(tmp, 'no-such-folder')), []);
  writeFileSync(join(tmp, 'a-file'), '');
  try {
    await runDirs(join(tmp, 'a-file'));
    assert.unreachable();
  } catch (e) {
    assert.is((e as NodeJS.ErrnoException).code, 'ENOTDIR');
  }
});

test.run();
