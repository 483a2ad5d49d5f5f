import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnSpec } from '../../../ingest/parsers/pidstat-columns.ts';
import { compileByteRowReader, SAMPLE_FIELDS, type ByteRowSink } from '../../../ingest/parsers/pidstat-byte-row-reader.ts';
import { createByteTextCache } from '../../../ingest/parsers/pidstat-byte-text.ts';
import { DASH } from '../../../ingest/parsers/pidstat-row-reader.ts';

const cols = ['UID', 'TGID', 'TID', '%usr', '%CPU', 'RSS', 'kB_rd/s', 'policy'].map(columnSpec);
const enc = (s: string) => new TextEncoder().encode(s);

/** A sink that makes every record (record() returns null), as the parser does for a task's first row. */
function creatingSink(calls: unknown[], out: { rec: Record<string, unknown> }): ByteRowSink {
  const sink: ByteRowSink = {
    pid: 0,
    tid: undefined,
    command: '',
    leader: undefined,
    record: (pid, tid, command) => {
      calls.push([pid, tid, command]);
      sink.pid = pid;
      sink.tid = tid;
      sink.command = command;
      return null;
    },
    adopt: (rec) => (out.rec = rec),
  };
  return sink;
}

function read(text: string, from: number, columns = cols) {
  const calls: unknown[] = [];
  const out = { rec: {} as Record<string, unknown> };
  const bytes = enc(`${text}\n`); // a sentinel newline after the data, as the parser keeps one
  const end = compileByteRowReader(columns)(bytes, from, bytes.length - 1, creatingSink(calls, out), createByteTextCache());
  return { end, calls, rec: out.rec };
}

/** The values of `rec` for the columns above (the record also has every SAMPLE_FIELDS field). */
const pick = (rec: Record<string, unknown>) => ({
  uid: rec.uid, usr_pct: rec.usr_pct, cpu_pct: rec.cpu_pct, rss_kb: rec.rss_kb, kb_rd_per_s: rec.kb_rd_per_s, policy: rec.policy,
});

test('reads a thread row from bytes: dash TGID, values, command with spaces; returns its newline', () => {
  const row = '06:51:03 PM     0         -      9081   29.00   29,00  313680     -1.00  NORMAL  |__gb worker #1\n';
  const r = read(row, 11);
  assert.is(r.end, row.length - 1);
  assert.equal(r.calls, [[DASH, 9081, '|__gb worker #1']]);
  assert.equal(pick(r.rec), { uid: 0, usr_pct: 29, cpu_pct: 29, rss_kb: 313680, kb_rd_per_s: null, policy: 'NORMAL' });
});

test('a CRLF row: the \\r is not part of the command; trailing blanks are kept for the parser to trim', () => {
  const r = read('12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO bash  \r\n', 8);
  assert.equal(r.calls, [[42, DASH, 'bash  ']]);
  assert.equal(pick(r.rec), { uid: 0, usr_pct: 1.5, cpu_pct: 1.5, rss_kb: 10, kb_rd_per_s: 0, policy: 'FIFO' });
});

test('create() makes the full sample shape: SAMPLE_FIELDS in order, then the other columns', () => {
  const r = read('12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO bash\n', 8);
  assert.equal(Object.keys(r.rec), [...SAMPLE_FIELDS.map(([f]) => f), 'kb_rd_per_s', 'policy']);
  assert.is(r.rec.system_pct, null);
  assert.is(r.rec.pid, 42);
  assert.is(r.rec.tid, DASH);
});

test('a record the sink hands back (merged or recycled) gets the same values as a new one', () => {
  const read1 = compileByteRowReader(cols);
  const text = createByteTextCache();
  const row = enc('12:00:00 1000 7 8 3.25 99.99 2048 -1 RR sh\n');
  const fresh = { rec: {} as Record<string, unknown> };
  read1(row, 8, row.length, creatingSink([], fresh), text);
  const old: Record<string, unknown> = { pid: 1, tid: 2, command: 'x', leader: 'y', usr_pct: 5, policy: 'FIFO' };
  const sink: ByteRowSink = { ...creatingSink([], fresh), record: () => old };
  assert.is(read1(row, 8, row.length, sink, text), row.length - 1);
  const expected = { uid: 1000, usr_pct: 3.25, cpu_pct: 99.99, rss_kb: 2048, kb_rd_per_s: null, policy: 'RR' };
  assert.equal(pick(fresh.rec), expected);
  assert.equal([fresh.rec.pid, fresh.rec.tid, fresh.rec.command, fresh.rec.leader], [7, 8, 'sh', undefined]);
  assert.equal(pick(old), expected);
  assert.equal([old.pid, old.tid, old.command, old.leader], [1, 2, 'x', 'y']); // ids and command are the parser's
});

