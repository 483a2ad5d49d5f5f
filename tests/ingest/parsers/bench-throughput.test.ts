import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseBenchThroughput, sniffBenchThroughput } from '../../../ingest/parsers/bench-throughput.ts';
import { detectFormat } from '../../../ingest/detect.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8');

const parseError = thrownParseError;

test('keep-alive run against nginx: counts, rate and latency percentiles', () => {
  const r = parseBenchThroughput(fixture('throughput-nginx-keepalive.txt'));
  assert.is(r.format, 'bench-throughput');
  assert.is(r.version, 1);
  assert.is(r.url, 'http://127.0.0.1:18991/api/hello');
  assert.is(r.method, 'GET');
  assert.is(r.keepalive, true);
  assert.is(r.threads, 2);
  assert.is(r.connections, 10);
  assert.is(r.duration_s, 2);
  assert.is(r.requests, 70274);
  assert.is(r.requests_per_s, 35137);
  assert.equal(r.errors, { connect: 0, read: 0, write: 0, timeout: 0, status: 0, parse: 0, total: 0 });
  assert.is(r.response_bytes, 11875981);
  assert.equal(r.latency_us, { samples: 70274, mean: 284.6, p50: 182, p90: 270, p95: 340, p99: 3412, p99_9: 7038, max: 44288 });
  assert.is(r.latencies_file, null);
  assert.is(r.latency_dropped_samples, 0);
});

test('Connection: close POST run: keepalive false, body size', () => {
  const r = parseBenchThroughput(fixture('throughput-nginx-close-post.txt'));
  assert.is(r.keepalive, false);
  assert.is(r.method, 'POST');
  assert.is(r.body_bytes, 7);
  assert.is(r.requests, 3337);
  assert.is(r.latency_us.p99, 10877);
});

test('non-2xx responses are counted as status errors and still as requests', () => {
  const r = parseBenchThroughput(fixture('throughput-gateway-404.txt'));
  assert.is(r.requests, 24189);
  assert.is(r.errors.status, 24189);
  assert.is(r.errors.total, 24189);
  assert.is(r.url, 'http://127.0.0.1:18993/api/nope');
});

test('detected by content, and the captured connection-refused message is the parse error', () => {
  assert.is(detectFormat(fixture('throughput-nginx-keepalive.txt')).name, 'bench-throughput');
  assert.is(sniffBenchThroughput(fixture('latency-nginx-R1000.txt')), false);
  const e = parseError(() => parseBenchThroughput(fixture('throughput-refused.stderr.txt')));
  assert.is(e.reason, 'bench-throughput failed instead of printing a summary: cannot connect to 127.0.0.1:1: Connection refused');
});

test('a summary cut short names the missing key', () => {
  const text = fixture('throughput-nginx-keepalive.txt').split('\n').slice(0, 12).join('\n');
  assert.is(parseError(() => parseBenchThroughput(text)).reason, 'bench-throughput summary has no "errors_write:" line (truncated output?)');
});

test.run();
