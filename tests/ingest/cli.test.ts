import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../../ingest/cli.ts';
import { STREAM_THRESHOLD_BYTES } from '../../ingest/load.ts';
import { parsePidstat } from '../../ingest/parsers/pidstat.ts';
import { parseWrk } from '../../ingest/parsers/wrk.ts';

const fixture = (p: string) => `tests/fixtures/${p}`;
function parse(...files: string[]) {
  const r = spawnSync('npx', ['tsx', 'ingest/cli.ts', ...files], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const stderr = r.stderr.split('\n').filter((l) => l !== '' && !/^npm warn/.test(l));
  return { code: r.status, stdout: r.stdout, stderr };
}

test('one file: one JSON object, exit 0', () => {
  const r = parse(fixture('wrk/latency-c16.txt'));
  assert.is(r.code, 0);
  assert.equal(r.stderr, []);
  const rec = JSON.parse(r.stdout);
  assert.is(rec.format, 'wrk');
  assert.is(rec.requests, 197486);
  assert.is(rec.latency_ms.p99, 3.74);
  assert.equal(rec.errors, { connect: 0, read: 0, write: 0, timeout: 0, non_2xx_3xx: 0 });
});

test('several files: an array in argument order', () => {
  const r = parse(fixture('strace/c-f-ls.txt'), fixture('perf-stat/text-p-nginx-worker.txt'), fixture('legacy-csv/seed-monitor-proxy.csv'));
  assert.is(r.code, 0);
  const recs = JSON.parse(r.stdout);
  assert.equal(recs.map((x: { format: string }) => x.format), ['strace-c', 'perf-stat', 'legacy-csv']);
  assert.is(recs[0].total.calls, 465);
  assert.is(recs[1].events[1].value, 18238);
});

test('failed run: exit 2, one stderr line FILE:LINE: reason, no stack trace, no stdout', () => {
  const r = parse(fixture('wrk/refused.txt'));
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.equal(r.stderr, ['tests/fixtures/wrk/refused.txt:1: wrk run failed: unable to connect to 127.0.0.1:9 Connection refused']);
});

test('unrecognised, truncated and missing files: one line each, exit 2', () => {
  const r = parse('package.json', fixture('wrk/snippet-wrk-177-running-2m-truncated.txt'), 'no/such/file.txt');
  assert.is(r.code, 2);
  assert.equal(r.stderr, [
    'package.json:1: not a recognised format (first line: "{")',
    'tests/fixtures/wrk/snippet-wrk-177-running-2m-truncated.txt:5: truncated wrk output: no "Requests/sec:" line after the summary',
    'no/such/file.txt: no such file',
  ]);
});

test('control characters quoted from a file are escaped on stderr (a CR or ESC never reaches the terminal)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-cli-'));
  const file = join(dir, 'wrk.txt');
  writeFileSync(file, readFileSync(fixture('wrk/latency-c16.txt'), 'utf8').replace(/Requests\/sec:.*/, 'Requests/sec: \x1b[2J\rX'));
  try {
    const r = parse(file);
    assert.is(r.code, 2);
    assert.equal(r.stderr, [`${file}:12: unreadable wrk line: "Requests/sec: \\x1b[2J\\x0dX"`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * The real block capture tests/fixtures/pidstat/c-urw-block.txt with its first sample (three blocks) repeated
 * once a second for `seconds` (across midnight when long enough), then its Average rows.
 */
function longBlockPidstat(seconds: number): string {
  const lines = readFileSync(fixture('pidstat/c-urw-block.txt'), 'utf8').split('\n');
  const sample = lines.slice(2, 11).join('\n'); // headers at 18:50:53, rows at 18:50:54
  const clock = (s: number) => new Date((s % 86400) * 1000).toISOString().slice(11, 19);
  const start = 18 * 3600 + 50 * 60 + 53;
  const out = [lines[0], ''];
  for (let i = 0; i < seconds; i++) out.push(sample.replaceAll('18:50:54', clock(start + i + 1)).replaceAll('18:50:53', clock(start + i)));
  return [...out, ...lines.slice(29)].join('\n');
}

test('a pidstat file over STREAM_THRESHOLD_BYTES is printed as it is read, the same bytes as the whole record, alone or among others', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-cli-'));
  const file = join(dir, 'long.pidstat.txt');
  const text = longBlockPidstat(40_000);
  writeFileSync(file, text);
  const wrkFile = fixture('wrk/latency-c16.txt');
  try {
    assert.ok(text.length > STREAM_THRESHOLD_BYTES);
    const run = async (files: string[]) => {
      const writes: string[] = [];
      const out = new Writable({ write: (chunk, _encoding, done) => done(void writes.push(String(chunk))) });
      const err = new Writable({ write: (chunk, _encoding, done) => done(new Error(`stderr: ${chunk}`)) });
      return { code: await main(files, out, err), writes };
    };
    const record = parsePidstat(text);
    assert.is(record.sample_count, 40_000);
    assert.is(record.samples.at(-1)!.date, '2026-11-23'); // past midnight
    assert.is(record.average[0].rss_kb, 300475);
    const alone = await run([file]);
    assert.is(alone.code, 0);
    assert.ok(alone.writes.length > 16, `${alone.writes.length} writes`); // in pieces, not one string
    assert.is(alone.writes.join(''), `${JSON.stringify(record, null, 2)}\n`);
    const among = await run([wrkFile, file, wrkFile]);
    const wrk = parseWrk(readFileSync(wrkFile, 'utf8'));
    assert.is(among.writes.join(''), `${JSON.stringify([wrk, record, wrk], null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--help and no arguments', () => {
  const h = parse('--help');
  assert.is(h.code, 0);
  assert.match(h.stdout, /^usage: npm run --silent parse -- FILE\.\.\./);
  const none = parse();
  assert.is(none.code, 2);
  assert.equal(none.stderr, ['parse: no FILE given (try --help)']);
});

test.run();
