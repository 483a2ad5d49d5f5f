import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { resolveMonitor } from '../../../ingest/collect/config.ts';
import { parseProcessStat, type ProcessInfo } from '../../../ingest/collect/process-table.ts';
import { describeSelector, descendantsOf, profiledPids, resolveRoles, selectPids } from '../../../ingest/collect/roles.ts';

// a real snapshot: an unrelated bash (23679), nginx's master (12973, its own group) and its two workers
const table: ProcessInfo[] = readFileSync('tests/fixtures/proc/nginx-two-workers.stat.txt', 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => parseProcessStat(l)!);
const noPidFile = () => null;

test('parseProcessStat reads pid, parent, group and name of real /proc/PID/stat lines', () => {
  assert.equal(table, [
    { pid: 23679, ppid: 23672, pgid: 23679, comm: 'bash' },
    { pid: 12973, ppid: 1, pgid: 12973, comm: 'nginx' },
    { pid: 12978, ppid: 12973, pgid: 12973, comm: 'nginx' },
    { pid: 12980, ppid: 12973, pgid: 12973, comm: 'nginx' },
  ]);
  assert.equal(parseProcessStat('77 (a) b) c) S 5 77 77 0'), { pid: 77, ppid: 5, pgid: 77, comm: 'a) b) c' });
  assert.is(parseProcessStat('not a stat line'), null);
});

test('selectors: main, descendants, group, none, names, pid file', () => {
  assert.equal(selectPids('main', table, 12973, noPidFile), [12973]);
  assert.equal(selectPids('descendants', table, 12973, noPidFile), [12978, 12980]);
  assert.equal(selectPids('group', table, 12973, noPidFile), [12973, 12978, 12980]);
  assert.equal(selectPids('none', table, 12973, noPidFile), []);
  assert.equal(selectPids({ process_names: ['nginx'] }, table, 12973, noPidFile), [12973, 12978, 12980]);
  assert.equal(selectPids({ process_names: ['bash', 'zsh'] }, table, 12973, noPidFile), [23679]);
  assert.equal(selectPids({ pid_file: '/srv/gw.pid' }, table, 12973, (p) => (p === '/srv/gw.pid' ? 12978 : null)), [12978]);
  assert.equal(selectPids({ pid_file: '/srv/missing.pid' }, table, 12973, noPidFile), []);
  assert.equal(descendantsOf(table, 12978), []);
});

test("nginx: the front is the master's descendants (its workers), not the idle master; no workers are left over", () => {
  const monitor = resolveMonitor({ front: 'descendants' }, '/srv');
  assert.equal(resolveRoles(monitor, table, 12973, noPidFile), { main: 12973, front: [12978, 12980], workers: [] });
});

test('defaults: the front is the main process, the workers its descendants (as before roles)', () => {
  assert.equal(resolveRoles(resolveMonitor({}, '/srv'), table, 12973, noPidFile), { main: 12973, front: [12973], workers: [12978, 12980] });
  // process_names is short for workers by name; the front keeps its own pid out of them
  assert.equal(resolveRoles(resolveMonitor({ process_names: ['nginx'] }, '/srv'), table, 12973, noPidFile), { main: 12973, front: [12973], workers: [12978, 12980] });
  // the whole group as one front
  assert.equal(resolveRoles(resolveMonitor({ front: 'group' }, '/srv'), table, 12973, noPidFile), { main: 12973, front: [12973, 12978, 12980], workers: [] });
});

test('perf record profiles the front, or the front and the workers', () => {
  const roles = { front: [12973], workers: [12978, 12980] };
  assert.equal(profiledPids('front', roles), [12973]);
  assert.equal(profiledPids('all', roles), [12973, 12978, 12980]);
});

test('describeSelector names each kind', () => {
  assert.is(describeSelector('descendants'), "the main process's descendants");
  assert.is(describeSelector('group'), "the main process's group");
  assert.is(describeSelector({ process_names: ['a', 'b'] }), 'processes named a, b');
  assert.is(describeSelector({ pid_file: '/run/gw.pid' }), 'the pid in /run/gw.pid');
});

test.run();
