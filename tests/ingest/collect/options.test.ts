import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_OPTIONS, parseCollectArgs, parseSizeList, parseVariantList } from '../../../ingest/collect/options.ts';

test('no options gives the defaults', () => {
  const o = parseCollectArgs([]);
  assert.equal(o, DEFAULT_OPTIONS);
  assert.is(o.repetitions, 28);
  assert.is(o.duration_s, 2);
  assert.is(o.warmup_s, 1);
  assert.is(o.rate_rps, 2500);
  assert.is(o.out, 'raw-results');
  assert.equal(o.phases, ['throughput', 'fixed-rate', 'strace', 'perf-record']);
});

test('--quick shortens, explicit options still win', () => {
  const q = parseCollectArgs(['--quick']);
  assert.is(q.repetitions, 2);
  assert.is(q.duration_s, 2);
  assert.is(q.warmup_s, 1);
  const q2 = parseCollectArgs(['--quick', '--blocks', '6', '--duration=3']);
  assert.is(q2.repetitions, 6);
  assert.is(q2.duration_s, 3);
});

test('--sweep: 6 blocks of 3 s throughput and fixed-rate trials at the default sizes; --quick and explicit options still win', () => {
  const o = parseCollectArgs(['--sweep']);
  assert.is(o.sweep, true);
  assert.is(o.sizes_bytes, null);
  assert.is(o.repetitions, 6);
  assert.is(o.duration_s, 3);
  assert.equal(o.phases, ['throughput', 'fixed-rate']);
  assert.equal([o.rate_rps, o.rate_bytes_per_s], [2500, 33554432]);
  assert.equal(parseCollectArgs(['--sweep', '--rate-bytes', '8M', '--rate', '1000']).rate_bytes_per_s, 8388608);
  const q = parseCollectArgs(['--sweep', '--quick', '--sizes', '64K,16', '--phases', 'throughput,fixed-rate']);
  assert.is(q.repetitions, 2);
  assert.is(q.duration_s, 2);
  assert.equal(q.sizes_bytes, [16, 65536]);
  assert.equal(q.phases, ['throughput', 'fixed-rate']);
  assert.is(parseCollectArgs(['--sweep', '--blocks', '9']).repetitions, 9);
});

test('parseSizeList: smallest first, each once', () => {
  assert.equal(parseSizeList('1M, 16,1K,16'), [16, 1024, 1048576]);
});

test('values and flags', () => {
  const o = parseCollectArgs(['--label', 'nightly', '--variants', 'fdpass=v2.1,proxy', '--connections', '64', '--threads', '4', '--rate', '1000', '--order', 'abab', '--seed', '42', '--phases', 'strace,throughput', '--no-pin', '--no-analyze', '--out', '/tmp/x', '--dry-run', '--function', 'payload:4096']);
  assert.is(o.label, 'nightly');
  assert.equal(o.variants, [{ name: 'fdpass', label: 'v2.1' }, { name: 'proxy', label: null }]);
  assert.is(o.connections, 64);
  assert.is(o.threads, 4);
  assert.is(o.rate_rps, 1000);
  assert.is(o.order, 'abab');
  assert.is(o.seed, 42);
  assert.equal(o.phases, ['throughput', 'strace']);
  assert.is(o.pin, false);
  assert.is(o.analyze, false);
  assert.is(o.out, '/tmp/x');
  assert.is(o.dry_run, true);
  assert.is(o.function, 'payload:4096');
});

test('--aa with one variant', () => {
  const o = parseCollectArgs(['--aa', '--variants', 'proxy']);
  assert.is(o.aa, true);
  assert.equal(o.variants, [{ name: 'proxy', label: null }]);
});

