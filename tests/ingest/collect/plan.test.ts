import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCollectArgs } from '../../../ingest/collect/options.ts';
import { buildPlan, estimateRunSeconds } from '../../../ingest/collect/plan.ts';
import { DEFAULT_SWEEP_SIZES } from '../../../ingest/collect/sweep-points.ts';

test('abab alternates the variants in the given order', () => {
  const plan = buildPlan({ variants: ['proxy', 'fdpass'], repetitions: 3, order: 'abab', seed: 99 });
  assert.equal(plan.map((e) => `${e.variant}#${e.repetition}`), ['proxy#1', 'fdpass#1', 'proxy#2', 'fdpass#2', 'proxy#3', 'fdpass#3']);
  assert.equal(plan.map((e) => e.order), [0, 1, 2, 3, 4, 5]);
});

test('random order is the same for the same seed', () => {
  const a = buildPlan({ variants: ['proxy', 'fdpass'], repetitions: 5, order: 'random', seed: 7 });
  const b = buildPlan({ variants: ['proxy', 'fdpass'], repetitions: 5, order: 'random', seed: 7 });
  assert.equal(a, b);
  assert.equal(a.map((e) => e.variant[0]).join(''), 'fpfppfpfpf');
});

test('a sweep plan: each block holds every size once and, at each size, every variant once, side by side', () => {
  const plan = buildPlan({ variants: ['proxy', 'fdpass'], repetitions: 2, order: 'random', seed: 7, points: ['16B', '1KiB', '1MiB'] });
  assert.equal(
    plan.map((e) => `${e.point}:${e.variant}#${e.repetition}`),
    ['1KiB:proxy#1', '1KiB:fdpass#1', '1MiB:proxy#1', '1MiB:fdpass#1', '16B:proxy#1', '16B:fdpass#1', '1MiB:fdpass#2', '1MiB:proxy#2', '16B:proxy#2', '16B:fdpass#2', '1KiB:proxy#2', '1KiB:fdpass#2'],
  );
  assert.equal(plan.map((e) => e.order), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(buildPlan({ variants: ['a', 'b'], repetitions: 1, order: 'abab', seed: 0, points: ['16B', '1KiB'] }).map((e) => `${e.point}:${e.variant}`), ['16B:a', '16B:b', '1KiB:a', '1KiB:b']);
  assert.throws(() => buildPlan({ variants: ['a', 'b'], repetitions: 1, order: 'abab', seed: 0, points: ['16B', '16B'] }), /plan requires distinct sweep points, got 16B, 16B/);
});

test('a plan without points is the one it always was (no point key)', () => {
  assert.equal(buildPlan({ variants: ['a', 'b'], repetitions: 1, order: 'abab', seed: 0 }), [{ variant: 'a', repetition: 1, order: 0 }, { variant: 'b', repetition: 1, order: 1 }]);
});

test('random order differs between seeds', () => {
  const seqs = new Set([1, 2, 3, 4, 5, 6].map((seed) => buildPlan({ variants: ['a', 'b'], repetitions: 6, order: 'random', seed }).map((e) => e.variant).join('')));
  assert.ok(seqs.size > 1, `6 seeds gave ${seqs.size} distinct orders`);
});

test('random order is blocked: every block of one repetition holds each variant once', () => {
  const plan = buildPlan({ variants: ['a', 'b', 'c'], repetitions: 4, order: 'random', seed: 12345 });
  assert.is(plan.length, 12);
  for (let rep = 1; rep <= 4; rep++) {
    const block = plan.slice((rep - 1) * 3, rep * 3);
    assert.equal(block.map((e) => e.variant).sort(), ['a', 'b', 'c']);
    assert.ok(block.every((e) => e.repetition === rep));
  }
});

test('plan input errors', () => {
  assert.throws(() => buildPlan({ variants: [], repetitions: 1, order: 'abab', seed: 0 }), /plan requires at least 1 variant/);
  assert.throws(() => buildPlan({ variants: ['a', 'a'], repetitions: 1, order: 'abab', seed: 0 }), /distinct variant names, got a, a/);
  assert.throws(() => buildPlan({ variants: ['a'], repetitions: 0, order: 'abab', seed: 0 }), /at least 1 repetition, got 0/);
});

test('estimateRunSeconds: timed trials, warm-up and overhead per entry; untimed phases once per variant', () => {
  assert.is(estimateRunSeconds({ entries: 2, variants: 2, warmup_s: 1, duration_s: 5, untimed_s: 1, phases: ['throughput', 'strace'] }), 2 * (1 + 0.25 + 5 + 0.25) + 2 * 1);
  assert.is(estimateRunSeconds({ entries: 40, variants: 2, warmup_s: 1, duration_s: 3, untimed_s: 3, phases: ['throughput', 'fixed-rate', 'strace', 'perf-record'] }), 40 * 7.75 + 2 * 6);
  // the default run: 28 blocks x 2 variants of 1 + 0.25 + (2 + 0.25) x 2 s, strace and perf record once each: 334 s
  const d = parseCollectArgs([]);
  assert.is(Math.round(estimateRunSeconds({ ...d, entries: 56, variants: 2 })), 334);
  // the default sweep: 6 blocks x 6 sizes x 2 variants = 72 entries of 1 + 0.25 + (3 + 0.25) x 2 s: 558 s, about 9 minutes
  const sweep = parseCollectArgs(['--sweep']);
  const plan = buildPlan({ variants: ['proxy', 'fdpass'], repetitions: sweep.repetitions, order: sweep.order, seed: 1, points: DEFAULT_SWEEP_SIZES.map(String) });
  assert.is(plan.length, 72);
  assert.is(estimateRunSeconds({ ...sweep, entries: plan.length, variants: 2 * DEFAULT_SWEEP_SIZES.length }), 558);
});

test.run();
