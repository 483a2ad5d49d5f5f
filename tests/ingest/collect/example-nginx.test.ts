// The runnable --config example (examples/nginx-proxy-vs-direct.json): Debian's nginx as "your own gateway",
// collected for real on loopback with short trials, then analyzed: it must run on a fresh machine, monitor
// the right processes (nginx's workers, not its idle master), and carry none of the seed's framing.
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeRun } from '../../../analysis/analyze-run.ts';
import { loadInput } from '../../../analysis/load/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import { parseTargets } from '../../../analysis/compare/targets.ts';
import { freePortRun } from '../../../hardening/lib/free-port.ts';
import { startCli, taggedPids } from './run-cli.ts';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../../site/static-server.ts';

const tmp = mkdtempSync(join(tmpdir(), 'gatebench-example-nginx-'));
chmodSync(tmp, 0o755); // nginx's workers (user nobody when started as root) reach the backend's socket in here
test.after(() => rmSync(tmp, { recursive: true, force: true }));
/** The run folder the first test collected, for the site test after it. */
let collected: string | null = null;

test('examples/nginx-proxy-vs-direct.json runs with nginx\'s workers as its front, builds the bench clients, and is analyzed as a --config run', async () => {
  // the example, moved to free ports and its own prefix folders (a copy: the example itself is not touched)
  const port = await freePortRun(2);
  const dir = join(tmp, 'example');
  cpSync('examples', dir, { recursive: true });
  for (const f of ['nginx-proxy-vs-direct.json', 'nginx-proxy.conf', 'nginx-direct.conf']) {
    const text = readFileSync(join(dir, f), 'utf8').replaceAll('18082', String(port)).replaceAll('18081', String(port + 1)).replaceAll('/tmp/gatebench-nginx-', join(tmp, 'prefix-'));
    writeFileSync(join(dir, f), text);
  }
  const out = join(tmp, 'runs');
  const run = startCli('ingest/collect/cli.ts', ['--config', join(dir, 'nginx-proxy-vs-direct.json'), '--blocks', '6', '--duration', '1', '--warmup', '0', '--untimed', '1', '--rate', '500', '--phases', 'throughput,fixed-rate,perf-record', '--no-analyze', '--out', out]);
  const { code } = await run.done;
  assert.is(code, 0, run.stderr() + run.stdout().slice(-2000));
  assert.equal(taggedPids(run.tag), [], 'nginx and its workers stopped');
  // collect built the fixed-rate client itself (a --config run has no `make -C native` of its own)
  assert.not.match(run.stdout(), /skipping fixed-rate/);
  const [id] = readdirSync(out).filter((d) => !d.startsWith('.'));
  assert.match(id, /Z-nginx_proxy_chain-vs-nginx_direct$/);

  // the manifest as written records paths relative to the project, the run and the config file, never absolute
  const written = readFileSync(join(out, id, 'manifest.json'), 'utf8');
  for (const dirName of [process.cwd(), dir, `${out}/.tmp-`, homedir()]) assert.not.ok(written.includes(`"${dirName}`) || written.includes(` ${dirName}/`), `${dirName} in the manifest`);
  const stored = JSON.parse(written);
  assert.equal(stored.config.variants.map((v: { cwd: string }) => v.cwd), ['<config-dir>', '<config-dir>']);
  assert.is(stored.config.config_file, '<config-dir>/nginx-proxy-vs-direct.json');
  const bench = stored.repetitions[0].phases.find((p: { name: string }) => p.name === 'fixed-rate').commands.find((c: { role: string }) => c.role === 'bench-latency');
  assert.equal(bench.argv.filter((a: string) => a.endsWith('bench-latency')), ['<project>/native/build/bench-latency']);
  assert.match(bench.argv[bench.argv.indexOf('--latencies') + 1], /^<run>\/(proxy|direct)\/rep-1\/fixed-rate\.latencies\.txt$/);

  const input = await loadInput(join(out, id));
  const m = input.manifest!;
  assert.is(m.status, 'complete');
  assert.is(m.config.blocks_together, true, 'two ports, no process names: side by side');
  assert.equal(m.config.variants.map((v) => [v.name, v.monitor?.front, v.monitor?.workers, v.monitor?.profile]), [
    ['proxy', 'descendants', 'descendants', 'front'],
    ['direct', 'descendants', 'descendants', 'front'],
  ]);
  for (const r of m.repetitions) {
    // the master is the main process (what the start command ran), its one worker the front, nothing else
    assert.is(r.pids.main, r.sut!.command.pid, `${r.variant} block ${r.repetition}: main is the started process`);
    assert.is(r.pids.front!.length, 1);
    assert.is.not(r.pids.front![0], r.pids.main);
    assert.is(r.pids.gateway, r.pids.front![0]);
    assert.equal(r.pids.workers, []);
    const pidstat = r.phases.find((p) => p.name === 'throughput')!.commands.find((c) => c.role === 'pidstat')!;
    assert.is(pidstat.argv[pidstat.argv.indexOf('-p') + 1], String(r.pids.front![0]), 'pidstat follows the front');
    const perfStat = r.phases.find((p) => p.name === 'throughput')!.commands.filter((c) => c.role === 'perf-stat');
    assert.equal(perfStat.map((c) => c.argv[c.argv.indexOf('-p') + 1]), [String(r.pids.front![0])], 'perf stat counts the front; no workers to count');
    assert.ok(r.phases.some((p) => p.name === 'fixed-rate' && p.commands.some((c) => c.role === 'bench-latency' && c.exit_code === 0)));
    const rec = r.phases.find((p) => p.name === 'perf-record');
    if (rec) {
      const perf = rec.commands.find((c) => c.role === 'perf-record')!;
      assert.is(perf.argv[perf.argv.indexOf('-p') + 1], String(r.pids.front![0]), 'perf record profiles the front');
    }
  }
  const seedTargets = parseTargets(readFileSync('analysis/compare/targets.json', 'utf8'), 'analysis/compare/targets.json');
  const a = analyzeRun(input, DEFAULT_SETTINGS, seedTargets);
  // the front is what serves: non-zero CPU under load, and no idle-process warning
  assert.equal(a.warnings.filter((w) => w.code === 'idle-process'), []);
  // (1 s trials on a shared 2-CPU machine: a single pidstat reading each, so every block above 0, the median well above)
  for (const r of a.run.repetitions) assert.ok((r.metrics.gateway_cpu_pct ?? 0) > 0, `${r.variant} block ${r.repetition}: the front (nginx's worker) did the work: ${r.metrics.gateway_cpu_pct}`);
  for (const v of ['proxy', 'direct']) {
    const cpu = a.run.repetitions.filter((r) => r.variant === v).map((r) => r.metrics.gateway_cpu_pct as number).sort((x, y) => x - y);
    assert.ok(cpu[Math.floor((cpu.length - 1) / 2)] > 5, `${v}: median front CPU ${cpu}`);
  }
  // its own framing, from the config; none of the seed's: no seed targets, no seed expectations
  assert.equal(a.run.framing, { ours: false, title: 'nginx proxy chain vs direct', question: 'What does relaying through a proxy chain cost nginx?', description: JSON.parse(readFileSync(join(dir, 'nginx-proxy-vs-direct.json'), 'utf8')).description });
  assert.is(a.targets.length, 0);
  assert.ok(a.comparisons.length > 20 && a.comparisons.every((c) => c.expected === null));
  assert.ok(a.comparisons.every((c) => c.design === 'paired'));
  collected = out;
});