const errors: [string[], string][] = [
  [['--repetitions', 'x'], "--repetitions must be an integer from 1 to 1000, got 'x'"],
  [['--repetitions', '0'], "--repetitions must be an integer from 1 to 1000, got '0'"],
  [['--duration', '-3'], "--duration must be a positive number of seconds, got '-3'"],
  [['--duration', '1.5'], '--duration must be a whole number of seconds (wrk and pidstat count whole seconds), got 1.5'],
  [['--warmup', '0.5'], '--warmup must be 0 or at least 1 second (wrk counts whole seconds), got 0.5'],
  [['--port', '70000'], "--port must be an integer from 1 to 65535, got '70000'"],
  [['--order', 'zigzag'], "--order must be abab or random, got 'zigzag'"],
  [['--seed', '-1'], "--seed must be an integer from 0 to 4294967295, got '-1'"],
  [['--phases', 'throughput,flame'], "--phases: unknown phase 'flame' (choose from throughput, fixed-rate, strace, perf-record)"],
  [['--label', 'a/b'], "--label 'a/b' may only contain letters, digits, '.', '_' and '-' (it names a directory)"],
  [['--variants', 'proxy'], '--variants needs two variants to compare (baseline,candidate), or add --aa to run one as both A and B'],
  [['--aa', '--variants', 'proxy,fdpass'], '--aa runs one variant as both A and B: give one variant (e.g. --variants proxy), not 2'],
  [['--variants', 'proxy,proxy'], "--variants names 'proxy' twice: use --aa to compare a variant with itself"],
  [['--threads', '8', '--connections', '4'], '--threads (8) cannot exceed --connections (4): wrk needs at least one connection per thread'],
  [['--frobnicate'], "unknown option '--frobnicate' (npm run collect -- --help lists them)"],
  [['--label'], '--label needs a value'],
  [['--out', '--quick'], '--out needs a value'],
  [['--sizes', '16,1K'], '--sizes sets the sizes of a sweep: add --sweep'],
  [['--rate-bytes', '32M'], "--rate-bytes sets the fixed rate of each size of a sweep: add --sweep (a plain run's fixed rate is --rate)"],
  [['--sweep', '--rate-bytes', '0'], "--rate-bytes: '0' is not a whole, positive number of bytes"],
  [['--sweep', '--rate-bytes', 'lots'], "--rate-bytes: 'lots' is not a size (examples: 16, 512B, 4K, 64KiB, 1M)"],
  [['--sweep', '--function', 'hello'], '--sweep asks the payload function for each size (payload:SIZE): drop --function hello'],
  [['--sweep', '--sizes', '16,1K', '--config', 'x.json'], '--sizes is for the embedded gateway: a --config lists its sweep\'s sizes and loads under "sweep"'],
  [['--sweep', '--sizes', '16,,1K'], "--sizes has an empty entry in '16,,1K': use sizes separated by commas, e.g. 16,1K,64K,1M"],
  [['--sweep', '--sizes', '16,2x'], "--sizes: '2x' is not a size (examples: 16, 512B, 4K, 64KiB, 1M)"],
  [['--sweep', '--sizes', '16,32M'], "--sizes: 32M is more than the payload function's 16 MiB"],
  [['--sweep', '--sizes', '4K,4096'], "--sizes needs at least two different sizes for a sweep, got '4K,4096' (one size is a plain run: --function payload:SIZE)"],
];
for (const [argv, message] of errors) {
  test(`error: ${argv.join(' ')}`, () => {
    try {
      parseCollectArgs(argv);
      assert.unreachable('should have thrown');
    } catch (e) {
      assert.is((e as Error).name, 'OptionError');
      assert.is((e as Error).message, message);
    }
  });
}

test('--machine names the machine (default: null, the hostname); a bad name is one line', () => {
  assert.is(parseCollectArgs([]).machine, null);
  assert.is(parseCollectArgs(['--machine', 'ci-runner-1']).machine, 'ci-runner-1');
  assert.is(parseCollectArgs(['--machine=bench box 2']).machine, 'bench box 2');
  assert.throws(() => parseCollectArgs(['--machine', '']), (e: Error) => e.message === "--machine must be 1 to 64 letters, digits, spaces, '.', '_' or '-', got ''");
  assert.throws(() => parseCollectArgs(['--machine', 'vm/1']), (e: Error) => e.message === "--machine must be 1 to 64 letters, digits, spaces, '.', '_' or '-', got 'vm/1'");
  assert.throws(() => parseCollectArgs(['--machine']), (e: Error) => e.message === '--machine needs a value');
});

test('--profile: what perf record follows in the embedded gateway (default the front); a --config says it itself', () => {
  assert.is(parseCollectArgs([]).profile, 'front');
  assert.is(parseCollectArgs(['--profile', 'all']).profile, 'all');
  assert.throws(() => parseCollectArgs(['--profile', 'workers']), (e: Error) => e.message === "--profile takes front or all, got 'workers'");
  assert.throws(
    () => parseCollectArgs(['--profile', 'all', '--config', 'examples/nginx-proxy-vs-direct.json']),
    (e: Error) => e.message === "--profile is for the embedded gateway: a --config says what perf record profiles in each variant's monitor.profile",
  );
});

test('parseVariantList', () => {
  assert.equal(parseVariantList('proxy=v1.0,fdpass'), [{ name: 'proxy', label: 'v1.0' }, { name: 'fdpass', label: null }]);
  assert.throws(() => parseVariantList('proxy,,fdpass'), /empty entry/);
  assert.throws(() => parseVariantList('pro xy,fdpass'), /'pro xy' is not a valid variant name/);
});

test.run();
