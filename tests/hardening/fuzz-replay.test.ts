/**
 * Replays the committed fuzz seed corpus and every regression input (native/fuzz/regressions/) through
 * the libFuzzer targets once each (-runs=0): any crash, sanitizer report or parser invariant failure
 * fails the test. This is how a crash found by `npm run fuzz` stays fixed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { libFuzzerStats } from '../../hardening/lib/libfuzzer-stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FUZZ_DIR = path.join(ROOT, 'native', 'fuzz');

function inputs(dir: string): number {
  return readdirSync(dir).filter((n) => !n.startsWith('.')).length;
}

test('native/fuzz builds with clang (libFuzzer + ASan + UBSan)', () => {
  const r = spawnSync('make', ['-C', FUZZ_DIR, '-s'], { encoding: 'utf8' });
  assert.is(r.status, 0, `make -C native/fuzz failed:\n${r.stdout}${r.stderr}`);
});

for (const target of ['http', 'frame']) {
  test(`${target}: seed corpus and regressions replay with no report`, () => {
    const corpus = path.join(FUZZ_DIR, 'corpus', target);
    const regressions = path.join(FUZZ_DIR, 'regressions', target);
    const expected = inputs(corpus) + inputs(regressions);
    assert.ok(inputs(corpus) >= 10, `${corpus} should hold the committed seeds`);
    const r = spawnSync(path.join(FUZZ_DIR, 'build', `fuzz-${target}`), ['-runs=0', corpus, regressions], {
      encoding: 'utf8',
      env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1' },
    });
    const stats = libFuzzerStats(r.stderr);
    assert.equal(stats.reports, [], `fuzz-${target} reported:\n${r.stderr.slice(-4000)}`);
    assert.is(r.status, 0, r.stderr.slice(-4000));
    // libFuzzer runs every input plus one empty input.
    assert.is(stats.executions, expected + 1);
  });
}

test.run();
