import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempRunDir, finalizeRunDir, runDirName, writeRunFile } from '../../../ingest/collect/writer.ts';

test('runDirName: UTC, no colons', () => {
  assert.is(runDirName(new Date('2026-11-22T18:51:22.123Z'), 'v1.0-vs-v2.0'), '2026-11-22T18-51-22Z-v1.0-vs-v2.0');
});

test('a run is written in .tmp-<id> then renamed; an existing run is never replaced', () => {
  const out = mkdtempSync(join(tmpdir(), 'gb-writer-'));
  try {
    const tmp = createTempRunDir(out, 'R');
    assert.is(tmp, join(out, '.tmp-R'));
    writeRunFile(tmp, 'a/rep-1/x.txt', 'first');
    assert.throws(() => writeRunFile(tmp, 'a/rep-1/x.txt', 'second'), /EEXIST/);
    assert.is(finalizeRunDir(tmp, out, 'R'), join(out, 'R'));
    assert.is(readFileSync(join(out, 'R/a/rep-1/x.txt'), 'utf8'), 'first');

    const tmp2 = createTempRunDir(out, 'R');
    writeRunFile(tmp2, 'manifest.json', '{}');
    assert.is(finalizeRunDir(tmp2, out, 'R'), join(out, 'R-2'));
    assert.is(readFileSync(join(out, 'R/a/rep-1/x.txt'), 'utf8'), 'first');
    assert.equal(readdirSync(out).sort(), ['R', 'R-2']);
    assert.ok(!existsSync(join(out, '.tmp-R')));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('createTempRunDir refuses a directory another collect is using', () => {
  const out = mkdtempSync(join(tmpdir(), 'gb-writer-'));
  try {
    createTempRunDir(out, 'R');
    assert.throws(() => createTempRunDir(out, 'R'), /\.tmp-R already exists: another collect is writing there/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
