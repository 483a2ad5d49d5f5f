import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProcStatInput } from '../../analysis/load/inputs.ts';
import { busyTicks } from '../../analysis/metrics/metrics.ts';
import { cpuList } from '../../ingest/collect/commands.ts';

const cpu = (n: number | null, user: number, system: number, idle: number, softirq = 0, steal = 0) => ({ cpu: n, user, nice: 0, system, idle, iowait: 0, irq: 0, softirq, steal });
// two copies 3 s apart (hand-made counters: "before" is a real copy of this VM, "after" adds typical deltas of a throughput trial)
const before: ProcStatInput = { format: 'proc-stat', cpus: [cpu(null, 14121, 11794, 59840, 3334), cpu(0, 6027, 5467, 31301, 1933), cpu(1, 8094, 6327, 28538, 1401)] };
const after: ProcStatInput = { format: 'proc-stat', cpus: [cpu(null, 14300, 12150, 59855, 3520, 7), cpu(0, 6110, 5650, 31303, 2033, 3), cpu(1, 8190, 6500, 28551, 1487, 4)] };

test('cpuList reads taskset lists', () => {
  assert.equal(cpuList('0,2-3'), [0, 2, 3]);
  assert.equal(cpuList('1'), [1]);
  assert.equal(cpuList(null), []);
});

test('busyTicks: user + nice + system + irq + softirq; idle and iowait idle; steal in neither', () => {
  // cpu0: busy (83 + 183 + 100) = 366, idle 2
  assert.equal(busyTicks(before, after, [0]), { busy: 366, total: 368 });
  // cpu1: busy (96 + 173 + 86) = 355, idle 13
  assert.equal(busyTicks(before, after, [1]), { busy: 355, total: 368 });
  assert.equal(busyTicks(before, after, [0, 1]), { busy: 721, total: 736 });
  assert.is(busyTicks(before, after, [2]), null, 'a CPU missing from the copies');
  assert.is(busyTicks(after, before, [0]), null, 'counters going backwards');
});

test.run();
