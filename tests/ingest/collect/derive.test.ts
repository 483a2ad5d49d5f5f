import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { benchLatencySummary, pidstatSummary, wrkSummary } from '../../../ingest/collect/derive.ts';
import { parsePidstat } from '../../../ingest/parsers/pidstat.ts';
import { parseBenchLatency } from '../../../ingest/parsers/bench-latency.ts';
import { parseWrk } from '../../../ingest/parsers/wrk.ts';

const fixture = (name: string) => readFileSync(`tests/fixtures/collect/${name}`, 'utf8');
const close = (a: number | null | undefined, b: number) => assert.ok(a !== null && a !== undefined && Math.abs(a - b) < 1e-9, `${a} != ${b}`);

test('pidstatSummary: gateway mean CPU, peak RSS, workers summed (real run, gateway 17560, worker 17561)', () => {
  const s = pidstatSummary(parsePidstat(fixture('proxy-throughput.pidstat.txt')), [17560], [17561]);
  assert.is(s.samples, 5);
  close(s.gateway_cpu_pct, (44 + 40 + 28 + 20.79 + 18) / 5);
  close(s.gateway_usr_pct, (3 + 1 + 0 + 0.99 + 1) / 5);
  close(s.gateway_sys_pct, (41 + 39 + 28 + 19.8 + 17) / 5);
  close(s.workers_cpu_pct, (4 + 6 + 4 + 0.99 + 3) / 5);
  assert.is(s.gateway_rss_kb_max, 2112);
});

test('pidstatSummary: a front of two processes is their sum (CPU means added, RSS summed per sampling time)', () => {
  const s = pidstatSummary(parsePidstat(fixture('proxy-throughput.pidstat.txt')), [17560, 17561], []);
  assert.is(s.samples, 5);
  close(s.gateway_cpu_pct, (44 + 40 + 28 + 20.79 + 18) / 5 + (4 + 6 + 4 + 0.99 + 3) / 5);
  close(s.gateway_sys_pct, (41 + 39 + 28 + 19.8 + 17) / 5 + (3 + 4 + 1 + 0.99 + 3) / 5);
  assert.is(s.gateway_rss_kb_max, 2112 + 1564);
  assert.is(s.workers_cpu_pct, null);
});

test('pidstatSummary: pids that are not in the file give no figures', () => {
  const s = pidstatSummary(parsePidstat(fixture('proxy-throughput.pidstat.txt')), [1], [2]);
  assert.equal(s, { samples: 0, gateway_cpu_pct: null, gateway_usr_pct: null, gateway_sys_pct: null, gateway_rss_kb_max: null, workers_cpu_pct: null });
});

test('wrkSummary (real run)', () => {
  const rec = parseWrk(fixture('proxy-throughput.wrk.txt'));
  const s = wrkSummary(rec);
  assert.is(s.requests, rec.requests);
  assert.is(s.requests_per_s, rec.requests_per_s);
  assert.is(s.latency_p99_ms, rec.latency_ms.p99);
  assert.is(s.errors, 0);
  assert.ok((s.requests ?? 0) > 0);
});

test('benchLatencySummary: microseconds become milliseconds (real run)', () => {
  const s = benchLatencySummary(parseBenchLatency(fixture('proxy-fixed-rate.bench-latency.txt')));
  assert.is(s.requests, 12500);
  assert.is(s.errors, 0);
  assert.is(s.rate_achieved_per_s, 2500);
  close(s.latency_p50_ms, 1.238);
  close(s.latency_p99_ms, 394.337);
  close(s.latency_p99_9_ms, 439.4);
});

test.run();
