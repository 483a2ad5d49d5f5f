/**
 * End to end: a very short sweep (`npm run collect -- --sweep`) of the embedded gateway at two sizes, two
 * blocks of 1 s throughput and fixed-rate trials (each size at its own rate) on loopback with the real tools
 * (wrk, bench-latency, pidstat, perf stat when permitted), then the
 * analysis of the run it wrote. Asserts the run directory, the manifest and the sweep's analysis, never
 * timings or measured values.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../../../analysis/analyze-run.ts';
import { SWEEP_METRICS } from '../../../analysis/analyze-sweep.ts';
import { loadInput } from '../../../analysis/load/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import { migrateManifest } from '../../../ingest/manifest.ts';
import { parseBenchLatency } from '../../../ingest/parsers/bench-latency.ts';
import { parseWrk } from '../../../ingest/parsers/wrk.ts';
import { freePort, startCli, taggedPids } from './run-cli.ts';

const GATEWAY = 'native/build/gateway';
const out = mkdtempSync(join(tmpdir(), 'gb-sweep-e2e-'));

test.before(() => {
  if (!existsSync(GATEWAY)) throw new Error(`${GATEWAY} is not built: run make -C native first`);
});
test.after(() => rmSync(out, { recursive: true, force: true }));

test('a short sweep: every variant at each size in every block, each size at its own fixed rate, one manifest, and its analysis per size', async () => {
  const port = await freePort();
  const dest = join(out, 'sweep');
  // --rate-bytes 4M: 16 B at --rate's 2,500 req/s, 64 KiB at 4 MiB / 64 KiB = 64 req/s
  const run = startCli('ingest/collect/cli.ts', ['--sweep', '--sizes', '16,64K', '--rate-bytes', '4M', '--blocks', '2', '--duration', '1', '--warmup', '1', '--connections', '8', '--seed', '3', '--port', String(port), '--out', dest, '--no-build', '--no-analyze']);
  const { code } = await run.done;
  assert.is(code, 0, run.stderr() + run.stdout());
  assert.equal(taggedPids(run.tag), [], 'no process left behind');

  const dirs = readdirSync(dest);
  assert.is(dirs.length, 1);
  assert.match(dirs[0], /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-sweep-v1\.0-vs-v2\.0$/);
  const runDir = join(dest, dirs[0]);
  const m = migrateManifest(JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')));
  assert.is(m.kind, 'sweep');
  assert.is(m.status, 'complete');
  assert.equal(m.sweep?.points.map((p) => [p.id, p.size_bytes, p.path, p.rate_rps]), [['16B', 16, '/api/payload?size=16', 2500], ['64KiB', 65536, '/api/payload?size=65536', 64]]);
  assert.equal([m.config.function, m.config.repetitions, m.config.duration_s], ['payload', 2, 1]);
  assert.equal((m.config as Record<string, unknown>).phases, ['throughput', 'fixed-rate']);

  // the plan: in each block each size once, and at each size both variants next to each other
  assert.is(m.plan?.length, 8);
  for (const block of [1, 2]) {
    const entries = m.plan!.filter((e) => e.repetition === block);
    assert.equal(entries.map((e) => e.point).filter((p, i, a) => a.indexOf(p) === i).sort(), ['16B', '64KiB']);
    for (let i = 0; i < 4; i += 2) {
      assert.is(entries[i].point, entries[i + 1].point);
      assert.equal([entries[i].variant, entries[i + 1].variant].sort(), ['fdpass', 'proxy']);
    }
  }

  assert.is(m.repetitions.length, 8);
  for (const r of m.repetitions) {
    assert.is(r.status, 'complete', `${r.variant} at ${r.point} block ${r.repetition}: ${r.error}`);
    assert.equal(r.phases.map((p) => p.name), ['warmup', 'throughput', 'fixed-rate']);
    const dir = `${r.variant}/${r.point}/rep-${r.repetition}`;
    for (const p of r.phases) for (const f of p.files) assert.ok(f.path.startsWith(`${dir}/`) && existsSync(join(runDir, f.path)), f.path);
    const size = r.point === '16B' ? 16 : 65536;
    const wrkCmd = r.phases[1].commands.find((c) => c.role === 'wrk')!;
    assert.equal(wrkCmd.argv.slice(-1), [`http://127.0.0.1:${r.variant === 'proxy' ? port : port + 1}/api/payload?size=${size}`]);
    // the gateway answered with that size: wrk read at least the payload's bytes per request
    const wrk = parseWrk(readFileSync(join(runDir, dir, 'throughput.wrk.txt'), 'utf8'));
    assert.ok(wrk.requests > 0 && (wrk.bytes_read ?? 0) / wrk.requests >= size * 0.99, `${dir}: ${wrk.bytes_read} bytes for ${wrk.requests} requests`);
    // the fixed-rate trial ran at the size's own rate, and got that size back
    const rate = size === 16 ? 2500 : 64;
    const benchCmd = r.phases[2].commands.find((c) => c.role === 'bench-latency')!;
    assert.is(benchCmd.argv[benchCmd.argv.indexOf('-R') + 1], String(rate));
    // perf stat counts the CPU time of the fixed-rate trial too, unless the run could not use perf
    if (!m.skipped.some((x) => x.phase === 'perf-stat')) assert.equal(r.phases[2].files.filter((f) => f.role.startsWith('perf-stat')).map((f) => f.role), ['perf-stat', 'perf-stat-workers']);
    const bench = parseBenchLatency(readFileSync(join(runDir, dir, 'fixed-rate.bench-latency.txt'), 'utf8'));
    assert.is(bench.rate_target_per_s, rate);
    assert.ok(bench.requests > 0 && bench.response_bytes / bench.requests >= size * 0.99, `${dir}: ${bench.response_bytes} bytes for ${bench.requests} open-loop requests`);
    // the open-loop client says its own CPU: some, and less than its 1 s window allows
    assert.ok(bench.cpu_s !== null && bench.cpu_s > 0 && bench.cpu_s < 1, `${dir}: client cpu_s ${bench.cpu_s}`);
    assert.is(r.sut?.command.exit_code, 0, 'a fresh gateway per size and block, stopped cleanly');
  }
  // every size of a block has its own gateways: 8 distinct gateway pids
  assert.is(new Set(m.repetitions.map((r) => r.pids.gateway)).size, 8);
  assert.match(run.stdout(), /collect: 2 blocks of proxy=v1\.0, fdpass=v2\.0 at 2 sizes \(16 B, 64 KiB\), about \d+ s/);
  assert.match(run.stdout(), /\] (proxy|fdpass) at 64 KiB block 2\/2 · fixed-rate · elapsed/);
  assert.match(run.stdout(), /SWEEP RESULTS/);
  assert.match(run.stdout(), /\n64 KiB {4}\d+ req\/s/);

  const a = analyzeRun(await loadInput(runDir), DEFAULT_SETTINGS, []);
  const s = a.run.sweep!;
  assert.equal(s.points.map((p) => p.point), ['16B', '64KiB']);
  // the fixed-rate phase ran: every sweep metric is compared, CPU per request at the fixed rate first
  assert.equal(s.metrics, [...SWEEP_METRICS]);
  assert.is(s.metrics[0], 'total_cpu_us_per_req_at_fixed_rate');
  assert.equal(s.points.map((p) => p.rate_rps), [2500, 64]);
  for (const p of s.points) {
    for (const metric of ['throughput_rps', 'total_cpu_us_per_req_at_fixed_rate', 'openloop_latency_p99_ms']) {
      const c = p.comparisons.find((x) => x.metric === metric)!;
      assert.equal(c.blocks, { used: 2, total: 2 }, `${p.point} ${metric}`);
      assert.ok(c.change_pct.estimate !== null, `${p.point} ${metric}: a change`);
      assert.is(c.verdict, 'invalid', 'two blocks are too few for a verdict');
    }
    const proxyCpu = p.summaries.find((x) => x.variant === 'proxy' && x.metric === 'total_cpu_us_per_req_at_fixed_rate')!;
    assert.ok(proxyCpu.estimate !== null && proxyCpu.estimate > 0 && proxyCpu.n === 2, `${p.point}: proxy's CPU per request at the fixed rate`);
  }
  // the client's own CPU at the fixed rate is measured in every trial, far from saturation: no fixed-rate gate
  assert.ok(a.run.repetitions.every((r) => typeof r.metrics.load_cpu_pct_at_fixed_rate === 'number' && r.metrics.load_cpu_pct_at_fixed_rate < 90));
  assert.not.ok(s.points.some((p) => p.warnings.some((w) => w.code === 'load-saturated' && (w as { phase?: string }).phase === 'fixed-rate')));
  assert.equal(s.break_even.map((b) => b.range), Array(8).fill({ from_bytes: 16, to_bytes: 65536 }));
  assert.equal(s.break_even.map((b) => b.candidate), Array(8).fill('fdpass'));
  assert.is(a.comparisons.length, 0);
});

test("a config's own sweep: one body per size, a wrk script per variant and size", async () => {
  const [p1, p2] = [await freePort(), await freePort()];
  const dest = join(out, 'config');
  const config = join(out, 'echo-sweep.json');
  const variant = (mode: string, port: number) => ({
    name: mode,
    label: mode === 'proxy' ? 'relay' : 'handoff',
    start: [resolve(GATEWAY), '--mode', mode, '--port', String(port)],
    ready_url: `http://127.0.0.1:${port}/api/hello`,
    load: { url: `http://127.0.0.1:${port}/api/echo`, method: 'POST', headers: { 'Content-Type': 'text/plain' } },
  });
  // the echo function answers with the request body: each point's body is the response size
  writeFileSync(config, JSON.stringify({ variants: [variant('proxy', p1), variant('fdpass', p2)], sweep: [{ size_bytes: 4096, body: 'y'.repeat(4096) }, { size_bytes: 16, body: 'x'.repeat(16) }] }));
  const run = startCli('ingest/collect/cli.ts', ['--config', config, '--sweep', '--blocks', '1', '--duration', '1', '--warmup', '1', '--connections', '4', '--seed', '1', '--out', dest, '--no-build', '--no-analyze']);
  const { code } = await run.done;
  assert.is(code, 0, run.stderr() + run.stdout());
  assert.equal(taggedPids(run.tag), [], 'no process left behind');
  const runDir = join(dest, readdirSync(dest)[0]);
  assert.match(runDir, /-sweep-relay-vs-handoff$/);
  const m = migrateManifest(JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')));
  assert.equal([m.kind, m.status, m.config.function], ['sweep', 'complete', '/api/echo']);
  assert.equal(m.sweep?.points.map((p) => [p.id, p.path, p.body?.length]), [['16B', null, 16], ['4KiB', null, 4096]]);
  for (const r of m.repetitions) {
    const script = `${r.variant}/${r.point}/load.lua`;
    assert.is(readFileSync(join(runDir, script), 'utf8'), `-- generated by gatebench collect\nwrk.method = "POST"\nwrk.body = "${r.point === '16B' ? 'x'.repeat(16) : 'y'.repeat(4096)}"\n`);
    const argv = r.phases.find((p) => p.name === 'throughput')!.commands.find((c) => c.role === 'wrk')!.argv;
    // written into the run's temporary folder, renamed with it at the end
    assert.ok(argv[argv.indexOf('-s') + 1].endsWith(`/${script}`), argv.join(' '));
    const wrk = parseWrk(readFileSync(join(runDir, `${r.variant}/${r.point}/rep-1/throughput.wrk.txt`), 'utf8'));
    const size = r.point === '16B' ? 16 : 4096;
    assert.ok(wrk.requests > 0 && (wrk.bytes_read ?? 0) / wrk.requests >= size * 0.99, `${r.variant} at ${r.point}: ${wrk.bytes_read} bytes for ${wrk.requests} requests`);
  }
});

test.run();
