import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listRuns } from '../../../ingest/load.ts';
import { fixedRateConnectionCount } from '../../../site/views/methodology.ts';

const runs = await listRuns('raw-results');
const manifest = (id: string) => runs.find((r) => r.id === id)!.manifest!;
/** the trial the methodology page describes: the run's first */
const firstRep = (id: string) => manifest(id).repetitions.slice().sort((a, b) => a.order - b.order)[0];

test('the fixed-rate connections of a committed run: its first trial\'s bench-latency -c, not taskset\'s -c before it', () => {
  // 1 MiB at 32 req/s for 5 s: 160 requests, one connection per 20
  assert.is(fixedRateConnectionCount(firstRep('2026-12-06T14-38-28Z-v1.0-vs-v2.0')), 8);
  // hello at 2,500 req/s: the configured 100 (and every run before the rule opened 100)
  assert.is(fixedRateConnectionCount(firstRep('2026-12-06T09-34-31Z-v1.0-vs-v2.0')), 100);
  assert.is(fixedRateConnectionCount(firstRep('2026-12-06T14-02-59Z-v1.0-vs-v2.0')), 100);
});

test('no fixed-rate phase, or no trial: null', () => {
  const r = firstRep('2026-12-06T14-38-28Z-v1.0-vs-v2.0');
  const without = { ...r, phases: r.phases.filter((p) => p.name !== 'fixed-rate') };
  assert.is(fixedRateConnectionCount(without), null);
  assert.is(fixedRateConnectionCount(undefined), null);
});

test.run();
