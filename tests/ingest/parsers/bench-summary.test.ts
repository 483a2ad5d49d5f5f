import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BenchFields, processRole, readBenchSummary, sniffBenchSummary } from '../../../ingest/parsers/bench-summary.ts';
import { ParseError } from '../../../ingest/parse-error.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const parseError = thrownParseError;

test('reads the header, key: value fields and process lines with their line numbers', () => {
  const s = readBenchSummary('bench-cpu 1\nduration_s: 2.100\npids: 7 9\nprocess: pid=7 role=root comm=gateway\n', 'bench-cpu');
  assert.is(s.tool, 'bench-cpu');
  assert.is(s.version, 1);
  assert.equal(s.fields.get('duration_s'), { value: '2.100', line: 2 });
  assert.equal(new BenchFields(s).ints('pids'), [7, 9]);
  assert.is(s.processes.length, 1);
  assert.is(s.processes[0].line, 4);
  assert.is(s.processes[0].pairs.get('comm'), 'gateway');
});

test('sniffs its own tool only, including the tool\'s one-line error', () => {
  assert.is(sniffBenchSummary('bench-latency 1\n', 'bench-latency'), true);
  assert.is(sniffBenchSummary('\uFEFFbench-latency 1\r\n', 'bench-latency'), true);
  assert.is(sniffBenchSummary('bench-latency: cannot connect to 127.0.0.1:1: Connection refused\n', 'bench-latency'), true);
  assert.is(sniffBenchSummary('bench-throughput 1\n', 'bench-latency'), false);
  assert.is(sniffBenchSummary('Running 10s test @ http://x/\n', 'bench-latency'), false);
});

test('a client error message becomes a ParseError carrying it', () => {
  const e = parseError(() => readBenchSummary('bench-throughput: cannot connect to 127.0.0.1:1: Connection refused\n', 'bench-throughput'));
  assert.is(e.reason, 'bench-throughput failed instead of printing a summary: cannot connect to 127.0.0.1:1: Connection refused');
  assert.is(e.line, 1);
});

test('refuses another tool, a newer version, duplicates and malformed lines, naming the line', () => {
  assert.is(parseError(() => readBenchSummary('bench-cpu 1\n', 'bench-memory')).reason, 'this is a bench-cpu summary, not bench-memory');
  const v = parseError(() => readBenchSummary('bench-cpu 2\n', 'bench-cpu'));
  assert.is(v.reason, 'bench-cpu summary format 2 is newer than this gatebench reads (1)');
  const d = parseError(() => readBenchSummary('bench-cpu 1\nrequests: 1\nrequests: 2\n', 'bench-cpu'));
  assert.is(d.reason, '"requests" appears twice (first on line 2)');
  assert.is(d.line, 3);
  const m = parseError(() => readBenchSummary('bench-cpu 1\nrequests 1\n', 'bench-cpu'));
  assert.is(m.reason, 'expected "key: value", found "requests 1"');
  assert.is(m.line, 2);
  const p = parseError(() => readBenchSummary('bench-cpu 1\nprocess: pid=1 oops\n', 'bench-cpu'));
  assert.is(p.reason, 'process field "oops" is not key=value');
  assert.is(parseError(() => readBenchSummary('\n\n', 'bench-cpu')).reason, 'empty bench-cpu summary');
});

test('typed accessors name the key and its line', () => {
  const f = new BenchFields(readBenchSummary('bench-cpu 1\nrequests: 12x\nkeepalive: 2\n', 'bench-cpu'));
  const e = parseError(() => f.int('requests'));
  assert.is(e.reason, '"requests" value "12x" is not a non-negative integer');
  assert.is(e.line, 2);
  assert.is(parseError(() => f.flag('keepalive')).reason, '"keepalive" value "2" is not 0 or 1');
  assert.is(parseError(() => f.num('duration_s')).reason, 'bench-cpu summary has no "duration_s:" line (truncated output?)');
  assert.is(f.optionalInt('missing'), null);
});

test('processRole accepts root and child only', () => {
  assert.is(processRole('child', 3), 'child');
  assert.is(parseError(() => processRole('worker', 3)).reason, 'process role "worker" is not root or child');
});

test.run();
