import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

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

test('--help and no arguments', () => {
  const h = parse('--help');
  assert.is(h.code, 0);
  assert.match(h.stdout, /^usage: npm run --silent parse -- FILE\.\.\./);
  const none = parse();
  assert.is(none.code, 2);
  assert.equal(none.stderr, ['parse: no FILE given (try --help)']);
});

test.run();