test('null forms (-, -1, -1.0, -1,00) and one- or two-digit fractions with either separator', () => {
  const r = read('12:00:00 0 42 - -1 -1.0 -1,00 1,5 FIFO bash\n', 8);
  assert.equal(pick(r.rec), { uid: 0, usr_pct: null, cpu_pct: null, rss_kb: null, kb_rd_per_s: 1.5, policy: 'FIFO' });
  const s = read('12:00:00 7 42 - 0.07 12,34 1234567 99.9 RR sh\n', 8);
  assert.equal(pick(s.rec), { uid: 7, usr_pct: 0.07, cpu_pct: 12.34, rss_kb: 1234567, kb_rd_per_s: 99.9, policy: 'RR' });
});

test('at most 15 digits (fraction included) on the fast path; tabs between columns are blanks too', () => {
  const r = read('12:00:00\t0\t42 -\t1234567890123.45 1.50 123456789012345 0.00 FIFO bash\n', 8);
  assert.equal(pick(r.rec), { uid: 0, usr_pct: 1234567890123.45, cpu_pct: 1.5, rss_kb: 123456789012345, kb_rd_per_s: 0, policy: 'FIFO' });
  assert.is(read('12:00:00 0 42 - 12345678901234.56 1.50 10 0.00 FIFO bash\n', 8).end, -1);
  assert.is(read('12:00:00 0 42 - 1.50 1.50 1234567890123456 0.00 FIFO bash\n', 8).end, -1);
});

test('a run of more number columns than one scan call holds is read in parts', () => {
  const many = ['UID', 'PID', ...Array.from({ length: 300 }, (_, k) => (k % 2 === 0 ? '%usr' : '%CPU'))].map(columnSpec);
  const values = Array.from({ length: 300 }, (_, k) => `${k}.${k % 2 === 0 ? '25' : '5'}`);
  const r = read(`12:00:00 0 42 ${values.join(' ')} bash\n`, 8, many);
  assert.equal([r.rec.usr_pct, r.rec.cpu_pct, r.rec.pid, r.rec.command], [298.25, 299.5, 42, 'bash']); // the last of each
});

test('unknown columns go to `extra`', () => {
  const r = read('12:00:00 0 42 x1 bash\n', 8, ['UID', 'PID', '%steal'].map(columnSpec));
  assert.equal(r.rec.extra, { '%steal': 'x1' });
});

test('declines (without calling the sink) what the general path must handle', () => {
  const rows = [
    '12:00:00 0 42 - 1.50 1.50 253.0M 0.00 FIFO bash\n', // --human suffix
    '12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO\n', // no Command: truncated
    '12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO   \r\n', // only blanks after the last column
    '12:00:00 0 42 - 1.50\n', // truncated
    '12:00:00 UID TGID TID %usr %CPU RSS kB_rd/s policy Command\n', // a header
    '12:00:00 0 42 - 1.234 1.50 10 0.00 FIFO bash\n', // 3 decimals
    '12:00:00 0 42 - 1,234 1.50 10 0.00 FIFO bash\n', // grouping
    '12:00:00 0 42 - 1. 1.50 10 0.00 FIFO bash\n', // no decimals after the point
    '12:00:00 0 42 - .5 1.50 10 0.00 FIFO bash\n', // no integer digits
    '12:00:00 0 42 - -01 1.50 10 0.00 FIFO bash\n', // a rarer spelling of -1
    '12:00:00 0 42 - -1.05 1.50 10 0.00 FIFO bash\n', // negative
    '12:00:00 0 42 - -2 1.50 10 0.00 FIFO bash\n', // negative
    '12:00:00 0 42 - 1.5x 1.50 10 0.00 FIFO bash\n', // trailing garbage
    '12:00:00 0 42 - 1.50 1.50 10 0.00\r\n', // CRLF right after the last value: no Command
    '12:00:00 0 42 - 479136209706741632.00 1.50 10 0.00 FIFO bash\n', // > 15 digits
    '12:00:00 0 4x2 - 1.50 1.50 10 0.00 FIFO bash\n', // a bad id
    '12:00:00 0 42.5 - 1.50 1.50 10 0.00 FIFO bash\n', // a fractional id
    '12:00:00 0.5 42 - 1.50 1.50 10 0.00 FIFO bash\n', // a fractional UID
    '12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO bash', // no newline before `end`: the row may go on
    '12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO Command\n', // might be a header: the general path decides
  ];
  for (const row of rows) {
    const r = read(row, 8);
    assert.is(r.end, -1, row);
    assert.is(r.calls.length, 0, row);
  }
});

test.run();