test('the example run\'s site, read in Chromium, speaks in its own words: no fd passing, SCM_RIGHTS, seed guide or v1.0/v2.0', async () => {
  assert.ok(collected, 'the collect test above ran');
  const reports = join(tmp, 'reports');
  const siteDir = join(tmp, 'site');
  for (const [script, args] of [
    ['analysis/cli/analyze.ts', ['--runs', collected!, '--out', reports, '--no-cache']],
    ['site/build.ts', ['--runs', collected!, '--analysis', join(reports, 'analysis.json'), '--out', siteDir, '--base', '/', '--no-cache']],
  ] as const) {
    const step = startCli(script, [...args]);
    const { code } = await step.done;
    assert.is(code, 0, `${script}: ${step.stderr()}${step.stdout().slice(-1500)}`);
  }
  const served = await serveStatic({ dir: siteDir, base: '/', port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const [id] = readdirSync(collected!).filter((d) => !d.startsWith('.'));
    const seen: Record<string, string> = {};
    for (const path of ['', 'methodology/', `runs/${id}/`]) {
      const res = await page.goto(`${served.url}${path}`);
      assert.is(res?.status(), 200, path);
      const text = await page.locator('body').innerText();
      const meta = (await page.locator('meta[name="description"]').getAttribute('content')) ?? '';
      seen[path || 'overview'] = `${meta}\n${text}`;
      for (const word of [/fd passing/i, /SCM_RIGHTS/, /seed guide/i, /\bthe seed\b/i, /\bv1\.0\b/, /\bv2\.0\b/, /zero-copy/i]) {
        assert.not.match(text + meta, word, `${path || 'overview'}: ${word}`);
      }
    }
    assert.match(seen.overview, /What does relaying through a proxy chain cost nginx\?/);
    assert.match(seen.overview, /^gatebench: nginx proxy chain vs direct, measured under the same load/, 'the meta description carries the configured title');
    assert.match(seen[`runs/${id}/`], /proxy/);
  } finally {
    await browser.close();
    await new Promise((r) => served.server.close(r));
  }
});

test.run();
