import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { missingToolsMessage, parseToolVersion } from '../../../ingest/collect/tools.ts';

const fixture = (name: string) => readFileSync(`tests/fixtures/tool-versions/${name}.txt`, 'utf8');

test('versions from real outputs', () => {
  assert.is(parseToolVersion('wrk', fixture('wrk')), '4.1.0-3+b2');
  assert.is(parseToolVersion('sysstat', fixture('pidstat')), '12.6.1');
  assert.is(parseToolVersion('perf', fixture('perf')), '6.1.192');
  assert.is(parseToolVersion('strace', fixture('strace')), '6.1');
  assert.is(parseToolVersion('gcc', fixture('gcc')), '12.2.0');
  assert.is(parseToolVersion('make', fixture('make')), '4.3');
  assert.is(parseToolVersion('taskset', fixture('taskset')), '2.38.1');
  assert.is(parseToolVersion('wrk', 'bash: wrk: command not found'), null);
});

test('missing tools: one message naming the packages and the install command', () => {
  assert.is(missingToolsMessage(['sh']), null);
  assert.is(
    missingToolsMessage(['sh', 'gatebench-no-such-tool', 'gatebench-other']),
    'missing tools: gatebench-no-such-tool (package gatebench-no-such-tool), gatebench-other (package gatebench-other). Install them with: npm run setup  (or: sudo apt-get install -y gatebench-no-such-tool gatebench-other)',
  );
});

test.run();
