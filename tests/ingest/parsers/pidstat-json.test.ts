import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { ParseError } from '../../../ingest/parse-error.ts';
import { readPidstatJson } from '../../../ingest/parsers/pidstat-json.ts';

const upstream = readFileSync(new URL('../../fixtures/pidstat/sysstat-tests-expected1.pidstat-C-JSON.txt', import.meta.url), 'utf8');

test('the upstream -o JSON -H document', () => {
  const doc = readPidstatJson(upstream);
  assert.is(doc.hostname, 'SYSSTAT.TEST');
  assert.is(doc.kernel, '1.2.3-TEST');
  assert.is(doc.arch, 'x86_64');
  assert.is(doc.cpu_count, 9);
  assert.is(doc.date_printed, '06/01/20');
  assert.equal(doc.samples.map((s) => s.timestamp), ['1591016002', '1591016004', '1591016006', '1591016008', '1591016010', '1591016012']);
  assert.is(doc.threads, false);
  assert.is(doc.samples[0].tasks.length, 0);
  const task = doc.samples[1].tasks[0];
  assert.equal([task.pid, task.tid, task.command, task.leader], [8741, undefined, 'firefox', undefined]);
  assert.equal([task.uid, task.usr_pct, task.system_pct, task.guest_pct, task.wait_pct, task.cpu_pct, task.cpu], [1000, 0.13, 0.03, 0, 0.03, 0.16, 5]);
  assert.equal([task.rss_kb, task.cswch_per_s], [null, null]); // -u only: the other metrics stay null
});

test("the entries of a task's activities merge into one record; -t threads keep their leader", () => {
  const stat = {
    timestamp: '12:00:01',
    'task-cpu-load': [{ TGID: '7', TID: '', cmd: 'srv', usr: 1.5 }, { TGID: '7', TID: '8', cmd: 'worker', leader: 'srv', usr: 0.5 }],
    'task-memory': [{ TGID: '7', TID: '', cmd: 'srv', RSS: 2048, '%future': 3 }],
  };
  const doc = readPidstatJson(JSON.stringify({ sysstat: { hosts: [{ statistics: [stat] }] } }));
  assert.is(doc.threads, true);
  const [srv, worker] = doc.samples[0].tasks;
  assert.equal([srv.pid, srv.tid, srv.usr_pct, srv.rss_kb, srv.extra], [7, undefined, 1.5, 2048, { '%future': '3' }]);
  assert.equal([worker.pid, worker.tid, worker.command, worker.leader, worker.usr_pct, worker.rss_kb], [7, 8, 'worker', 'srv', 0.5, null]);
});

test('errors: invalid JSON, other JSON, entries without ids', () => {
  const bad = (text: string) => {
    try {
      readPidstatJson(text);
    } catch (e) {
      if (e instanceof ParseError) return e.reason;
      throw e;
    }
    return 'no error';
  };
  assert.match(bad(upstream.slice(0, 200)), /^pidstat -o JSON output is not valid JSON \(truncated\?\)/);
  assert.is(bad('{"hello": 1}'), 'pidstat -o JSON output has no "sysstat.hosts" array');
  assert.is(bad('{"sysstat": {"hosts": [{"statistics": [{"timestamp": "1", "task-cpu-load": [{"cmd": "x"}]}]}]}}'),
    'pidstat -o JSON statistics[0]."task-cpu-load" has an entry without PID or TGID');
  assert.is(bad('{"sysstat": {"hosts": [{"statistics": [{"task-cpu-load": []}]}]}}'), 'pidstat -o JSON statistics[0] has no "timestamp"');
  const entry = (e: object) => bad(JSON.stringify({ sysstat: { hosts: [{ statistics: [{ timestamp: '1', io: [e] }] }] } }));
  assert.is(entry({ PID: '1.5' }), 'pidstat -o JSON has a non-integer PID/TID ("1.5", "")');
  assert.is(entry({ PID: '1', 'kB_rd/s': -2 }), 'pidstat -o JSON key "kB_rd/s" has a negative value "-2" (pidstat prints none but -1.00, "not readable")');
  assert.is(entry({ PID: '1', cpu: 'x' }), 'pidstat -o JSON key "cpu" has a non-numeric value "x"');
});

test.run();
