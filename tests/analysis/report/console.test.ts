import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderConsole } from '../../../analysis/report/console.ts';
import { fixtureAnalysis } from './reports.ts';

test('the seed layout: title, one headline per variant, changes with CI, p and verdict; no seed targets on a --config run', async () => {
  const out = renderConsole(await fixtureAnalysis());
  const lines = out.split('\n');
  assert.is(lines[0], '=== BENCHMARK RESULTS ===');
  const proxy = lines.find((l) => l.startsWith('v1.0 (proxy):'))!;
  assert.ok(proxy, out);
  // proxy's mean of 7934.38, 4876.00 and 5783.74 req/s
  assert.match(proxy, /Throughput: 6,198 req\/s \[[\d,]+, [\d,]+\]/);
  assert.match(proxy, /Gateway CPU: [\d.]+% \[[\d.]+, [\d.]+\]/);
  assert.ok(lines.some((l) => l.startsWith('v2.0 (direct):')));
  assert.ok(lines.some((l) => l.startsWith('Change v2.0 vs v1.0')));
  const thr = lines.find((l) => l.trimStart().startsWith('Throughput '))!;
  // paired by block: 3 blocks are too few, and throughput's block ratios spread widely; no expectation beside invalid
  assert.match(thr, /-4\.2% \[-47\.5, \+62\.7\]\s+p=0\.75\s+invalid \(3 blocks; variant-cv\)$/);
  assert.ok(lines.some((l) => /Gateway RSS peak\s+-3\.4% \[-4\.3, -2\.5\]\s+p=0\.25\s+invalid \(3 blocks\)$/.test(l)), out);
  // the fixture is nginx through --config (proxy vs direct): the seed plan's targets are about gatebench's own gateway
  assert.not.ok(lines.some((l) => l.startsWith('Targets (pass only if the whole 95% CI meets it):')), out);
});

test('the seed template values never appear', async () => {
  const out = renderConsole(await fixtureAnalysis());
  assert.not.match(out, /8,432|33\.9%/);
});

test('no runs: says what to do', () => {
  const out = renderConsole({ schema_version: 2, settings: {} as never, metrics: [], runs: [], comparisons: [], targets: [], history: { groups: [] }, latest: {} });
  assert.is(out, '=== BENCHMARK RESULTS ===\nNo runs found: run `npm run collect` first.\n');
});

test.run();
