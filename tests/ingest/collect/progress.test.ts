import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Writable } from 'node:stream';
import { formatDuration, Progress, progressLine } from '../../../ingest/collect/progress.ts';

test('formatDuration', () => {
  assert.is(formatDuration(0), '0:00');
  assert.is(formatDuration(83), '1:23');
  assert.is(formatDuration(3725), '1:02:05');
  assert.is(formatDuration(-5), '0:00');
});

test('progressLine', () => {
  assert.is(
    progressLine({ order: 2, total: 10, variant: 'proxy', repetition: 2, repetitions: 5, phase: 'throughput' }, 83, 240),
    '[3/10] proxy block 2/5 · throughput · elapsed 1:23 · ETA 2:37',
  );
  assert.is(progressLine({ order: 0, total: 1, variant: 'a', repetition: 1, repetitions: 1, phase: 'start' }, 50, 30), '[1/1] a block 1/1 · start · elapsed 0:50 · ETA 0:00');
  // a sweep says the size too
  assert.is(
    progressLine({ order: 2, total: 84, variant: 'proxy', repetition: 1, repetitions: 6, phase: 'throughput', point: '64 KiB' }, 20, 700),
    '[3/84] proxy at 64 KiB block 1/6 · throughput · elapsed 0:20 · ETA 11:20',
  );
});

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      chunks.push(String(c));
      cb();
    },
  });
  return { stream, chunks };
}

test('not a terminal: one plain line per event, no control codes', () => {
  const { stream, chunks } = sink();
  const p = new Progress(stream, 60, false);
  p.phase({ order: 0, total: 2, variant: 'proxy', repetition: 1, repetitions: 1, phase: 'warmup' });
  p.log('proxy rep 1 failed: boom');
  p.done();
  assert.is(chunks.length, 2);
  assert.match(chunks[0], /^collect: \[1\/2\] proxy block 1\/1 · warmup · elapsed 0:00 · ETA 1:00\n$/);
  assert.is(chunks[1], 'collect: proxy rep 1 failed: boom\n');
  assert.not.match(chunks.join(''), /\x1b/);
});

test('terminal: the line is rewritten in place and cleared at the end', () => {
  const { stream, chunks } = sink();
  const p = new Progress(stream, 60, true);
  p.phase({ order: 0, total: 2, variant: 'proxy', repetition: 1, repetitions: 1, phase: 'warmup' });
  p.done();
  assert.ok(chunks[0].startsWith('\r\x1b[K[1/2] proxy block 1/1 · warmup'));
  assert.not.match(chunks[0], /\n/);
  assert.is(chunks[chunks.length - 1], '\r\x1b[K');
});

test.run();
