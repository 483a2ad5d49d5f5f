import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseProcStat, sniffProcStat } from '../../../ingest/parsers/proc-stat.ts';
import { detectFormat } from '../../../ingest/detect.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/proc/${name}`, import.meta.url), 'utf8');

const parseError = thrownParseError;

test('this machine (kernel 6.18, 10 columns): aggregate then cpu0, cpu1; guest columns not kept', () => {
  const r = parseProcStat(fixture('stat.txt'));
  assert.is(r.format, 'proc-stat');
  assert.equal(r.cpus, [
    { cpu: null, user: 11181, nice: 0, system: 11057, idle: 58376, iowait: 449, irq: 0, softirq: 3234, steal: 0 },
    { cpu: 0, user: 4626, nice: 0, system: 5083, idle: 30507, iowait: 17, irq: 0, softirq: 1893, steal: 0 },
    { cpu: 1, user: 6554, nice: 0, system: 5974, idle: 27868, iowait: 431, irq: 0, softirq: 1340, steal: 0 },
  ]);
});

test('before and after a speed-probe run: the user ticks grew on both CPUs', () => {
  const before = parseProcStat(fixture('stat.txt'));
  const after = parseProcStat(fixture('stat-after-speed-probe.txt'));
  assert.equal(after.cpus.map((c) => c.user), [11219, 4644, 6574]);
  assert.equal(after.cpus.map((c, i) => c.user - before.cpus[i].user), [38, 18, 20]);
});

test('an old 2.6 kernel (7 columns, no steal): steal is 0; two snapshots in one file are refused', () => {
  // jc's fixture is two /proc/stat snapshots one after the other: the first one (lines 1-9) alone parses
  const text = fixture('jc-stat2-two-snapshots.txt');
  const first = text.split('\n').slice(0, 9).join('\n');
  assert.equal(parseProcStat(first).cpus, [
    { cpu: null, user: 259246, nice: 7001, system: 60190, idle: 34250993, iowait: 137517, irq: 772, softirq: 0, steal: 0 },
    { cpu: 0, user: 259246, nice: 7001, system: 60190, idle: 34250993, iowait: 137517, irq: 772, softirq: 0, steal: 0 },
  ]);
  assert.is(detectFormat(text).name, 'proc-stat');
  const e = parseError(() => parseProcStat(text));
  assert.is(e.reason, 'a "cpu" line after the CPU lines ended: two /proc/stat snapshots in one file? (one per file)');
  assert.is(e.line, 10);
});

test('detected by content: aggregate "cpu" line of 7+ numbers first, then a "cpu0 " line', () => {
  assert.is(detectFormat(fixture('stat.txt')).name, 'proc-stat');
  assert.is(detectFormat(fixture('stat.txt').replace(/\n/g, '\r\n')).name, 'proc-stat');
  assert.ok(!sniffProcStat('cpu  1 2 3 4\ncpu0 1 2 3 4\n'));
  assert.ok(!sniffProcStat('cpu  1 2 3 4 5 6 7\nintr 5\n'));
  assert.ok(!sniffProcStat('cpu0 1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\n'));
  // the other /proc fixtures are not /proc/stat
  for (const name of ['cpuinfo.txt', 'meminfo.txt']) {
    assert.ok(!sniffProcStat(fixture(name)), name);
  }
});

test('malformed: too few columns, a non-number, a repeated CPU, no per-CPU lines, another file', () => {
  const good = fixture('stat.txt');
  let e = parseError(() => parseProcStat(good.replace('cpu1 6554 0 5974 27868 431 0 1340 0 0 0', 'cpu1 6554 0 5974 27868')));
  assert.is(e.reason, '"cpu1" line has 4 numbers; /proc/stat prints at least 7 (user nice system idle iowait irq softirq)');
  assert.is(e.line, 3);
  e = parseError(() => parseProcStat('cpu  1 2 3 4\ncpu0 1 2 3 4\n'));
  assert.is(e.reason, '"cpu" line has 4 numbers; /proc/stat prints at least 7 (user nice system idle iowait irq softirq)');
  assert.is(e.line, 1);
  e = parseError(() => parseProcStat(good.replace('cpu0 4626 0', 'cpu0 4626 -1')));
  assert.is(e.reason, '"cpu0" value "-1" is not a tick count (a non-negative integer)');
  assert.is(e.line, 2);
  e = parseError(() => parseProcStat(good.replace('cpu1 ', 'cpu0 ')));
  assert.is(e.reason, 'a second "cpu0" line: two /proc/stat snapshots in one file? (one per file)');
  assert.is(e.line, 3);
  e = parseError(() => parseProcStat(good.split('\n').filter((l) => !/^cpu\d/.test(l)).join('\n')));
  assert.is(e.reason, '/proc/stat snapshot has no "cpuN" lines after the aggregate "cpu" line (truncated?)');
  assert.is(e.line, 1);
  e = parseError(() => parseProcStat(fixture('meminfo.txt')));
  assert.is(e.reason, 'not a /proc/stat snapshot: expected the aggregate "cpu" line first, got "MemTotal:       24684092 kB"');
  assert.is(e.line, 1);
  e = parseError(() => parseProcStat('\n\n'));
  assert.is(e.reason, 'empty /proc/stat snapshot: nothing to parse');
});

test.run();
