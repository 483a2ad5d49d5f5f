import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSeedRun, seedFiles } from '../../../ingest/collect/import-run.ts';
import { migrateManifest } from '../../../ingest/manifest.ts';
import { startCli } from './run-cli.ts';

const SEED = 'tests/fixtures/seed-era';
const out = mkdtempSync(join(tmpdir(), 'gb-import-'));
test.after(() => rmSync(out, { recursive: true, force: true }));

test('seedFiles finds both seed-era variants', () => {
  assert.equal(seedFiles(SEED), [
    { variant: 'proxy', label: 'v1.0', cpu: `${SEED}/proxy_cpu.csv`, wrk: `${SEED}/proxy_wrk.txt` },
    { variant: 'fdpass', label: 'v2.0', cpu: `${SEED}/zerocopy_cpu.csv`, wrk: `${SEED}/zerocopy_wrk.txt` },
  ]);
});

test('import copies the files untouched and writes a manifest that says what is unknown', async () => {
  const dest = join(out, 'a');
  const { runDir, manifest } = await importSeedRun(SEED, 'seed', dest, ['tests/fixtures/seed-era', '--label', 'seed']);
  assert.equal(readdirSync(dest), [runDir.split('/').pop()]);
  assert.match(runDir, /\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-seed$/);
  for (const [variant, prefix] of [['proxy', 'proxy'], ['fdpass', 'zerocopy']]) {
    assert.is(readFileSync(join(runDir, `${variant}/rep-1/throughput.wrk.txt`), 'utf8'), readFileSync(`${SEED}/${prefix}_wrk.txt`, 'utf8'));
    assert.is(readFileSync(join(runDir, `${variant}/rep-1/throughput.pidstat.csv`), 'utf8'), readFileSync(`${SEED}/${prefix}_cpu.csv`, 'utf8'));
  }
  const m = migrateManifest(JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')));
  assert.equal(m, manifest);
  assert.is(m.status, 'complete');
  assert.is(m.label, 'seed');
  assert.equal(m.config.variants.map((v) => [v.name, v.label]), [['proxy', 'v1.0'], ['fdpass', 'v2.0']]);
  assert.is(m.config.baseline, 'proxy');
  assert.is(m.config.candidate, 'fdpass');
  assert.is(m.config.threads, 4);
  assert.is(m.config.connections, 100);
  assert.is(m.config.duration_s, 3);
  assert.is(m.machine.fingerprint, 'unknown');
  assert.equal(m.git, { commit: null, dirty: null });
  assert.equal(m.skipped.map((s) => s.phase), ['fixed-rate', 'strace', 'perf-record']);
  assert.is(m.repetitions[0].phases[0].summary?.requests, 230013);
  assert.is(m.repetitions[1].phases[0].summary?.requests, 174761);
  assert.equal(m.repetitions[0].phases[0].files, [
    { role: 'wrk', path: 'proxy/rep-1/throughput.wrk.txt' },
    { role: 'pidstat-csv', path: 'proxy/rep-1/throughput.pidstat.csv' },
  ]);
  assert.is(m.imported?.files.length, 4);
  assert.ok(m.imported?.from.endsWith('tests/fixtures/seed-era'));
});

test('a wrk file that records no run fails that repetition, keeps the file', async () => {
  const dir = join(out, 'broken-src');
  const dest = join(out, 'b');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir);
  writeFileSync(join(dir, 'zerocopy_wrk.txt'), readFileSync('tests/fixtures/wrk/refused.txt', 'utf8'));
  const { manifest } = await importSeedRun(dir, 'refused', dest);
  assert.is(manifest.status, 'failed');
  assert.is(manifest.repetitions.length, 1);
  assert.is(manifest.repetitions[0].variant, 'fdpass');
  assert.match(manifest.repetitions[0].error ?? '', /^the wrk output does not record a usable run: .*zerocopy_wrk\.txt:1: /);
});

test('import CLI: usage errors are one line, exit 2', async () => {
  const a = startCli('ingest/collect/import-cli.ts', [SEED]);
  const b = startCli('ingest/collect/import-cli.ts', [join(out, 'empty-nope'), '--label', 'x']);
  const c = startCli('ingest/collect/import-cli.ts', [SEED, '--label', 'a b']);
  const [ea, eb, ec] = await Promise.all([a.done, b.done, c.done]);
  assert.is(ea.code, 2);
  assert.match(a.stderr(), /^import: --label is missing\n/);
  assert.is(eb.code, 2);
  assert.is(b.stderr().trim(), `import: ${join(out, 'empty-nope')} is not a directory`);
  assert.is(ec.code, 2);
  assert.is(c.stderr().trim(), "import: --label 'a b' may only contain letters, digits, '.', '_' and '-' (it names a directory)");
});

test('import CLI: imports and prints what it found', async () => {
  const dest = join(out, 'cli');
  const run = startCli('ingest/collect/import-cli.ts', [SEED, '--label', 'seed-era', '--out', dest]);
  assert.is((await run.done).code, 0, run.stderr());
  assert.match(run.stdout(), /^import: proxy \(v1\.0\): complete, 76604\.05 req\/s$/m);
  assert.match(run.stdout(), /^import: fdpass \(v2\.0\): complete, 56377\.12 req\/s$/m);
  assert.is(readdirSync(dest).length, 1);
});

test.run();
