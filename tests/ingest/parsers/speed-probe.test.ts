import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseSpeedProbe, sniffSpeedProbe } from '../../../ingest/parsers/speed-probe.ts';
import { detectFormat } from '../../../ingest/detect.ts';
import { thrownParseError } from './thrown-parse-error.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/speed-probe/${name}`, import.meta.url), 'utf8');

const parseError = thrownParseError;

test('default run on cpus 0,1: one sample per CPU, in order, default iterations', () => {
  const r = parseSpeedProbe(fixture('cpus-0-1.txt'));
  assert.equal(r, {
    format: 'speed-probe',
    version: 1,
    samples: [
      { cpu: 0, iterations: 2750000, ns: 4683075 },
      { cpu: 1, iterations: 2750000, ns: 4643169 },
    ],
  });
});

test('--cpus 1,0,1 --iterations 100000: the order of --cpus, repeats kept', () => {
  const r = parseSpeedProbe(fixture('cpus-1-0-1-i100000.txt'));
  assert.equal(r.samples.map((s) => s.cpu), [1, 0, 1]);
  assert.equal(r.samples.map((s) => s.ns), [164073, 164673, 163632]);
  assert.ok(r.samples.every((s) => s.iterations === 100000));
});

test('detected by content: the exact first line "speed-probe 1"', () => {
  assert.is(detectFormat(fixture('cpus-0-1.txt')).name, 'speed-probe');
  assert.is(detectFormat(`\r\n${fixture('cpus-0-1.txt').replace(/\n/g, '\r\n')}`).name, 'speed-probe');
  assert.ok(!sniffSpeedProbe('speed-probe 2\ncpu=0 iterations=1 ns=1 checksum=00000000\n'));
  assert.ok(!sniffSpeedProbe('speed-probe 1 extra\n'));
  // its one-line error is not a summary: no format claims it
  const e = parseError(() => detectFormat(fixture('no-cpu-7.stderr.txt')));
  assert.is(e.reason, 'not a recognised format (first line: "speed-probe: --cpus 0,7: no cpu 7 on this machine (cpus 0-1)")');
});

test('the probe\'s own error message, parsed: the failure, not a shape complaint', () => {
  const e = parseError(() => parseSpeedProbe(fixture('no-cpu-7.stderr.txt')));
  assert.is(e.reason, 'speed-probe failed: --cpus 0,7: no cpu 7 on this machine (cpus 0-1)');
  assert.is(e.line, 1);
});

test('malformed: header, version, sample lines, zero time, mixed runs, nothing measured', () => {
  const good = fixture('cpus-0-1.txt');
  let e = parseError(() => parseSpeedProbe(''));
  assert.is(e.reason, 'empty speed-probe output: nothing to parse');
  e = parseError(() => parseSpeedProbe(good.replace('speed-probe 1', 'speed-probe 2')));
  assert.is(e.reason, 'speed-probe format version 2 is not supported (this parser reads version 1)');
  assert.is(e.line, 1);
  e = parseError(() => parseSpeedProbe(`\n${good.replace('speed-probe 1', 'bench-cpu 1')}`));
  assert.is(e.reason, 'not a speed-probe summary: expected the first line "speed-probe 1", got "bench-cpu 1"');
  assert.is(e.line, 2);
  e = parseError(() => parseSpeedProbe(good.replace('ns=4643169', 'ns=4.6ms')));
  assert.is(e.reason, 'expected "cpu=N iterations=N ns=N checksum=XXXXXXXX", got "cpu=1 iterations=2750000 ns=4.6ms checksum=64a39e5b"');
  assert.is(e.line, 3);
  e = parseError(() => parseSpeedProbe(good.replace('checksum=64a39e5b\ncpu=1', 'checksum=64a39e\ncpu=1')));
  assert.is(e.line, 2);
  e = parseError(() => parseSpeedProbe(good.replace('ns=4683075', 'ns=0')));
  assert.is(e.reason, 'ns=0 on cpu 0: a probe always takes some time');
  assert.is(e.line, 2);
  e = parseError(() => parseSpeedProbe(good.replace('cpu=1 iterations=2750000', 'cpu=1 iterations=100000')));
  assert.is(e.reason, 'iterations=100000 differs from the first sample\'s 2750000 (two runs in one file?)');
  assert.is(e.line, 3);
  e = parseError(() => parseSpeedProbe(good.replace('ns=4683075', 'ns=99999999999999999999')));
  assert.is(e.reason, '"ns" value 99999999999999999999 is too large');
  e = parseError(() => parseSpeedProbe(`${good}${good}`));
  assert.is(e.reason, 'expected "cpu=N iterations=N ns=N checksum=XXXXXXXX", got "speed-probe 1"');
  assert.is(e.line, 4);
  e = parseError(() => parseSpeedProbe('speed-probe 1\n'));
  assert.is(e.reason, 'speed-probe summary has no "cpu=" lines (truncated?)');
  assert.is(e.line, 1);
});

test.run();
