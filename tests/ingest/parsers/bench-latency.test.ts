import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseBenchLatency } from '../../../ingest/parsers/bench-latency.ts';
import { parseBenchLatencies } from '../../../ingest/parsers/bench-latencies.ts';
import { detectFormat } from '../../../ingest/detect.ts';
import { ParseError } from '../../../ingest/parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8');

test('fixed-rate run against nginx: target and achieved rate, percentiles, latencies file', () => {
  const r = parseBenchLatency(fixture('latency-nginx-R1000.txt'));
  assert.is(r.format, 'bench-latency');
  assert.is(r.rate_target_per_s, 1000);
  assert.is(r.rate_achieved_per_s, 1000);
  assert.is(r.requests, 1000);
  assert.is(r.requests_sent, 1000);
  assert.is(r.requests_unsent, 0);
  assert.is(r.connections, 10);
  assert.is(r.threads, 1);
  assert.equal(r.latency_us, { samples: 1000, mean: 506.1, p50: 96, p90: 1428, p95: 2946, p99: 7037, p99_9: 10443, max: 11442 });
  assert.is(r.latencies_file, '/work/main/tests/fixtures/bench/latencies-nginx-R1000.txt');
});

test('the client\'s own CPU: cpu_s when the summary has it, null in summaries written before it was printed', () => {
  const r = parseBenchLatency(fixture('latency-gateway-R2500-cpu.txt'));
  assert.is(r.cpu_s, 0.331);
  assert.is(r.requests, 5000);
  assert.is(r.connections, 100);
  assert.is(parseBenchLatency(fixture('latency-nginx-R1000.txt')).cpu_s, null);
});

test('the summary percentiles are the nearest-rank percentiles of the raw file', () => {
  const r = parseBenchLatency(fixture('latency-nginx-R1000.txt'));
  const raw = parseBenchLatencies(fixture('latencies-nginx-R1000.txt'));
  assert.is(raw.count, r.requests);
  const sorted = [...raw.latencies_us].sort((a, b) => a - b);
  // nearest rank; the epsilon keeps 99.9% of 1000 at rank 999 (0.999 * 1000 is 999.0000000000001 in binary)
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length - 1e-9) - 1)];
  assert.is(rank(50), r.latency_us.p50);
  assert.is(rank(99), r.latency_us.p99);
  assert.is(rank(99.9), r.latency_us.p99_9);
  assert.is(sorted[sorted.length - 1], r.latency_us.max);
});

test('overloaded run: the backlog shows as unsent requests and latency from intended send time', () => {
  const r = parseBenchLatency(fixture('latency-nginx-overload.txt'));
  assert.is(r.rate_target_per_s, 100000);
  assert.is(r.timeout_ms, 200);
  assert.ok(r.requests_unsent > 0);
  assert.is(r.requests_sent + r.requests_unsent, 100000);
  assert.ok(r.latency_us.p50 > r.timeout_ms * 1000, 'queueing behind a busy connection counts as latency');
});

test('detected by content; samples that do not add up to the requests are refused', () => {
  assert.is(detectFormat(fixture('latency-nginx-R1000.txt')).name, 'bench-latency');
  const text = fixture('latency-nginx-R1000.txt').replace('latency_samples: 1000', 'latency_samples: 999');
  try {
    parseBenchLatency(text);
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, ParseError);
    assert.is((e as ParseError).reason, 'bench-latency summary is inconsistent: 999 latency samples for 1000 requests');
    assert.is((e as ParseError).line, 20);
  }
});

test.run();
