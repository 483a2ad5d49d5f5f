import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { detectFormat } from '../../../ingest/detect.ts';
import { repetitionMetrics } from '../../../analysis/metrics/metrics.ts';
import { syntheticRun, syntheticRunFiles } from '../../../bench/lib/synthetic.ts';
import type { FileInput } from '../../../analysis/load/inputs.ts';

// The synthetic generator must produce text the real parsers read back to the same metrics as its records,
// so that bench:analysis times a realistic pipeline.
const spec = { id: 'syn', created_at: '2026-01-01T00:00:00Z', seed: 5, repetitions: 3 };

test('synthetic text files parse with the ingest parsers into the same metrics as the synthetic records', () => {
  const { manifest, files } = syntheticRunFiles(spec);
  const parsed = new Map<string, FileInput>();
  for (const [path, text] of files) parsed.set(path, { record: detectFormat(text.slice(0, 65536)).parse(text) as FileInput['record'] & object });
  const fromText = repetitionMetrics(manifest.repetitions[0], parsed).result.metrics;
  const fromRecords = repetitionMetrics(syntheticRun(spec).manifest!.repetitions[0], syntheticRun(spec).files).result.metrics;
  for (const k of ['throughput_rps', 'gateway_cpu_pct', 'workers_cpu_pct', 'cpu_pct_at_fixed_rate', 'syscalls_per_req', 'openloop_latency_p99_ms', 'gateway_task_clock_us_per_req']) {
    const a = fromText[k];
    const b = fromRecords[k];
    assert.ok(typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) / b < 0.01, `${k}: ${a} vs ${b}`);
  }
});

test('the generator is deterministic and the effects apply', () => {
  const a = syntheticRun({ ...spec, effects: { fdpass: { rps: 2 } } });
  const b = syntheticRun({ ...spec, effects: { fdpass: { rps: 2 } } });
  assert.equal([...a.files.keys()], [...b.files.keys()]);
  const rps = (r: typeof a, p: string) => (r.files.get(p)!.record as { requests_per_s: number }).requests_per_s;
  assert.is(rps(a, 'proxy/rep-1/throughput.wrk.txt'), rps(b, 'proxy/rep-1/throughput.wrk.txt'));
  const ratio = rps(a, 'fdpass/rep-1/throughput.wrk.txt') / rps(a, 'proxy/rep-1/throughput.wrk.txt');
  assert.ok(ratio > 1.8 && ratio < 2.2, String(ratio));
});

test('never written to raw-results: the generator has no file system access', () => {
  assert.not.match(readFileSync('bench/lib/synthetic.ts', 'utf8'), /from 'node:fs/);
});

test.run();
