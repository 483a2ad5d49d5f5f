/**
 * Hostile raw files (tests/hardening/lib/hostile-files.ts: truncations, binary garbage, 100 MB lines,
 * NaN/inf/-nan, negative and absurd values, duplicate and backwards timestamps, empty files) through the
 * loader (ingest/load.ts readRawFile) and the `npm run --silent parse` CLI; hostile manifests (future
 * schema version, broken JSON, HTML/script in label and hostname) through loadRun; and an analysis over
 * a runs directory where one run is broken, which must still analyze the others.
 *
 * Each file must give a ParseError naming the file, the line where there is one, and a one-line reason,
 * or a record holding no NaN, infinity or negative number. Cases exposing known bugs in ingest/ are in
 * hostile-files-known-bugs.test.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeAll } from '../../analysis/analyze.ts';
import { loadTargets } from '../../analysis/cli/options.ts';
import { loadInputs } from '../../analysis/load/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { loadRun, readRawFile } from '../../ingest/load.ts';
import { ParseError } from '../../ingest/parse-error.ts';
import { writeHostileFiles } from './lib/hostile-files.ts';
import { KNOWN_BUGS } from './lib/known-bugs.ts';
import { insaneValue } from './lib/sane-record.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE_RUN = path.join(ROOT, 'tests', 'fixtures', 'analysis', 'runs', '2026-11-22T19-15-00Z-nginx');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gatebench-hostile-'));
const filesDir = path.join(tmp, 'files');
mkdirSync(filesDir);
const cases = writeHostileFiles(filesDir).filter((c) => !(c.name in KNOWN_BUGS));
const failedInProcess = new Set<string>();

for (const c of cases) {
  test(`${c.name}: ${c.expect === 'error' ? 'a clear error' : 'a clear error or a sane record'}`, async () => {
    let rec: unknown;
    try {
      rec = await readRawFile(c.path);
    } catch (e) {
      assert.instance(e, ParseError, `not a ParseError: ${(e as Error)?.stack ?? e}`);
      const pe = e as ParseError;
      failedInProcess.add(c.path);
      assert.is(pe.file, c.path);
      // (raw control characters echoed from the input are a separate known bug: see known-bugs.ts)
      assert.ok(pe.reason.length > 0 && !/\n/.test(pe.reason), `reason must be one line: ${JSON.stringify(pe.reason.slice(0, 200))}`);
      assert.ok(pe.reason.length < 1000, `reason too long (${pe.reason.length} chars): a huge input must not be echoed whole`);
      assert.ok(pe.describe().startsWith(`${c.path}:`), pe.describe());
      if (c.line !== undefined && pe.line !== undefined) assert.ok(pe.line >= c.line, `error at line ${pe.line}, the damage is on line ${c.line}`);
      return;
    }
    assert.is.not(c.expect, 'error', `${c.name} parsed but must be rejected`);
    const bad = insaneValue(rec);
    assert.is(bad, undefined, `${c.name} parsed into an implausible value: ${bad}`);
  });
}

test('npm run --silent parse: one FILE[:LINE]: reason line per bad file, exit 2, no stack trace', () => {
  const files = cases.map((c) => c.path);
  const r = spawnSync('npm', ['run', '--silent', 'parse', '--', ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = r.stderr.split('\n').filter((l) => l && !/^npm warn/i.test(l));
  assert.is(r.status, 2, r.stderr.slice(0, 2000));
  assert.not.match(r.stderr, /internal error|\n\s+at /);
  assert.is(r.stdout, '', 'nothing on stdout when a file failed');
  assert.is(lines.length, failedInProcess.size, lines.join('\n').slice(0, 3000));
  for (const l of lines) {
    const file = [...failedInProcess].find((f) => l.startsWith(`${f}:`));
    assert.ok(file, `stderr line names no hostile file: ${l.slice(0, 200)}`);
    assert.match(l.slice(file!.length), /^(:\d+)?: \S/);
  }
});

function copyRun(root: string, id: string): string {
  const dir = path.join(root, id);
  cpSync(FIXTURE_RUN, dir, { recursive: true });
  const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  m.id = id;
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
  return dir;
}

function editManifest(dir: string, edit: (m: Record<string, any>) => void): void {
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  edit(m);
  writeFileSync(file, JSON.stringify(m, null, 2));
}

test('manifest from the future: a clear error naming the file and both versions', async () => {
  const dir = copyRun(path.join(tmp, 'm1'), 'future');
  editManifest(dir, (m) => (m.schema_version = 999));
  const run = await loadRun(dir);
  assert.is(run.manifest, null);
  assert.is(run.error, `${path.join(dir, 'manifest.json')}: manifest schema_version 999 is newer than this gatebench (4): upgrade gatebench`);
});

test('manifest cut short, binary, or empty: a clear error, never a throw', async () => {
  const dir = copyRun(path.join(tmp, 'm2'), 'cut');
  const file = path.join(dir, 'manifest.json');
  const text = readFileSync(file, 'utf8');
  for (const [what, bytes] of [
    ['cut', Buffer.from(text.slice(0, text.length / 2))],
    ['binary', Buffer.from([0, 1, 2, 0xff, 0xfe, 0x7b])],
    ['empty', Buffer.alloc(0)],
    ['not an object', Buffer.from('[1,2,3]')],
  ] as const) {
    writeFileSync(file, bytes);
    const run = await loadRun(dir);
    assert.is(run.manifest, null, what);
    assert.ok(run.error?.startsWith(`${file}: `), `${what}: ${run.error}`);
    assert.not.match(run.error!, /\n/);
  }
});

const HTML_LABEL = '<img src=x onerror=alert(1)>';
const HTML_HOST = '<script>alert(1)</script>';

test('labels and hostnames with HTML/script load verbatim (escaping is the renderer\'s job)', async () => {
  const dir = copyRun(path.join(tmp, 'm3'), 'html');
  editManifest(dir, (m) => {
    m.label = HTML_LABEL;
    m.machine.hostname = HTML_HOST;
    m.config.variants[0].label = `"></a>${HTML_LABEL}`;
  });
  const run = await loadRun(dir);
  assert.is(run.error, null);
  assert.is(run.manifest!.label, HTML_LABEL);
  assert.is(run.manifest!.machine.hostname, HTML_HOST);
});

test('analysis over a runs dir with broken runs still analyzes the others', async () => {
  const root = path.join(tmp, 'runs');
  const good = copyRun(root, '2026-11-22T19-15-00Z-good');
  const future = copyRun(root, '2026-11-22T19-16-00Z-future');
  editManifest(future, (m) => (m.schema_version = 999));
  const garbled = copyRun(root, '2026-11-22T19-17-00Z-garbled');
  const broken = path.join(garbled, 'proxy', 'rep-1', 'throughput.wrk.txt');
  writeFileSync(broken, Buffer.concat([readFileSync(broken).subarray(0, 200), Buffer.from([0, 0xff, 0x13])]));
  const html = copyRun(root, '2026-11-22T19-18-00Z-html');
  editManifest(html, (m) => {
    m.label = HTML_LABEL;
    m.machine.hostname = HTML_HOST;
  });
  const inputs = await loadInputs(root);
  assert.is(inputs.length, 4);
  const { analysis } = analyzeAll(inputs, DEFAULT_SETTINGS, await loadTargets(undefined));
  const byId = new Map(analysis.runs.map((r) => [r.id, r]));
  assert.is(byId.size, 4);

  const g = byId.get('2026-11-22T19-15-00Z-good')!;
  assert.is(g.status, 'complete');
  assert.is(g.error, null);
  assert.ok(g.summaries.length > 0, 'the good run has summaries');
  assert.ok(analysis.comparisons.some((c) => c.run === g.id), 'the good run is compared');

  const f = byId.get('2026-11-22T19-16-00Z-future')!;
  assert.is(f.status, 'error');
  assert.is(f.error!.file, path.join(future, 'manifest.json'));
  assert.match(f.error!.reason, /schema_version 999 is newer/);

  const b = byId.get('2026-11-22T19-17-00Z-garbled')!;
  const errs = b.repetitions.flatMap((r) => r.errors);
  assert.is(errs.length, 1, JSON.stringify(errs));
  assert.is(errs[0]!.file, broken);
  assert.ok(errs[0]!.reason.length > 0);
  assert.ok(b.summaries.length > 0, 'the rest of the garbled run is still summarized');

  const h = byId.get('2026-11-22T19-18-00Z-html')!;
  assert.is(h.label, HTML_LABEL);
  assert.is(h.machine!.hostname, HTML_HOST);

  // The same through the CLI: exit 0, valid JSON, no stack trace.
  const cli = spawnSync('npm', ['run', '--silent', 'analyze', '--', '--runs', root, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  assert.is(cli.status, 0, cli.stderr.slice(-2000));
  assert.not.match(cli.stderr, /\n\s+at /);
  const json = JSON.parse(cli.stdout) as { runs: Array<{ id: string; status: string; error?: unknown }> };
  assert.equal(
    json.runs.map((r) => `${r.id} ${r.status}`).sort(),
    [
      '2026-11-22T19-15-00Z-good complete',
      '2026-11-22T19-16-00Z-future error',
      '2026-11-22T19-17-00Z-garbled complete',
      '2026-11-22T19-18-00Z-html complete',
    ],
    // seen once in CI under load (garbled and html reported as errors): say why if it happens again
    `run errors: ${JSON.stringify(json.runs.filter((r) => r.status === 'error').map((r) => [r.id, r.error]))}`,
  );
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
