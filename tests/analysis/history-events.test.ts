import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeAll } from '../../analysis/analyze.ts';
import { describeEvent, eventsBetween, timelineEvents } from '../../analysis/history/history-events.ts';
import { loadInputs } from '../../analysis/load/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { machineFingerprint } from '../../ingest/collect/machine.ts';
import { migrateManifest } from '../../ingest/manifest.ts';
import { kernelChangeRuns, NEW_KERNEL, OLD_KERNEL, RUN_1, RUN_2, SITE_RUNS } from './kernel-change.ts';

// Real committed runs: the two site fixture runs with a simulated kernel update between them
// (kernel-change.ts), and, read only, two of raw-results/ taken on one VM before and after its kernel was updated.
test('a kernel update: the runs before and after it sit on one timeline, with a kernel event at the first run after it', async () => {
  const dir = kernelChangeRuns();
  try {
    const inputs = await loadInputs(dir.root);
    // the fingerprint (which includes the kernel) differs, the machine's name (its v1 hostname) does not
    assert.equal(inputs.map((i) => [i.manifest!.machine.name, i.manifest!.machine.fingerprint]), [
      ['vm', 'af782ead3beb24b9'],
      ['vm', machineFingerprint({ cpu_model: 'AMD EPYC', cpu_count: 2, mem_kb: 24684092, kernel: NEW_KERNEL })],
    ]);
    assert.is.not(inputs[1].manifest!.machine.fingerprint, 'af782ead3beb24b9');
    const { analysis } = analyzeAll(inputs, DEFAULT_SETTINGS, []);
    assert.equal(analysis.history.groups.map((g) => [g.name, g.runs]), [['vm', [RUN_1, RUN_2]]]);
    assert.equal(analysis.history.groups[0].events, [
      { run: RUN_2, created_at: '2026-11-22T19:06:44.274Z', kind: 'kernel', changes: [{ key: 'kernel', before: OLD_KERNEL, after: NEW_KERNEL }] },
    ]);
    assert.equal(analysis.latest, { vm: RUN_2 });
    // the series run across the change: both runs' throughput on the one timeline
    const proxy = analysis.history.groups[0].series.find((s) => s.metric === 'throughput_rps' && s.variant === 'proxy')!;
    assert.equal(proxy.points.map((p) => p.run), [RUN_1, RUN_2]);
  } finally {
    dir.cleanup();
  }
});

test('runs with nothing changed between them have no events', async () => {
  const inputs = await loadInputs(SITE_RUNS);
  const { analysis } = analyzeAll(inputs, DEFAULT_SETTINGS, []);
  assert.equal(analysis.history.groups.map((g) => [g.name, g.runs.length, g.events]), [['vm', 2, []]]);
});

/** A committed run's manifest as the events read it (read only: raw-results/ is never edited). */
function committed(id: string) {
  const m = migrateManifest(JSON.parse(readFileSync(join('raw-results', id, 'manifest.json'), 'utf8')));
  return { id, created_at: m.created_at, machine: m.machine, tools: m.tools, config: m.config as Record<string, unknown> };
}

test('the committed history: the VM updated its kernel and perf between 2026-11-22 and 2026-12-06, and the runs got more blocks', () => {
  const before = committed('2026-11-22T20-37-01Z-v1.0-vs-v2.0');
  const after = committed('2026-12-06T05-53-30Z-v1.0-vs-v2.0');
  assert.is(before.machine.name, 'vm'); // v1 manifest: named by its hostname
  const events = eventsBetween(before, after);
  assert.equal(events.map((e) => e.kind), ['kernel', 'tools', 'config']);
  assert.equal(events[0].changes, [{ key: 'kernel', before: '6.18.44-fc-v657', after: '6.18.44-fc-v1272' }]);
  assert.equal(events[1].changes, [{ key: 'perf', before: '6.1.192', after: '6.1.187' }]);
  // MemTotal moved 344 kB (0.001%) with the new kernel: not an event
  assert.is(before.machine.mem_kb - after.machine.mem_kb, 344);
  assert.equal(events[2].changes.find((c) => c.key === 'blocks'), { key: 'blocks', before: '5', after: '13' });
  assert.is(describeEvent(events[0]), 'kernel 6.18.44-fc-v657 → 6.18.44-fc-v1272');
  assert.is(describeEvent(events[1]), 'tools: perf 6.1.192 → 6.1.187');
  // the A/A runs and the later runs of 2026-12-06 changed nothing on the machine or its tools
  const day = ['2026-12-06T05-53-30Z-v1.0-vs-v2.0', '2026-12-06T06-06-55Z-v1.0-vs-v2.0', '2026-12-06T06-13-38Z-aa-proxy', '2026-12-06T06-20-19Z-aa-proxy', '2026-12-06T06-27-06Z-v1.0-vs-v2.0'].map(committed);
  assert.equal(timelineEvents(day).filter((e) => e.kind !== 'config'), []);
});

test('CPU, memory beyond 1%, an added tool and a load setting are events of their own kinds', () => {
  const base = committed('2026-12-06T05-53-30Z-v1.0-vs-v2.0');
  const next = {
    ...base,
    id: 'next',
    machine: { ...base.machine, cpu_model: 'Intel Xeon', mem_kb: Math.round(base.machine.mem_kb * 0.5) },
    tools: { ...base.tools, nginx: '1.22.1' },
    config: { ...base.config, connections: 50 },
  };
  assert.equal(eventsBetween(base, next).map((e) => [e.kind, e.changes.map((c) => `${c.key}:${c.before}->${c.after}`)]), [
    ['cpu', ['cpu_model:AMD EPYC->Intel Xeon']],
    ['memory', [`mem_kb:24683748->${Math.round(24683748 * 0.5)}`]],
    ['tools', ['nginx:null->1.22.1']],
    ['config', ['connections:100->50']],
  ]);
});

test.run();
