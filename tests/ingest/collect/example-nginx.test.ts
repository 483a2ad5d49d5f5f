// The runnable --config example (examples/nginx-proxy-vs-direct.json): Debian's nginx as "your own gateway",
// collected for real on loopback with short trials, then analyzed: it must run on a fresh machine, monitor
// the right processes (nginx's master is idle: a warning says so), and carry none of the seed's framing.
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeRun } from '../../../analysis/analyze-run.ts';
import { loadInput } from '../../../analysis/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import { parseTargets } from '../../../analysis/targets.ts';
import { freePortRun } from '../../native/helpers.ts';
import { startCli, taggedPids } from './run-cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'gatebench-example-nginx-'));
chmodSync(tmp, 0o755); // nginx's workers (user nobody when started as root) reach the backend's socket in here
test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('examples/nginx-proxy-vs-direct.json runs, is analyzed as a --config run, and says its gateway was idle', async () => {
  // the example, moved to free ports and its own prefix folders (a copy: the example itself is not touched)
  const port = await freePortRun(2);
  const dir = join(tmp, 'example');
  cpSync('examples', dir, { recursive: true });
  for (const f of ['nginx-proxy-vs-direct.json', 'nginx-proxy.conf', 'nginx-direct.conf']) {
    const text = readFileSync(join(dir, f), 'utf8').replaceAll('18082', String(port)).replaceAll('18081', String(port + 1)).replaceAll('/tmp/gatebench-nginx-', join(tmp, 'prefix-'));
    writeFileSync(join(dir, f), text);
  }
  const out = join(tmp, 'runs');
  const run = startCli('ingest/collect/cli.ts', ['--config', join(dir, 'nginx-proxy-vs-direct.json'), '--blocks', '6', '--duration', '1', '--warmup', '0', '--phases', 'throughput', '--no-analyze', '--out', out]);
  const { code } = await run.done;
  assert.is(code, 0, run.stderr() + run.stdout().slice(-2000));
  assert.equal(taggedPids(run.tag), [], 'nginx and its workers stopped');
  const [id] = readdirSync(out).filter((d) => !d.startsWith('.'));
  assert.match(id, /Z-nginx_proxy_chain-vs-nginx_direct$/);

  const input = await loadInput(join(out, id));
  assert.is(input.manifest!.status, 'complete');
  assert.is(input.manifest!.config.blocks_together, true, 'two ports, no process names: side by side');
  const seedTargets = parseTargets(readFileSync('analysis/targets.json', 'utf8'), 'analysis/targets.json');
  const a = analyzeRun(input, DEFAULT_SETTINGS, seedTargets);
  // the master process is what the start command runs; it idles while its worker serves
  const idle = a.warnings.filter((w) => w.code === 'idle-process').map((w) => [w.variant, (w as { process: string }).process]);
  assert.equal(idle.sort(), [['direct', 'gateway'], ['proxy', 'gateway']]);
  for (const r of a.run.repetitions) assert.ok((r.metrics.workers_cpu_pct ?? 0) > 5, `${r.variant} block ${r.repetition}: nginx's worker did the work`);
  // its own framing, from the config; none of the seed's: no seed targets, no seed expectations
  assert.equal(a.run.framing, { ours: false, title: 'nginx proxy chain vs direct', question: 'What does relaying through a proxy chain cost nginx?', description: JSON.parse(readFileSync(join(dir, 'nginx-proxy-vs-direct.json'), 'utf8')).description });
  assert.is(a.targets.length, 0);
  assert.ok(a.comparisons.length > 20 && a.comparisons.every((c) => c.expected === null));
  assert.ok(a.comparisons.every((c) => c.design === 'paired'));
});

test.run();
