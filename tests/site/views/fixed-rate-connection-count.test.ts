import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listRuns } from '../../../ingest/load.ts';
import { fixedRateConnectionCount } from '../../../site/views/methodology.ts';

const runs = await listRuns('raw-results');
const manifest = (id: string) => runs.find((r) => r.id === id)!.manifest!;

test('the fixed-rate connections of a committed run: its first trial\'s bench-latency -c, not taskset\'s -c before it', () => {
  // 1 MiB at 32 req/s for 5 s: 160 requests, one connection per 20
  assert.is(fixedRateConnectionCount(manifest('2026-12-06T14-38-28Z-v1.0-vs-v2.0')), 8);
  // hello at 2,500 req/s: the configured 100 (and every run before the rule opened 100)
  assert.is(fixedRateConnectionCount(manifest('2026-12-06T09-34-31Z-v1.0-vs-v2.0')), 100);
  assert.is(fixedRateConnectionCount(manifest('2026-12-06T14-02-59Z-v1.0-vs-v2.0')), 100);
});

test('no fixed-rate phase, or no manifest: null', () => {
  const m = manifest('2026-12-06T14-38-28Z-v1.0-vs-v2.0');
  const without = { ...m, repetitions: m.repetitions.map((r) => ({ ...r, phases: r.phases.filter((p) => p.name !== 'fixed-rate') })) };
  assert.is(fixedRateConnectionCount(without), null);
  assert.is(fixedRateConnectionCount(null), null);
});

test.run();
