import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { foldStacks } from '../../../site/flame/fold-stacks.ts';
import { ParseError } from '../../../ingest/parse-error.ts';

const DD = readFileSync(new URL('../../fixtures/site/perf-script-dd.txt', import.meta.url), 'utf8');

test('real perf script output: 203 samples in 27 distinct stacks (counts checked with an independent Python fold)', () => {
  const f = foldStacks(DD);
  assert.is(f.samples, 203);
  assert.is(f.stacks.size, 27);
  assert.is(f.stacks.get('dd;read;entry_SYSCALL_64_after_hwframe;do_syscall_64'), 35);
  assert.is(f.stacks.get('dd;__GI___libc_write;entry_SYSCALL_64_after_hwframe;do_syscall_64'), 31);
  assert.is(f.stacks.get('dd;__GI___libc_write'), 19);
});

test('unknown symbols take the dso name; offsets and semicolons are removed', () => {
  const text = 'gw 12 [001] 5.5: 1 cpu-clock:\n\t591b [unknown] (/usr/bin/gate;way)\n\tf82ad a;b+0x1f (/lib/libc.so.6)\n\n';
  const f = foldStacks(text);
  assert.equal([...f.stacks.entries()], [['gw;a:b;[gate:way]', 1]]);
});

test('a sample without frames counts as its command alone', () => {
  assert.equal([...foldStacks('gw 12 5.5: 1 cpu-clock:\n\n').stacks.entries()], [['gw', 1]]);
});

test('garbage is a ParseError with the line', () => {
  try {
    foldStacks('\tffff do_x+0x1 ([k])\n');
    assert.unreachable();
  } catch (e) {
    assert.instance(e, ParseError);
    assert.is((e as ParseError).line, 1);
    assert.is((e as ParseError).reason, 'stack frame outside a sample');
  }
  assert.throws(() => foldStacks('hello world\n'), /not a perf script sample header/);
});

test.run();
