import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseBenchMemory } from '../../../ingest/parsers/bench-memory.ts';
import { detectFormat } from '../../../ingest/detect.ts';
import { ParseError } from '../../../ingest/parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8');

test('gateway (proxy, 2 workers) under load: per-process RSS and a no-leak verdict', () => {
  const r = parseBenchMemory(fixture('memory-gateway-proxy.txt'));
  assert.is(r.format, 'bench-memory');
  assert.equal(r.pids, [17917]);
  assert.is(r.children, true);
  assert.is(r.interval_ms, 100);
  assert.is(r.warmup_s, 0.5);
  assert.is(r.samples, 22);
  assert.is(r.processes_seen, 3);
  assert.is(r.rss_baseline_kb, 5556);
  assert.is(r.rss_growth_kb, 0);
  assert.is(r.leak, false);
  assert.equal(r.processes[0], {
    pid: 17917, ppid: 1, role: 'root', comm: 'gateway', rss_baseline_kb: 2144, rss_peak_kb: 2144, rss_final_kb: 2144, hwm_kb: 2144, growth_kb: 0, alive: true,
  });
  assert.equal(r.processes.map((p) => p.role), ['root', 'child', 'child']);
  assert.is(r.command, './build/bench-throughput -d 2s -c 20 http://127.0.0.1:18993/api/payload?size=65536');
  assert.is(r.command_exit, 0);
});

test('a process that keeps allocating is a leak suspect', () => {
  const r = parseBenchMemory(fixture('memory-python-growing.txt'));
  assert.is(r.leak, true);
  assert.is(r.rss_baseline_kb, 21040);
  assert.is(r.rss_final_kb, 64216);
  assert.is(r.rss_growth_kb, 43176);
  assert.is(r.rss_slope_kb_per_s, 36171.6);
  assert.is(r.leak_threshold_kb, 1024);
  assert.is(r.command, null);
  assert.is(r.command_exit, null);
});

test('--duration window over nginx: two processes, no command', () => {
  const r = parseBenchMemory(fixture('memory-nginx-duration.txt'));
  assert.is(r.duration_s, 1);
  assert.equal(r.processes.map((p) => [p.pid, p.rss_final_kb]), [[13025, 6780], [13027, 4536]]);
  assert.is(detectFormat(fixture('memory-nginx-duration.txt')).name, 'bench-memory');
});

test('a missing process line (truncated output) is refused', () => {
  const text = fixture('memory-gateway-proxy.txt').replace(/^process: pid=17920.*\n/m, '');
  try {
    parseBenchMemory(text);
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, ParseError);
    assert.is((e as ParseError).reason, 'bench-memory summary lists 2 process lines for processes_seen 3 (truncated?)');
  }
});

test.run();
