import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { migrateAnalysis } from '../../analysis/schema.ts';
import { syntheticRunFiles, type SyntheticSpec } from '../../bench/lib/synthetic.ts';
import { FIXTURE_RUNS } from './fixture.ts';

function analyze(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'analysis/cli/analyze.ts', ...args], { encoding: 'utf8' });
}

let tmp = '';
test.before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'gatebench-analyze-cli-'));
});
test.after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Write a SYNTHETIC run (bench/lib/synthetic.ts) as raw text files, as the bench does. */
async function writeRun(root: string, spec: SyntheticSpec): Promise<void> {
  const { manifest, files } = syntheticRunFiles(spec);
  for (const [p, text] of files) {
    await mkdir(dirname(join(root, spec.id, p)), { recursive: true });
    await writeFile(join(root, spec.id, p), text);
  }
  await writeFile(join(root, spec.id, 'manifest.json'), JSON.stringify(manifest));
}

test('--format json prints the analysis JSON and nothing else', () => {
  const r = analyze('--runs', FIXTURE_RUNS, '--format', 'json');
  assert.is(r.status, 0, r.stderr);
  const a = migrateAnalysis(JSON.parse(r.stdout));
  assert.equal(a.runs.map((x) => x.id), ['2026-11-22T19-15-00Z-nginx']);
});

test('the console report and the four report files', async () => {
  const out = join(tmp, 'reports');
  const r = analyze('--runs', FIXTURE_RUNS, '--out', out);
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.stdout.startsWith('=== BENCHMARK RESULTS ===\n'));
  assert.equal((await readdir(out)).sort(), ['analysis.json', 'metrics.csv', 'v1.0_baseline.md', 'v2.0_comparison.md']);
});

test('--site DIR: the site built from the analysis just made is, file for file, the one npm run site builds from the analysis.json written', async () => {
  const out = join(tmp, 'site-reports');
  const made = join(tmp, 'site-made');
  const read = join(tmp, 'site-read');
  const r = analyze('--runs', FIXTURE_RUNS, '--out', out, '--site', made, '--no-cache');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`\\nsite: 1 runs -> 17 pages in ${made}/ \\(17 rendered, \\d+ charts drawn, 0 from cache, \\d+ files written\\) in [\\d.]+ s, base /\\n`));
  const s = spawnSync(process.execPath, ['--import', 'tsx', 'site/build.ts', '--runs', FIXTURE_RUNS, '--analysis', join(out, 'analysis.json'), '--out', read, '--no-cache', '--quiet'], { encoding: 'utf8' });
  assert.is(s.status, 0, s.stderr);
  const files = (dir: string) => (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[]).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
  assert.ok(files(made).includes('index.html'));
  assert.equal(files(made), files(read));
  for (const f of files(made)) assert.ok(readFileSync(join(made, f)).equals(readFileSync(join(read, f))), f);
});

test('--site into a path that is a file: the reports are written, the site is not, one line says so, exit 1', async () => {
  const out = join(tmp, 'site-fails-reports');
  const blocked = join(tmp, 'site-blocked');
  await writeFile(blocked, 'not a folder');
  const r = analyze('--runs', FIXTURE_RUNS, '--out', out, '--site', blocked, '--no-cache');
  assert.is(r.status, 1);
  assert.equal((await readdir(out)).sort(), ['analysis.json', 'metrics.csv', 'v1.0_baseline.md', 'v2.0_comparison.md']);
  assert.is(r.stderr, `analyze: the site was not built: ${blocked} is not a folder\n`);
});

test('--cache DIR holds the per-run cache (one entry per run), --no-cache writes none', async () => {
  const cache = join(tmp, 'run-cache');
  assert.is(analyze('--runs', FIXTURE_RUNS, '--format', 'json', '--cache', cache).status, 0);
  assert.is((await readdir(cache)).filter((f) => f.endsWith('.json')).length, 1);
  const none = join(tmp, 'no-run-cache');
  assert.is(analyze('--runs', FIXTURE_RUNS, '--format', 'json', '--cache', none, '--no-cache').status, 0);
  assert.throws(() => readdirSync(none), /ENOENT/);
});

