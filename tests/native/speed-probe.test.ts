import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { BUILD_DIR, assertBuilt } from '../../hardening/lib/gateway-process.ts';
import { runClient } from '../../bench/lib/bench-clients.ts';
import { parseSpeedProbe } from '../../ingest/parsers/speed-probe.ts';

/** $GATEBENCH_BENCH_DIR/speed-probe (e.g. the ASan build), as for the bench clients, or native/build/speed-probe */
const BIN = join(process.env.GATEBENCH_BENCH_DIR ?? BUILD_DIR, 'speed-probe');
const DEFAULT_ITERATIONS = 2750000;
const TIMEOUT_MS = 30_000;

test.before(() => assertBuilt(BIN));

test('--cpus 0: the header and one line for cpu 0, default iterations, nothing on stderr', async () => {
  const r = await runClient(BIN, ['--cpus', '0'], TIMEOUT_MS);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  assert.match(r.stdout, /^speed-probe 1\ncpu=0 iterations=2750000 ns=[1-9]\d* checksum=[0-9a-f]{8}\n$/);
  const p = parseSpeedProbe(r.stdout);
  assert.is(p.samples.length, 1);
  assert.is(p.samples[0].cpu, 0);
  assert.is(p.samples[0].iterations, DEFAULT_ITERATIONS);
  assert.ok(p.samples[0].ns > 0);
});

test('the checksum depends on the iteration count only: same on every run and CPU', async () => {
  const a = await runClient(BIN, ['--cpus', '0,0', '--iterations', '100000'], TIMEOUT_MS);
  assert.is(a.code, 0, a.stderr);
  const sums = [...a.stdout.matchAll(/checksum=([0-9a-f]{8})/g)].map((m) => m[1]);
  // 5 rounds of 20,000 iterations, their checksums xored (the fixture cpus-1-0-1-i100000.txt, captured
  // before the probe took the fastest of 5 rounds, has one round's checksum: bb37b58e)
  assert.equal(sums, ['d09459c4', 'd09459c4']);
  assert.equal(parseSpeedProbe(a.stdout).samples.map((s) => [s.cpu, s.iterations]), [[0, 100000], [0, 100000]]);
});

test('a CPU that does not exist: exit 2, one line on stderr naming it, nothing on stdout', async () => {
  const r = await runClient(BIN, ['--cpus', '0,1023'], TIMEOUT_MS);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /^speed-probe: --cpus 0,1023: no cpu 1023 on this machine \(cpus 0-\d+\)\n$/);
});

test('usage errors: exit 2, one line each', async () => {
  const cases: [string[], string][] = [
    [['--cpus', '0,x'], "speed-probe: invalid --cpus '0,x': expected CPU numbers (0-1023) separated by commas, e.g. 0,1\n"],
    [['--cpus', '0', '--iterations', '0'], "speed-probe: invalid --iterations '0': expected an integer from 1 to 1000000000000\n"],
    [['--cpus'], "speed-probe: option '--cpus' needs a value (see --help)\n"],
    [['--cpus', '0', '--bogus'], "speed-probe: unknown option '--bogus' (see --help)\n"],
    [[], 'speed-probe: --cpus LIST is required, e.g. --cpus 0,1 (see --help)\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = await runClient(BIN, args, TIMEOUT_MS);
    assert.is(r.code, 2, args.join(' '));
    assert.is(r.stdout, '', args.join(' '));
    assert.is(r.stderr, stderr, args.join(' '));
  }
});

test.run();
