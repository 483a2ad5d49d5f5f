import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnSpec } from '../../../ingest/parsers/pidstat-columns.ts';
import { compileRowReader, DASH, type RowSink } from '../../../ingest/parsers/pidstat-row-reader.ts';

const cols = ['UID', 'TGID', 'TID', '%usr', '%CPU', 'RSS', 'kB_rd/s', 'policy'].map(columnSpec);

function read(line: string, from: number, end = line.length) {
  const calls: unknown[] = [];
  let rec: Record<string, unknown> = {};
  const sink: RowSink = {
    record: (l, pid, tid, at, e) => {
      calls.push([pid, tid, l.slice(at, e)]);
      return (rec = {});
    },
  };
  const ok = compileRowReader(cols)(line, from, end, sink);
  return { ok, calls, rec };
}

test('reads a thread row in one pass: dash TGID, values, command with spaces', () => {
  const r = read('06:51:03 PM     0         -      9081   29.00   29,00  313680     -1.00  NORMAL  |__gb worker #1', 11);
  assert.ok(r.ok);
  assert.equal(r.calls, [[DASH, 9081, '|__gb worker #1']]);
  assert.equal(r.rec, { uid: 0, usr_pct: 29, cpu_pct: 29, rss_kb: 313680, kb_rd_per_s: null, policy: 'NORMAL' });
});

test('reads a row inside a larger chunk, stopping at `end`', () => {
  const chunk = 'x\n12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO bash\n12:00:01 0 43 - 9.99 9.99 11 0.00 FIFO sh\n';
  const start = chunk.indexOf('12:00:00');
  const r = read(chunk, start + 8, chunk.indexOf('\n', start));
  assert.ok(r.ok);
  assert.equal(r.calls, [[42, DASH, 'bash']]);
  assert.is(r.rec.cpu_pct, 1.5);
});

test('the same row, complete, is read', () => {
  const r = read('12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO bash', 8);
  assert.ok(r.ok);
  assert.equal(r.rec, { uid: 0, usr_pct: 1.5, cpu_pct: 1.5, rss_kb: 10, kb_rd_per_s: 0, policy: 'FIFO' });
});

test('declines (without calling the sink) what the general path must handle', () => {
  const rows = [
    '12:00:00 0 42 - 1.50 1.50 253.0M 0.00 FIFO bash', // --human suffix
    '12:00:00 0 42 - 1.50 1.50 10 0.00 FIFO', // no Command: truncated
    '12:00:00 0 42 - 1.50', // truncated
    '12:00:00 UID TGID TID %usr %CPU RSS kB_rd/s policy Command', // a header
    '12:00:00 0 42 - 1.234 1.50 10 0.00 FIFO bash', // 3 decimals
    '12:00:00 0 42 - 1,234 1.50 10 0.00 FIFO bash', // grouping
    '12:00:00 0 42 - 479136209706741632.00 1.50 10 0.00 FIFO bash', // > 15 digits
    '12:00:00 0 4x2 - 1.50 1.50 10 0.00 FIFO bash', // a bad id
  ];
  for (const row of rows) {
    const r = read(row, 8);
    assert.is(r.ok, false, row);
    assert.is(r.calls.length, 0, row);
  }
});

test.run();
