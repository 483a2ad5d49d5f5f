import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseLegacyCsv, sniffLegacyCsv, toLegacyCsv } from '../../../ingest/parsers/legacy-csv.ts';
import { parsePidstat } from '../../../ingest/parsers/pidstat.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');
const HEADER = 'timestamp,pid,cpu_percent,user_cpu,sys_cpu,memory_mb,ctx_switches,voluntary_switches,nonvoluntary_switches';
const parseError = (text: string) => thrownParseError(() => parseLegacyCsv(text));

test('seed-era monitor CSV (real, with its known wrong columns): values as written, non-numbers null and listed', () => {
  const r = parseLegacyCsv(fixture('legacy-csv/seed-monitor-proxy.csv'));
  assert.is(r.samples.length, 15);
  assert.equal(r.samples[3], {
    timestamp: '2026-11-22 19:01:16',
    pid: 21087,
    cpu_percent: 37,
    user_cpu: 54,
    sys_cpu: 1,
    memory_mb: 0,
    ctx_switches: 2,
    voluntary_switches: 52,
    nonvoluntary_switches: 0,
  });
  assert.is(r.samples[1].nonvoluntary_switches, 2756);
  assert.is(r.samples[2].nonvoluntary_switches, null);
  assert.equal(r.invalid_cells[0], { line: 4, column: 'nonvoluntary_switches', value: 'gateway' });
});

test('toLegacyCsv writes pidstat samples (captured pidstat -u -r -w) that parseLegacyCsv reads back', () => {
  const pid = parsePidstat(fixture('pidstat/c-urw-block.txt'));
  const csv = toLegacyCsv(pid.samples);
  assert.is(csv.split('\n')[0], HEADER);
  const back = parseLegacyCsv(csv);
  assert.is(back.samples.length, pid.samples.length);
  assert.equal(back.invalid_cells.filter((c) => c.value !== ''), []);
  const s = pid.samples[2];
  const b = back.samples[2];
  assert.is(b.pid, s.pid);
  assert.is(b.cpu_percent, s.cpu_pct);
  assert.is(b.user_cpu, s.usr_pct);
  assert.is(b.sys_cpu, s.system_pct);
  assert.is(b.memory_mb, s.rss_kb === null ? null : Number((s.rss_kb / 1024).toFixed(2)));
  assert.is(b.voluntary_switches, s.cswch_per_s);
  assert.is(b.nonvoluntary_switches, s.nvcswch_per_s);
  assert.ok(b.timestamp.endsWith(s.time));
});

test('toLegacyCsv: exact text, nulls as empty cells', () => {
  const csv = toLegacyCsv([
    { time: '19:01:16', date: '2026-11-22', pid: 21087, cpu_pct: 37, usr_pct: 30, system_pct: 7, rss_kb: 2048, cswch_per_s: 52, nvcswch_per_s: 1 },
    { time: '19:01:17', date: null, pid: 21087, cpu_pct: null, usr_pct: 1.5, system_pct: 0, rss_kb: null, cswch_per_s: null, nvcswch_per_s: 3 },
  ]);
  assert.is(csv, `${HEADER}\n2026-11-22 19:01:16,21087,37.00,30.00,7.00,2.00,53.00,52.00,1.00\n19:01:17,21087,,1.50,0.00,,,,3.00\n`);
});

test('wrong header, truncated last row, header only', () => {
  const wrong = parseError('time,pid,cpu\n1,2,3\n');
  assert.is(wrong.line, 1);
  assert.match(wrong.reason, /^expected the header/);
  const text = fixture('legacy-csv/seed-monitor-proxy.csv');
  const cut = parseError(text.slice(0, text.indexOf('\n', 200) + 20));
  assert.match(cut.reason, /^truncated row has \d fields, expected 9/);
  assert.is(parseError(`${HEADER}\n`).reason, 'legacy CSV has a header but no rows');
});

test('sniff only on the exact header', () => {
  assert.ok(sniffLegacyCsv(`${HEADER}\r\n1,2`));
  assert.ok(sniffLegacyCsv(`\uFEFF${HEADER}\n`));
  assert.not.ok(sniffLegacyCsv('timestamp,pid,cpu_percent\n'));
});

test.run();
