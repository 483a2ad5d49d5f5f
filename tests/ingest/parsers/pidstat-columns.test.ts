import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnSpec, newSample, readHeaderLine } from '../../../ingest/parsers/pidstat-columns.ts';

test('column names map to fields with units', () => {
  assert.equal(columnSpec('%CPU'), { name: '%CPU', kind: 'number', field: 'cpu_pct', unit: 'plain' });
  assert.equal(columnSpec('RSS'), { name: 'RSS', kind: 'number', field: 'rss_kb', unit: 'kb' });
  assert.is(columnSpec('%user').field, 'usr_pct'); // sysstat 8.x
  assert.is(columnSpec('TGID').kind, 'pid');
  assert.is(columnSpec('iodelay').field, 'iodelay_ticks');
  assert.is(columnSpec('fd-nr').field, 'fd_count');
  assert.is(columnSpec('policy').kind, 'string');
  assert.equal(columnSpec('%steal'), { name: '%steal', kind: 'unknown', field: '%steal', unit: 'plain' });
});

test('-o JSON keys', () => {
  assert.equal(columnSpec('cpu'), { name: 'cpu', kind: 'number', field: 'cpu_pct', unit: 'plain' });
  assert.is(columnSpec('cpu_nr').field, 'cpu');
  assert.is(columnSpec('MEM').field, 'mem_pct');
  assert.is(columnSpec('usr').field, 'usr_pct');
  assert.is(columnSpec('minflt/s').field, 'minflt_per_s');
});

test('newSample: every contract metric present, null until a column fills it', () => {
  const s = newSample(8741, 8742, 'firefox', 'firefox-bin');
  assert.equal([s.pid, s.tid, s.command, s.leader, s.cpu_pct, s.rss_kb, s.time, s.elapsed_s], [8741, 8742, 'firefox', 'firefox-bin', null, null, '', 0]);
  assert.equal(Object.keys(s).length, 22);
});

test('readHeaderLine: prefix length and columns, whatever the order', () => {
  const h = readHeaderLine(['#', 'Time', 'UID', 'TGID', 'TID', '%usr', 'RSS', 'Command'])!;
  assert.is(h.prefixLength, 2);
  assert.equal(h.columns.map((c) => c.field), ['uid', 'pid', 'tid', 'usr_pct', 'rss_kb']);
  assert.is(readHeaderLine(['09:46:27', 'AM', 'PID', '%usr', 'Command'])!.prefixLength, 2); // sysstat 9: no UID
  assert.is(readHeaderLine(['Moyenne', ':', 'UID', 'PID', 'Command'])!.prefixLength, 2);
  assert.equal(readHeaderLine(['12:53:20', 'USER', 'PID', 'usr-ms', 'Command'])!.columns.map((c) => c.name), ['USER', 'PID', 'usr-ms']);
});

test('readHeaderLine: not a header', () => {
  assert.is(readHeaderLine(['12:53:20', '0', '8407', 'bash']), null);
  assert.is(readHeaderLine(['12:53:20', 'UID', 'PID', '%CPU']), null); // no Command
  assert.is(readHeaderLine(['12:53:20', 'UID', 'CPU', 'Command']), null); // no PID/TGID
});

test.run();
