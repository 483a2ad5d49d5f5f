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
  assert.is(doc.samples[0].rows.length, 0);
  const row = doc.samples[1].rows[0];
  assert.is(row.pid, '8741');
  assert.is(row.tid, '');
  assert.is(row.command, 'firefox');
  assert.equal(row.values.map(([spec, v]) => [spec.field, v]), [
    ['uid', '1000'], ['usr_pct', 0.13], ['system_pct', 0.03], ['guest_pct', 0], ['wait_pct', 0.03], ['cpu_pct', 0.16], ['cpu', 5],
  ]);
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
});

test.run();
