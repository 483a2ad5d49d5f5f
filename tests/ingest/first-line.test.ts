import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { firstNonBlankLine } from '../../ingest/first-line.ts';

test('skips blank lines (spaces, tabs, CR, no-break spaces) and names the line', () => {
  assert.equal(firstNonBlankLine('\n  \r\nbench-cpu 1\r\nduration_s: 2\n'), { line: 'bench-cpu 1', index: 2 });
  assert.equal(firstNonBlankLine('\u00a0\t\n\u202f\nLinux 6.1.0 (h)\n'), { line: 'Linux 6.1.0 (h)', index: 2 });
  assert.equal(firstNonBlankLine('Running 10s test @ http://127.0.0.1:8080/'), { line: 'Running 10s test @ http://127.0.0.1:8080/', index: 0 });
});

test('keeps the line as printed (leading blanks, a lone CR inside), without its terminator', () => {
  assert.equal(firstNonBlankLine('\n   12:00:01  UID  PID\r\n'), { line: '   12:00:01  UID  PID', index: 1 });
  assert.equal(firstNonBlankLine('a\rb\n'), { line: 'a\rb', index: 0 });
});

test('all blank or empty: null', () => {
  assert.is(firstNonBlankLine(''), null);
  assert.is(firstNonBlankLine(' \n\t\n\r\n'), null);
});

test.run();