test('--fail-on regressed exits 1 naming the regressed metrics of the latest run', async () => {
  const root = join(tmp, 'regressed');
  await writeRun(root, { id: 'run-a', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: 10, effects: { fdpass: { rps: 0.8 } } });
  const r = analyze('--runs', root, '--format', 'json', '--fail-on', 'regressed');
  assert.is(r.status, 1);
  assert.match(r.stderr, /^regressed \(\d+\): throughput_rps: -(19|2\d)\.\d% \[/);
  const ok = join(tmp, 'fine');
  await writeRun(ok, { id: 'run-b', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: 10, effects: { fdpass: { rps: 1.2, gw_sys: 0.5 } } });
  assert.is(analyze('--runs', ok, '--format', 'json', '--fail-on', 'regressed').status, 0);
});

test('--fail-on invalid: a run whose comparisons could not give a verdict exits 1, in analyze and compare', async () => {
  const root = join(tmp, 'invalid');
  // 3 blocks: too few for a paired verdict
  await writeRun(root, { id: 'run-c', created_at: '2026-01-01T00:00:00Z', seed: 2, repetitions: 3 });
  const r = analyze('--runs', root, '--format', 'json', '--fail-on', 'regressed,invalid');
  assert.is(r.status, 1);
  assert.match(r.stderr, /^invalid \(\d+\): throughput_rps: invalid \(fdpass vs proxy\): only 3 blocks with throughput_rps on both sides/m);
  assert.is(analyze('--runs', root, '--format', 'json', '--fail-on', 'regressed').status, 0, 'no regression: regressed alone passes');
  const cmp = spawnSync(process.execPath, ['--import', 'tsx', 'analysis/cli/compare.ts', 'run-c', '--variants', 'proxy,fdpass', '--runs', root, '--fail-on', 'invalid'], { encoding: 'utf8' });
  assert.is(cmp.status, 1, cmp.stderr);
  assert.match(cmp.stderr, /^invalid \(\d+\): /m);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', 'analysis/cli/compare.ts', 'run-c', '--variants', 'proxy,fdpass', '--runs', root, '--fail-on', 'slower'], { encoding: 'utf8' });
  assert.is(bad.status, 2);
  assert.is(bad.stderr.trim(), 'compare: --fail-on takes regressed, invalid or both (regressed,invalid), got "slower"');
});

test('user mistakes: one line, exit 2', () => {
  const bad = analyze('--format', 'xml');
  assert.is(bad.status, 2);
  assert.is(bad.stderr, 'analyze: --format must be console or json, got "xml"\n');
  const targets = analyze('--targets', join(tmp, 'none.json'), '--format', 'json', '--runs', FIXTURE_RUNS);
  assert.is(targets.status, 2);
  assert.match(targets.stderr, /^analyze: .*none\.json: cannot read the targets file \(no such file\)\n$/);
  const seed = analyze('--seed=-1');
  assert.is(seed.stderr, 'analyze: --seed must be an integer between 0 and 4294967295, got "-1"\n');
  // nothing is resampled any more: the option is gone, and saying so is one line
  const site = analyze('--format', 'json', '--site', join(tmp, 'never'));
  assert.is(site.status, 2);
  assert.is(site.stderr, 'analyze: --site goes with the console report, not --format json (stdout would carry more than the JSON)\n');
  const resamples = analyze('--resamples', '500');
  assert.is(resamples.status, 2);
  assert.is(resamples.stderr, "analyze: Unknown option '--resamples' (see --help)\n");
});

test('compare: two variants of a run, and two runs', async () => {
  const compare = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'analysis/cli/compare.ts', ...args], { encoding: 'utf8' });
  const v = compare('--runs', FIXTURE_RUNS, '2026-11-22T19-15-00Z-nginx', '--variants', 'proxy,direct', '--format', 'json');
  assert.is(v.status, 0, v.stderr);
  const cs = JSON.parse(v.stdout);
  assert.equal([cs[0].metric, cs[0].baseline.variant, cs[0].candidate.variant], ['throughput_rps', 'proxy', 'direct']);
  const root = join(tmp, 'two');
  await writeRun(root, { id: 'a', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: 5 });
  await writeRun(root, { id: 'b', created_at: '2026-01-02T00:00:00Z', seed: 2, repetitions: 5, effects: { fdpass: { rps: 1.3 } } });
  const r = compare('--runs', root, 'a', 'b', '--variant', 'fdpass', '--format', 'json');
  assert.is(r.status, 0, r.stderr);
  const thr = JSON.parse(r.stdout).find((c: { metric: string }) => c.metric === 'throughput_rps');
  assert.equal([thr.run, thr.baseline.run, thr.candidate.run, thr.verdict], ['a..b', 'a', 'b', 'improved']);
  const text = compare('--runs', root, 'a', 'b');
  assert.match(text.stdout, /^a:proxy -> b:proxy\n/);
  const missing = compare('--runs', root, 'a', 'zzz');
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /^compare: zzz: no manifest\.json there, and no run "zzz" under .*\/two\/\n$/);
  const variant = compare('--runs', root, 'a', '--variants', 'proxy,nope');
  assert.is(variant.stderr, 'compare: a has no variant "nope" (it has proxy, fdpass)\n');
});

test.run();
