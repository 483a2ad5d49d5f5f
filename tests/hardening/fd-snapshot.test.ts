import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fdDifferences, type FdSnapshot } from '../../hardening/lib/fd-snapshot.ts';

const snap = (gw: Record<string, string>, workers: Array<[number, Record<string, string>]>): FdSnapshot => ({
  gateway: { pid: 10, count: Object.keys(gw).length, fds: gw },
  workers: workers.map(([pid, fds]) => ({ pid, count: Object.keys(fds).length, fds })),
});

const base = { '0': '/dev/null', '3': 'socket:[100]', '4': 'anon_inode:[eventpoll]' };

test('same counts (even with other inodes) give no difference', () => {
  const a = snap(base, [[11, { '0': '/dev/null', '3': 'socket:[7]' }]]);
  const b = snap({ ...base, '3': 'socket:[999]' }, [[11, { '0': '/dev/null', '3': 'socket:[8]' }]]);
  assert.equal(fdDifferences(a, b), []);
});

test('a leaked socket is named with its kind and counts', () => {
  const a = snap(base, [[11, { '0': '/dev/null' }]]);
  const b = snap({ ...base, '9': 'socket:[5]', '10': 'socket:[6]' }, [[11, { '0': '/dev/null' }]]);
  assert.equal(fdDifferences(a, b), ['gateway (pid 10): 3 fds before, 5 after (+2 socket:[])']);
});

test('a worker leak and a respawned worker are reported', () => {
  const a = snap(base, [[11, { '0': '/dev/null' }]]);
  assert.equal(fdDifferences(a, snap(base, [[11, { '0': '/dev/null', '5': 'pipe:[1]' }]])), [
    'worker 0 (pid 11): 1 fds before, 2 after (+1 pipe:[])',
  ]);
  assert.equal(fdDifferences(a, snap(base, [[12, { '0': '/dev/null' }]])), [
    'workers changed (pids 11 -> 12): a worker died or was respawned, so its descriptors cannot be compared',
  ]);
});

test('a lost descriptor is reported too', () => {
  const a = snap(base, []);
  const b = snap({ '0': '/dev/null', '3': 'socket:[100]' }, []);
  assert.equal(fdDifferences(a, b), ['gateway (pid 10): 3 fds before, 2 after (-1 anon_inode:[eventpoll])']);
});

test.run();
