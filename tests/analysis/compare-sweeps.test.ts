// Sweeps compared from the command line (analysis/compare/compare-sweeps.ts), on two real sweeps: the committed
// three-variant sweep (7 sizes, throughput phase only) and the fixture sweep (3 sizes, both phases).
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeRun } from '../../analysis/analyze-run.ts';
import { compareSweeps, compareSweepVariants } from '../../analysis/compare/compare-sweeps.ts';
import { loadInput } from '../../analysis/load/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';

const COMMITTED = 'raw-results/2026-12-06T09-44-04Z-sweep-v1.0-vs-v2.0';
const FIXTURE = 'tests/fixtures/analysis/sweeps/2026-12-06T11-05-27Z-fixture-sweep';
const analyzed = async (dir: string) => analyzeRun(await loadInput(dir), DEFAULT_SETTINGS, []);
const CLOSED_LOOP = ['throughput_rps', 'total_cpu_us_per_req', 'gateway_cpu_us_per_req', 'latency_p99_ms', 'gateway_rss_peak_kb'];

test('two sweeps: every size both measured, every common variant and metric, each side its own run at that size', async () => {
  const [a, b] = [await analyzed(FIXTURE), await analyzed(COMMITTED)];
  const cs = compareSweeps(a, b, DEFAULT_SETTINGS);
  assert.equal([...new Set(cs.map((c) => c.size_bytes))], [16, 65536, 1048576]);
  assert.equal([...new Set(cs.map((c) => c.candidate.variant))], ['proxy', 'fdpass']);
  // the committed sweep ran no fixed-rate phase: only the closed-loop metrics are common
  assert.equal([...new Set(cs.map((c) => c.metric))].sort(), [...CLOSED_LOOP].sort());
  assert.is(cs.length, 3 * 2 * CLOSED_LOOP.length);
  assert.ok(cs.every((c) => c.design === 'two-sample' && c.run === `${a.run.id}..${b.run.id}`));
  // different trial lengths and phases: a config mismatch, so no verdict anywhere
  assert.ok(cs.every((c) => c.verdict === 'invalid' && c.warnings.some((w) => w.code === 'config-mismatch')));
  // each side is that run's own figure at that size
  const at1MiB = cs.find((c) => c.size_bytes === 1048576 && c.candidate.variant === 'proxy' && c.metric === 'throughput_rps')!;
  const own = (r: typeof a, size: number) =>
    r.run.sweep!.points.find((p) => p.size_bytes === size)!.summaries.find((s) => s.variant === 'proxy' && s.metric === 'throughput_rps')!.estimate;
  assert.is(at1MiB.baseline.estimate, own(a, 1048576));
  assert.is(at1MiB.candidate.estimate, own(b, 1048576));
  assert.is(compareSweeps(a, b, DEFAULT_SETTINGS, 'fdpass').length, 3 * CLOSED_LOOP.length);
});

test('two variants of one sweep: paired at every size, the same as the sweep\'s own comparison for the baseline pair', async () => {
  const a = await analyzed(COMMITTED);
  const own = a.run.sweep!.points.flatMap((p) => p.comparisons.filter((c) => c.candidate.variant === 'fdpass'));
  const again = compareSweepVariants(a, 'proxy', 'fdpass', DEFAULT_SETTINGS);
  assert.is(again.length, 7 * CLOSED_LOOP.length);
  assert.equal(
    again.map((c) => [c.metric, c.change_pct, c.verdict]),
    own.map((c) => [c.metric, c.change_pct, c.verdict]),
  );
  const conn = compareSweepVariants(a, 'fdpass', 'fdpass-conn', DEFAULT_SETTINGS);
  assert.is(conn.length, 7 * CLOSED_LOOP.length);
  assert.ok(conn.every((c) => c.design === 'paired' && c.baseline.variant === 'fdpass' && c.candidate.variant === 'fdpass-conn'));
  assert.equal([...new Set(conn.map((c) => c.size_bytes))], [16, 1024, 4096, 16384, 65536, 262144, 1048576]);
});

test('compare: a sweep against a plain run is one line naming both, exit 2; two sweeps print per size', () => {
  const compare = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'analysis/cli/compare.ts', ...args], { encoding: 'utf8' });
  const mixed = compare(COMMITTED, 'raw-results/2026-12-06T09-34-31Z-v1.0-vs-v2.0');
  assert.is(mixed.status, 2);
  assert.is(mixed.stderr, `compare: ${COMMITTED} is a sweep and raw-results/2026-12-06T09-34-31Z-v1.0-vs-v2.0 is not: compare a sweep with a sweep (sizes matched), or a plain run with a plain run\n`);
  const text = compare(FIXTURE, COMMITTED, '--variant', 'fdpass');
  assert.is(text.status, 0);
  const heads = text.stdout.split('\n').filter((l) => l.includes(' -> '));
  assert.equal(heads, ['16 B', '64 KiB', '1 MiB'].map((s) => `2026-12-06T11-05-27Z-fixture-sweep:fdpass -> 2026-12-06T09-44-04Z-sweep-v1.0-vs-v2.0:fdpass at ${s}`));
});

test.run();
