import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { migrateManifest, type Manifest } from '../../../ingest/manifest.ts';
import { flameUnavailableReason, MIN_FLAME_SAMPLES } from '../../../site/flame/flame-unavailable.ts';

// a real run whose front was nginx's idle master (no monitor section): perf record got no stack at all
const idle = migrateManifest(JSON.parse(readFileSync('tests/fixtures/site/nginx-idle-master.manifest.json', 'utf8')));
// a real run of the embedded gateway
const embedded = migrateManifest(JSON.parse(readFileSync('tests/fixtures/site/runs/2026-11-22T19-06-44Z-dev-site-2/manifest.json', 'utf8')));

test('an idle front: what perf record followed, for how long, and what to change', () => {
  assert.is(
    flameUnavailableReason(idle, 'direct', 0, []),
    "No flame graph: perf record followed pid 1724 (the front) for 3 s under load and got no stack sample: that process hardly ran while the load did, so it is not what serves the requests (an idle master?); the config's monitor.front says which processes to follow.",
  );
  assert.match(flameUnavailableReason(idle, 'proxy', 2, [])!, /^No flame graph: perf record followed pid 1731 \(the front\) for 3 s under load and got only 2 stack samples: /);
});

test('enough samples draw a flame graph; the embedded gateway is not told to fix a config', () => {
  assert.is(flameUnavailableReason(idle, 'direct', MIN_FLAME_SAMPLES, []), null);
  const why = flameUnavailableReason(embedded, 'fdpass', 1, [])!;
  assert.match(why, /^No flame graph: perf record followed pid \d+ \(the front\) for 1 s under load and got only 1 stack sample: that process hardly ran while the load did\.$/);
});

test('perf record skipped, not in the phases, never run for the variant, or failed', () => {
  const skipped: Manifest = { ...idle, skipped: [{ phase: 'perf-record', reason: 'perf is not installed (package linux-perf)' }] };
  assert.is(flameUnavailableReason(skipped, 'direct', 0, []), 'No flame graph: perf record was skipped in this run (perf is not installed (package linux-perf)).');
  const noPhase: Manifest = { ...idle, config: { ...idle.config, phases: ['throughput'] } };
  assert.is(flameUnavailableReason(noPhase, 'direct', 0, []), 'No flame graph: this run did not include the perf-record phase (--phases).');
  const failedLast: Manifest = {
    ...idle,
    repetitions: idle.repetitions.map((r) => (r.variant === 'direct' && r.repetition === 2 ? { ...r, status: 'failed' as const, error: 'gateway exited with code 1 during throughput', phases: r.phases.filter((p) => p.name !== 'perf-record') } : r)),
  };
  assert.is(flameUnavailableReason(failedLast, 'direct', 0, []), 'No flame graph: perf record did not run for this variant; it runs in the last block only (block 2 was failed: gateway exited with code 1 during throughput).');
  const perfFailed: Manifest = {
    ...idle,
    repetitions: idle.repetitions.map((r) => ({ ...r, phases: r.phases.map((p) => ({ ...p, commands: p.commands.map((c) => (c.role === 'perf-record' ? { ...c, exit_code: 255 } : c)) })) })),
  };
  assert.is(flameUnavailableReason(perfFailed, 'direct', 0, []), 'No flame graph: perf record exited with code 255 (its log is in direct/rep-2/perf-record.perf-record.log).');
});

test('unreadable perf script output is said when it leaves too few samples', () => {
  assert.is(flameUnavailableReason(idle, 'direct', 0, ['direct/rep-2/perf-record.perf-script.txt:3: stack frame outside a sample']), 'No flame graph: the perf script output could not be read (direct/rep-2/perf-record.perf-script.txt:3: stack frame outside a sample).');
});

test.run();
