/**
 * KNOWN BUGS found by the hostile-file suite in code owned by others (ingest/). These tests assert the
 * correct behaviour and FAIL until the owner fixes the bug; each name says where. Delete the entry in
 * lib/known-bugs.ts when fixed: the case then moves into hostile-files.test.ts automatically.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRawFile } from '../../ingest/load.ts';
import { ParseError } from '../../ingest/parse-error.ts';
import { hostileCases, writeHostileFiles } from './lib/hostile-files.ts';
import { CONTROL_CHARS_IN_REASON, KNOWN_BUGS } from './lib/known-bugs.ts';
import { insaneValue } from './lib/sane-record.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gatebench-known-bugs-'));
const wanted = new Set<string>([...Object.keys(KNOWN_BUGS), 'bench-throughput-binary-line-inserted.txt', 'pidstat-binary-line-inserted.txt']);
const files = new Map(
  writeHostileFiles(tmp, hostileCases().filter((c) => wanted.has(c.name))).map((c) => [c.name, c] as const),
);

for (const [name, bug] of Object.entries(KNOWN_BUGS)) {
  test(`KNOWN BUG: ${name}: ${bug}`, async () => {
    const c = files.get(name);
    assert.ok(c, `${name} is no longer in the hostile catalogue`);
    let rec: unknown;
    try {
      rec = await readRawFile(c!.path);
    } catch (e) {
      assert.instance(e, ParseError, `not a ParseError: ${String((e as Error)?.stack ?? e).split('\n').slice(0, 3).join(' | ')}`);
      assert.is((e as ParseError).file, c!.path);
      return;
    }
    assert.is.not(c!.expect, 'error', `parsed, but must be rejected: ${JSON.stringify(rec).slice(0, 300)}`);
    assert.is(insaneValue(rec), undefined, `parsed into an implausible value: ${insaneValue(rec)}`);
  });
}

test(`regression (fixed in 06eca5a): ${CONTROL_CHARS_IN_REASON}`, () => {
  const paths = ['bench-throughput-binary-line-inserted.txt', 'pidstat-binary-line-inserted.txt'].map((n) => files.get(n)!.path);
  const r = spawnSync('npm', ['run', '--silent', 'parse', '--', ...paths], { cwd: ROOT, encoding: 'latin1' });
  assert.is(r.status, 2);
  const lines = r.stderr.split('\n').filter((l) => l && !/^npm warn/i.test(l));
  assert.is(lines.length, 2);
  for (const l of lines) assert.not.match(l, /[\x00-\x08\x0b-\x1f\x7f]/, `control characters reach the terminal: ${JSON.stringify(l.slice(0, 120))}`);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
