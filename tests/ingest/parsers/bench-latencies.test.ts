import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseBenchLatencies, sniffBenchLatencies } from '../../../ingest/parsers/bench-latencies.ts';
import { detectFormat } from '../../../ingest/detect.ts';
import { BenchLatenciesRecord } from '../../../ingest/records/bench-latencies.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bench/${name}`, import.meta.url), 'utf8');

const parseError = thrownParseError;

test('captured file: 1000 latencies in completion order', () => {
  const r = parseBenchLatencies(fixture('latencies-nginx-R1000.txt'));
  assert.is(r.format, 'bench-latencies');
  assert.is(r.version, 1);
  assert.is(r.count, 1000);
  assert.equal(r.latencies_us.slice(0, 3), [255, 139, 122]);
  assert.equal(r.latencies_us.slice(-2), [79, 84]);
});

test('the record passes its whole zod schema: the per-line check of the latencies and the declaration agree', () => {
  const r = parseBenchLatencies(fixture('latencies-nginx-R1000.txt'));
  assert.equal(BenchLatenciesRecord.parse(r), r);
});

test('a latency too large to be an exact number is refused on its line; 2^53 - 1 is kept', () => {
  const e = parseError(() => parseBenchLatencies('# bench-latency 1 latencies_us\n12\n9007199254740992\n'));
  assert.is(e.reason, 'latency "9007199254740992" us is too large (above 2^53 - 1)');
  assert.is(e.line, 3);
  assert.equal(parseBenchLatencies('# bench-latency 1 latencies_us\n9007199254740991\n').latencies_us, [9007199254740991]);
});

test('detected by its header line', () => {
  assert.is(detectFormat(fixture('latencies-nginx-R1000.txt')).name, 'bench-latencies');
  assert.is(sniffBenchLatencies('412\n388\n'), false);
});

test('a run with no responses is an empty list, not an error', () => {
  assert.equal(parseBenchLatencies('# bench-latency 1 latencies_us\n').latencies_us, []);
});

test('refuses a missing header, a newer version and a non-integer, naming the line', () => {
  assert.is(parseError(() => parseBenchLatencies('412\n')).reason, 'expected the header "# bench-latency 1 latencies_us", found "412"');
  assert.is(parseError(() => parseBenchLatencies('# bench-latency 3 latencies_us\n')).reason, 'bench-latency latencies format 3 is newer than this gatebench reads (1)');
  const e = parseError(() => parseBenchLatencies('# bench-latency 1 latencies_us\n12\n1.5\n'));
  assert.is(e.reason, 'expected a latency in microseconds (a non-negative integer), found "1.5"');
  assert.is(e.line, 3);
});

test.run();
