import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeAll } from '../../analysis/analyze.ts';
import { loadInputs } from '../../analysis/load/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { FIXTURE_ID, FIXTURE_RUNS } from './fixture.ts';

let root = '';

test.before(async () => {
  root = await mkdtemp(join(tmpdir(), 'gatebench-load-inputs-'));
  await cp(join(FIXTURE_RUNS, FIXTURE_ID), join(root, FIXTURE_ID), { recursive: true });
  // damage one raw file: a wrk output cut short after its header
  await writeFile(join(root, FIXTURE_ID, 'direct/rep-2/throughput.wrk.txt'), 'Running 3s test @ http://127.0.0.1:18080/\n  1 threads and 20 connections\n');
  // a run whose manifest is not JSON, and one whose manifest is invalid
  await mkdir(join(root, 'broken-json'));
  await writeFile(join(root, 'broken-json', 'manifest.json'), '{ "schema_version": 1,');
  await mkdir(join(root, 'broken-schema'));
  await writeFile(join(root, 'broken-schema', 'manifest.json'), JSON.stringify({ schema_version: 1, id: 'x' }));
});

test.after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('every run is listed; unreadable manifests come back as errors with the file', async () => {
  const inputs = await loadInputs(root);
  assert.equal(inputs.map((r) => [r.id, r.manifest === null]), [
    [FIXTURE_ID, false],
    ['broken-json', true],
    ['broken-schema', true],
  ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  const bj = inputs.find((r) => r.id === 'broken-json')!;
  assert.is(bj.error!.file, join(root, 'broken-json', 'manifest.json'));
  assert.match(bj.error!.reason, /not valid JSON/);
  assert.match(inputs.find((r) => r.id === 'broken-schema')!.error!.reason, /manifest invalid at/);
});

test('a raw file that fails to parse is an error with file and reason; the run is still analyzed', async () => {
  const inputs = await loadInputs(root);
  const run = inputs.find((r) => r.id === FIXTURE_ID)!;
  const bad = run.files.get('direct/rep-2/throughput.wrk.txt')!;
  assert.ok(bad.error);
  assert.is(bad.error!.file, join(root, FIXTURE_ID, 'direct/rep-2/throughput.wrk.txt'));
  assert.ok(bad.error!.reason.length > 0);
  const { analysis } = analyzeAll(inputs, DEFAULT_SETTINGS, []);
  const r = analysis.runs.find((x) => x.id === FIXTURE_ID)!;
  assert.is(r.status, 'complete');
  assert.ok(r.warnings.some((w) => w.code === 'parse-error' && w.file === bad.error!.file));
  const thr = analysis.comparisons.find((c) => c.run === FIXTURE_ID && c.metric === 'throughput_rps')!;
  assert.is(thr.candidate.n, 2); // one direct repetition lost its wrk output
  assert.equal(
    analysis.runs.filter((x) => x.status === 'error').map((x) => x.id),
    ['broken-json', 'broken-schema'],
  );
});

test('a missing root gives no runs', async () => {
  assert.equal(await loadInputs(join(root, 'nope')), []);
});

test.run();
