import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from './run-cli.ts';

// A --config's targets and expected changes are checked against the analysis's metrics before a run:
// collect asks `npm run analyze -- --check-config` (ingest does not know the metrics).
let dir = '';
test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gb-preflight-'));
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** examples/ci/gatebench.json with `edit` applied, written to the temp dir. */
function config(name: string, edit: (c: Record<string, unknown>) => void): string {
  const c = JSON.parse(readFileSync('examples/ci/gatebench.json', 'utf8'));
  edit(c);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(c));
  return path;
}

const analyze = (path: string) => spawnSync(process.execPath, ['--import', 'tsx', 'analysis/cli/analyze.ts', '--check-config', path], { encoding: 'utf8' });

test('analyze --check-config: the examples pass, saying what they declare', () => {
  for (const [file, line] of [
    ['examples/my-gateway.json', 'examples/my-gateway.json: 3 targets and 2 expected changes, valid'],
    ['examples/ci/gatebench.json', 'examples/ci/gatebench.json: 2 targets and 0 expected changes, valid'],
  ]) {
    const r = analyze(file);
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout.trim(), line);
  }
});

test('analyze --check-config: an unknown metric and a reversed range are one line each, exit 2', () => {
  const unknown = config('unknown.json', (c) => ((c.targets as { metric: string }[])[0].metric = 'latency_p99'));
  const r = analyze(unknown);
  assert.is(r.status, 2);
  assert.is(r.stderr.trim(), `analyze: ${unknown}: targets.0.metric: unknown metric "latency_p99" (metrics starting alike: latency_p50_ms, latency_p75_ms, latency_p90_ms, latency_p99_ms, latency_max_ms)`);
  const reversed = config('reversed.json', (c) => (c.expected = [{ metric: 'throughput_rps', low_pct: 10, high_pct: -10 }]));
  assert.is(analyze(reversed).stderr.trim(), `analyze: ${reversed}: expected.0: low_pct (10) is above high_pct (-10)`);
});

test('collect refuses such a config before running anything: exit 2, the file and the key named', async () => {
  const bad = config('bad.json', (c) => (c.expected = [{ metric: 'throughput', low_pct: 0, high_pct: 10 }]));
  const run = startCli('ingest/collect/cli.ts', ['--config', bad, '--dry-run', '--out', join(dir, 'runs')]);
  const { code } = await run.done;
  assert.is(code, 2);
  assert.is(run.stderr().trim(), `collect: --config ${bad}: expected.0.metric: unknown metric "throughput" (metrics starting alike: throughput_rps)`);
  assert.is(run.stdout(), '');
});

test.run();
