import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseProcStat } from '../../ingest/parsers/proc-stat.ts';
import { ProcStatRecord } from '../../ingest/records/proc-stat.ts';
import { validatedRecord } from '../../ingest/validated-record.ts';
import { thrownParseError } from './parsers/thrown-parse-error.ts';

const record = () => parseProcStat(readFileSync(new URL('../fixtures/proc/stat.txt', import.meta.url), 'utf8'));

test("a valid record comes back as zod's output: equal to it, a new object, unknown keys dropped", () => {
  const r = record();
  const out = validatedRecord(ProcStatRecord, { ...r, extra: 1 }, 'proc-stat');
  assert.equal(out, r);
  assert.is.not(out.cpus, r.cpus);
  assert.equal(Object.keys(out), ['format', 'cpus']);
});

test('a bad record is a ParseError naming the record and the field, with no line (the loader adds the file)', () => {
  const r = record();
  r.cpus[1].idle = -3;
  const e = thrownParseError(() => validatedRecord(ProcStatRecord, r, 'proc-stat'));
  assert.is(e.reason, 'proc-stat record invalid at cpus.1.idle: Too small: expected number to be >=0');
  assert.is(e.line, undefined);
  e.file = 'raw-results/r1/proxy/rep-1/before.proc-stat.txt';
  assert.is(e.describe(), 'raw-results/r1/proxy/rep-1/before.proc-stat.txt: proc-stat record invalid at cpus.1.idle: Too small: expected number to be >=0');
});

test('a wrong type deep inside names the whole path', () => {
  const r = record() as unknown as { cpus: Record<string, unknown>[] };
  r.cpus[2].user = '6554';
  assert.is(thrownParseError(() => validatedRecord(ProcStatRecord, r, 'proc-stat')).reason, 'proc-stat record invalid at cpus.2.user: Invalid input: expected number, received string');
});

test.run();
