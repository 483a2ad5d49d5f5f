import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnSpec } from '../../../ingest/parsers/pidstat-columns.ts';
import { compileByteRowReader, SAMPLE_FIELDS, type ByteRowSink } from '../../../ingest/parsers/pidstat-byte-row-reader.ts';
import { createByteTextCache } from '../../../ingest/parsers/pidstat-byte-text.ts';
import { DASH } from '../../../ingest/parsers/pidstat-row-reader.ts';

const cols = ['UID', 'TGID', 'TID', '%usr', '%CPU', 'RSS', 'kB_rd/s', 'policy'].map(columnSpec);
const enc = (s: string) => new TextEncoder().encode(s);

function read(text: string, from: number, columns = cols) {
  const calls: unknown[] = [];
  let rec: Record<string, unknown> = {};
  const sink: ByteRowSink = {
    record: (pid, tid, command, values) => {
      calls.push([pid, tid, command]);
      rec = values.create(pid, tid, command, undefined);
    },
  };
  const end = compileByteRowReader(columns)(enc(text), from, sink, createByteTextCache());
  return { end, calls, rec };
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

test('fill() and reuse() write the same values as create()', () => {
  const read1 = compileByteRowReader(cols);
  const text = createByteTextCache();
  const got: Record<string, unknown>[] = [];
  const old = { pid: 1, tid: 2, command: 'x', leader: 'y', extra: 1 } as Record<string, unknown>;
  const sink: ByteRowSink = {
    record: (pid, tid, command, values) => {
      const fresh = values.create(pid, tid, command, undefined);
      const filled: Record<string, unknown> = {};
      values.fill(filled);
      got.push(fresh, filled, values.reuse({ ...old }, pid, tid, command, undefined));
    },
  };
  read1(enc('12:00:00 1000 7 8 3.25 99.99 2048 -1 RR sh\n'), 8, sink, text);
  const expected = { uid: 1000, usr_pct: 3.25, cpu_pct: 99.99, rss_kb: 2048, kb_rd_per_s: null, policy: 'RR' };
  assert.equal(pick(got[0]), expected);
  assert.equal(pick(got[1]), expected);
  assert.equal(pick(got[2]), expected);
  assert.equal([got[2].pid, got[2].tid, got[2].command, got[2].leader], [7, 8, 'sh', undefined]);
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
    '12:00:00 0 42 - 479136209706741632.00 1.50 10 0.00 FIFO bash\n', // > 15 digits
    '12:00:00 0 4x2 - 1.50 1.50 10 0.00 FIFO bash\n', // a bad id
    '12:00:00 0 42.5 - 1.50 1.50 10 0.00 FIFO bash\n', // a fractional id
    '12:00:00 0.5 42 - 1.50 1.50 10 0.00 FIFO bash\n', // a fractional UID
    '12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO bash', // no newline in this chunk: the row may go on
    '12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO Command\n', // might be a header: the general path decides
  ];
  for (const row of rows) {
    const r = read(row, 8);
    assert.is(r.end, -1, row);
    assert.is(r.calls.length, 0, row);
  }
});

test.run();
