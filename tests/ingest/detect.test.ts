import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { detectFormat } from '../../ingest/detect.ts';
import { ParseError } from '../../ingest/parse-error.ts';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

test('detects each format from content', () => {
  assert.is(detectFormat(fixture('wrk/latency-c16.txt')).name, 'wrk');
  assert.is(detectFormat(fixture('wrk/refused.txt')).name, 'wrk');
  assert.is(detectFormat(fixture('perf-stat/text-p-nginx-worker.txt')).name, 'perf-stat');
  assert.is(detectFormat(fixture('perf-stat/csv-x-r3.txt')).name, 'perf-stat');
  assert.is(detectFormat(fixture('perf-stat/json.txt')).name, 'perf-stat');
  assert.is(detectFormat(fixture('strace/c-f-ls.txt')).name, 'strace-c');
  assert.is(detectFormat(fixture('strace/c-U-all.txt')).name, 'strace-c');
  assert.is(detectFormat(fixture('legacy-csv/seed-monitor-proxy.csv')).name, 'legacy-csv');
  assert.is(detectFormat(fixture('pidstat/c-urw-block.txt')).name, 'pidstat');
});

function detectError(text: string): ParseError {
  try {
    detectFormat(text);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}

test('unrecognised text names its first non-blank line', () => {
  const e = detectError('\n\nhello world\nmore\n');
  assert.is(e.line, 3);
  assert.is(e.reason, 'not a recognised format (first line: "hello world")');
});

test('empty, binary and collections of excerpts', () => {
  assert.is(detectError('  \n\n').reason, 'empty file: nothing to parse');
  assert.match(detectError('ELF\0\0\0').reason, /binary data/);
  const c = detectError(readFileSync('/work/shared/formats/wrk/README-snippets.txt', 'utf8'));
  assert.is(c.line, 1);
  assert.match(c.reason, /a collection of excerpts/);
});

test.run();
