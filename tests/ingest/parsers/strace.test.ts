import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseStrace, sniffStrace } from '../../../ingest/parsers/strace.ts';
import type { StraceRecord } from '../../../ingest/records/strace.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/strace/${name}`, import.meta.url), 'utf8');
const sc = (r: StraceRecord, name: string) => {
  const s = r.syscalls.find((x) => x.name === name);
  if (!s) throw new Error(`no syscall ${name}`);
  return s;
};
const parseError = (text: string) => thrownParseError(() => parseStrace(text));

test('strace 6.1 -c -f -p nginx under wrk (captured): rows, blank errors, total', () => {
  const r = parseStrace(fixture('c-f-p-nginx-under-wrk.txt'));
  assert.is(r.format, 'strace-c');
  assert.equal(r.columns, ['% time', 'seconds', 'usecs/call', 'calls', 'errors', 'syscall']);
  assert.is(r.syscalls.length, 7);
  assert.equal(sc(r, 'writev'), { name: 'writev', calls: 22052, errors: 0, seconds: 0.22506, usecs_per_call: 10, time_pct: 68.04 });
  assert.is(sc(r, 'recvfrom').calls, 22052);
  assert.is(sc(r, 'epoll_wait').calls, 2761);
  assert.equal(r.total, { calls: 46961, errors: 0, seconds: 0.330772, usecs_per_call: 7, time_pct: 100 });
});

test('stderr capture with "strace: Process N attached/detached" around the table', () => {
  const r = parseStrace(fixture('c-f-p-nginx-stderr.txt'));
  assert.is(sc(r, 'writev').calls, 21282);
  assert.is(r.total.calls, 45327);
});

test('-c -f on a command: errors column filled where non-zero', () => {
  const r = parseStrace(fixture('c-f-ls.txt'));
  assert.is(r.syscalls.length, 29);
  assert.equal(sc(r, 'getxattr'), { name: 'getxattr', calls: 129, errors: 129, seconds: 0.000545, usecs_per_call: 4, time_pct: 22.05 });
  assert.is(sc(r, 'openat').errors, 18);
  assert.is(sc(r, 'statx').errors, 0);
  assert.equal(r.total, { calls: 465, errors: 227, seconds: 0.002472, usecs_per_call: 5, time_pct: 100 });
  const sh = parseStrace(fixture('c-f-sh.txt'));
  assert.is(sc(sh, 'wait4').usecs_per_call, 439);
  assert.is(sh.total.errors, 57);
});

test('-w (wall clock) and -S calls (sorted by calls)', () => {
  const w = parseStrace(fixture('c-w-gzip.txt'));
  assert.is(sc(w, 'read').calls, 64);
  assert.is(sc(w, 'read').seconds, 0.001747);
  assert.is(w.total.calls, 112);
  const s = parseStrace(fixture('c-S-calls.txt'));
  assert.equal(s.syscalls.slice(0, 3).map((x) => x.name), ['getxattr', 'lgetxattr', 'statx']);
  assert.is(s.total.errors, 227);
});

test('-U custom columns: reordered, shortest/longest, and a calls,name-only table', () => {
  const all = parseStrace(fixture('c-U-all.txt'));
  assert.equal(all.columns, ['syscall', 'calls', 'errors', 'seconds', 'shortest', 'longest', 'usecs/call', '% time']);
  assert.equal(sc(all, 'wait4'), { name: 'wait4', calls: 2, errors: 1, seconds: 0.00145, usecs_per_call: 725, time_pct: 100, min_seconds: 0, max_seconds: 0.00145 });
  assert.is(sc(all, 'newfstatat').errors, 8);
  assert.is(sc(all, 'read').errors, 0);
  assert.equal(all.total, { calls: 63, errors: 10, seconds: 0.00145, usecs_per_call: 23, time_pct: 100 });
  const cn = parseStrace(fixture('c-U-calls-name.txt'));
  assert.equal(sc(cn, 'openat'), { name: 'openat', calls: 34, errors: 0, seconds: null, usecs_per_call: null, time_pct: null });
  assert.equal(cn.total, { calls: 147, errors: 0, seconds: null, usecs_per_call: null, time_pct: null });
});

test('de_DE: decimal commas (0,00 / 100,00)', () => {
  const r = parseStrace(fixture('c-de_DE.txt'));
  assert.is(r.total.time_pct, 100);
  assert.is(r.total.calls, 74);
  assert.is(sc(r, 'ioctl').errors, 2);
});

test('strace 4.x excerpt: total row with blank usecs/call is read, then refused because rows were cut', () => {
  const e = parseError(fixture('snippet-strace-95-v4-abridged.txt'));
  assert.is(e.line, 7);
  assert.is(e.reason, 'strace -c rows add up to 10 calls but the total row says 32: rows are missing');
});

test('truncated and malformed tables', () => {
  const lines = fixture('c-f-ls.txt').split('\n');
  const cut = parseError(lines.slice(0, 10).join('\n'));
  assert.is(cut.reason, 'truncated strace -c table: no "total" row');
  assert.is(cut.line, 10);
  const bad = parseError(fixture('c-f-ls.txt').replace(' 58.25    0.001440          20        70', ' 58.25    0.001440          20       7x0'));
  assert.is(bad.line, 3);
  assert.match(bad.reason, /calls "7x0" of statx is not a number/);
  const noDashes = parseError(lines.filter((_, i) => i !== 1).join('\n'));
  assert.is(noDashes.line, 2);
  const failed = parseError("strace: Can't stat '/nonexistent': No such file or directory\n");
  assert.is(failed.reason, "strace failed: Can't stat '/nonexistent': No such file or directory");
});

test('sniff', () => {
  assert.ok(sniffStrace(fixture('c-U-all.txt')));
  assert.ok(sniffStrace(fixture('c-f-p-nginx-stderr.txt')));
  assert.not.ok(sniffStrace(fixture('snippet-strace-pr396-command-only.txt')));
});

test('sniff: the dashes line found after any blanks (tabs, no-break spaces, CRLF), never in the middle of a line', () => {
  const real = fixture('c-U-all.txt');
  assert.ok(sniffStrace(real.replace(/\n/g, '\r\n')));
  assert.ok(sniffStrace(real.replace(/\n-/g, '\n\t\u00a0-')));
  assert.ok(sniffStrace(` \n\n${real}`));
  // dashes only after other text on their lines: not a table
  assert.not.ok(sniffStrace(real.replace(/\n-/g, '\nx-')));
  assert.not.ok(sniffStrace('Linux 6.1.0-18-amd64 (h) \t11/22/26 \t_x86_64_\t(2 CPU)\n'));
});

test.run();
