import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listRuns, loadRun, readRawFile, STREAM_THRESHOLD_BYTES, streamPidstatFile } from '../../ingest/load.ts';
import { parsePidstat } from '../../ingest/parsers/pidstat.ts';
import { detectFormat, SNIFF_BYTES } from '../../ingest/detect.ts';
import { ParseError } from '../../ingest/parse-error.ts';

const fixturePath = (p: string) => new URL(`../fixtures/${p}`, import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'gatebench-load-'));

async function readError(path: string): Promise<ParseError> {
  try {
    await readRawFile(path);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}

test('readRawFile reads a pipe (no size) to its end', async () => {
  const fifo = join(tmp, 'wrk.fifo');
  execFileSync('mkfifo', [fifo]);
  // the writer opens the pipe and blocks until the reader opens it too
  const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', fixturePath('wrk/latency-c16.txt'), fifo], { stdio: 'ignore' });
  const r = await readRawFile(fifo);
  await new Promise((resolve) => writer.once('exit', resolve));
  assert.is(r.format, 'wrk');
  if (r.format === 'wrk') assert.is(r.requests, 197486);
});

test('readRawFile parses by content and returns the record', async () => {
  const r = await readRawFile(fixturePath('wrk/latency-c16.txt'));
  assert.is(r.format, 'wrk');
  if (r.format === 'wrk') assert.is(r.requests, 197486);
  const s = await readRawFile(fixturePath('strace/c-f-ls.txt'));
  assert.is(s.format, 'strace-c');
});

test('readRawFile: a file longer than the sniffed head is parsed whole, a short one from the text it sniffed', async () => {
  const long = fixturePath('site/runs/2026-11-22T19-06-44Z-dev-site-2/fdpass/rep-2/fixed-rate.latencies.txt');
  const text = readFileSync(long, 'utf8');
  assert.ok(Buffer.byteLength(text) > SNIFF_BYTES);
  const r = await readRawFile(long);
  assert.is(r.format, 'bench-latencies');
  assert.equal(r, detectFormat(text).parse(text));
  const short = fixturePath('wrk/no-latency.txt');
  assert.equal(await readRawFile(short), detectFormat(readFileSync(short, 'utf8')).parse(readFileSync(short, 'utf8')));
});

test('readRawFile strips a BOM and reads CRLF files', async () => {
  const p = join(tmp, 'crlf.txt');
  writeFileSync(p, `\uFEFF${readFileSync(fixturePath('wrk/no-latency.txt'), 'utf8').replace(/\n/g, '\r\n')}`);
  const r = await readRawFile(p);
  assert.is(r.format === 'wrk' && r.requests, 158947);
});

test('readRawFile sets ParseError.file: parse errors, unknown formats, missing files', async () => {
  const refused = await readError(fixturePath('wrk/refused.txt'));
  assert.is(refused.file, fixturePath('wrk/refused.txt'));
  assert.is(refused.describe(), `${fixturePath('wrk/refused.txt')}:1: wrk run failed: unable to connect to 127.0.0.1:9 Connection refused`);
  const p = join(tmp, 'notes.txt');
  writeFileSync(p, 'just some notes\n');
  assert.is((await readError(p)).describe(), `${p}:1: not a recognised format (first line: "just some notes")`);
  const missing = await readError(join(tmp, 'nope.txt'));
  assert.is(missing.describe(), `${join(tmp, 'nope.txt')}: no such file`);
  assert.is((await readError(tmp)).reason, 'is a directory, not a file');
});

/** A real -h -H header and row (tests/fixtures/pidstat/c-urwd-Hh.txt) repeated with one epoch per row. */
function bigPidstat(rows: number): string {
  const lines = readFileSync(fixturePath('pidstat/c-urwd-Hh.txt'), 'utf8').split('\n');
  const [banner, , header, row] = lines;
  const rest = row.slice(row.indexOf(' '));
  const out = [banner, '', header];
  for (let i = 0; i < rows; i++) out.push(`${1795373463 + i}${rest}`);
  return `${out.join('\n')}\n`;
}

test('readRawFile streams a pidstat file over STREAM_THRESHOLD_BYTES from disk: same record as the in-memory parse', async () => {
  const text = bigPidstat(100_000);
  assert.ok(text.length >= STREAM_THRESHOLD_BYTES, `${text.length}`);
  const p = join(tmp, 'big-pidstat.txt');
  writeFileSync(p, `\uFEFF${text}`);
  const r = await readRawFile(p);
  assert.is(r.format, 'pidstat');
  if (r.format !== 'pidstat') return;
  assert.is(r.sample_count, 100_000);
  assert.is(r.line_count, 100_003);
  assert.is(r.samples[99_999].elapsed_s, 99_999);
  assert.is(r.samples[99_999].rss_kb, 309840);
  assert.equal(r, parsePidstat(text));
});

test('streamPidstatFile hands the samples over in batches as they are read and keeps none', async () => {
  const text = bigPidstat(100_000);
  const p = join(tmp, 'streamed-pidstat.txt');
  writeFileSync(p, text);
  const batches: number[] = [];
  let rss = 0;
  let last = 0;
  const summary = await streamPidstatFile(p, (samples) => {
    batches.push(samples.length);
    for (const s of samples) rss += s.rss_kb ?? 0;
    last = samples.at(-1)!.epoch_s!;
  });
  assert.is(summary.sample_count, 100_000);
  assert.is(summary.line_count, 100_003);
  assert.is(summary.header.clock, 'epoch');
  assert.not.ok('samples' in summary);
  assert.is(batches.reduce((a, b) => a + b), 100_000);
  assert.ok(batches.length >= 16, `${batches.length} batches`); // about one per 1 MiB chunk
  assert.is(rss, 100_000 * 309840);
  assert.is(last, 1795373463 + 99_999);
  // readRawFile with onPidstatSamples: the same samples, and a record without them
  let handed = 0;
  const r = await readRawFile(p, { onPidstatSamples: (samples) => void (handed += samples.length) });
  assert.is(handed, 100_000);
  assert.equal(r, { ...summary, samples: [] });
  // a small file is read whole: its samples stay in the record
  const small = await readRawFile(fixturePath('pidstat/c-urwd-Hh.txt'), { onPidstatSamples: () => assert.unreachable() });
  assert.is(small.format === 'pidstat' && small.samples.length, 3);
});

test('readRawFile: a line over 1 MiB in a streamed pidstat file is a ParseError naming file and line', async () => {
  const text = bigPidstat(100_000);
  const p = join(tmp, 'long-line-pidstat.txt');
  const cut = text.indexOf('\n1795373563') + 1; // the start of line 104
  writeFileSync(p, `${text.slice(0, cut)}${'9'.repeat(3 * 1024 * 1024)}\n${text.slice(cut)}`);
  const e = await readError(p);
  assert.is(e.file, p);
  assert.is(e.line, 104);
  assert.match(e.reason, /^line runs past \d+ bytes without a newline, longer than any pidstat row \(limit 1 MiB\)/);
});

test('loadRun: a valid manifest, invalid JSON, a future schema, no manifest', async () => {
  const root = join(tmp, 'raw-results');
  const good = join(root, 'run-b');
  mkdirSync(good, { recursive: true });
  writeFileSync(join(good, 'manifest.json'), JSON.stringify(manifest('run-b')));
  const r = await loadRun(good);
  assert.is(r.id, 'run-b');
  assert.is(r.error, null);
  assert.is(r.manifest?.config.connections, 16);

  const badJson = join(root, 'run-a');
  mkdirSync(badJson);
  writeFileSync(join(badJson, 'manifest.json'), '{"schema_version": 1,');
  const a = await loadRun(badJson);
  assert.is(a.manifest, null);
  assert.match(a.error!, /run-a\/manifest\.json: not valid JSON/);

  const future = join(root, 'run-c');
  mkdirSync(future);
  writeFileSync(join(future, 'manifest.json'), JSON.stringify({ ...manifest('run-c'), schema_version: 7 }));
  assert.match((await loadRun(future)).error!, /schema_version 7 is newer than this gatebench/);

  const none = await loadRun(join(root, 'nothing-here'));
  assert.match(none.error!, /manifest\.json: cannot read \(ENOENT\)/);

  mkdirSync(join(root, 'scratch'));
  const runs = await listRuns(root);
  assert.equal(runs.map((x) => x.id), ['run-a', 'run-b', 'run-c']);
  assert.equal(await listRuns(join(tmp, 'no-root')), []);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

function manifest(id: string) {
  return {
    schema_version: 1,
    id,
    label: 'proxy vs fdpass',
    status: 'complete',
    created_at: '2026-11-22T19:00:00Z',
    finished_at: '2026-11-22T19:10:00Z',
    machine: { hostname: 'h', kernel: '6.1.0', cpu_model: 'AMD EPYC', cpu_count: 2, mem_kb: 4000000, fingerprint: 'f' },
    tools: { wrk: '4.1.0' },
    git: { commit: null, dirty: null },
    config: {
      variants: [{ name: 'proxy', label: 'v1.0' }, { name: 'fdpass', label: 'v2.0' }],
      baseline: 'proxy',
      candidate: 'fdpass',
      repetitions: 1,
      duration_s: 3,
      warmup_s: 1,
      connections: 16,
      threads: 2,
      rate_rps: 1000,
      function: 'hello',
      seed: 1,
      order: 'abab',
      pinning: { sut_cpus: null, load_cpus: null },
    },
    repetitions: [],
  };
}

test.run();
