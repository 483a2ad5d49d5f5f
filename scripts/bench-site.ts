/**
 * `npm run bench:site`: time the site build for a long history. Generates a SYNTHETIC history (default 1,000
 * runs, analysis/synthetic.ts) in a temp directory that is deleted afterwards (never in raw-results/), builds
 * the site cold (empty render cache, empty output), then adds one run and builds again (incremental). Goals on
 * a 2-core machine: cold < 60 s, incremental < 5 s. The analysis (analysis/, its own goal and bench:analysis)
 * is timed apart and the site is built from the analysis in memory; the total of both is printed too. Prints figures only; nothing asserts timings.
 *
 *   npm run bench:site -- [--runs 1000] [--repetitions 5] [--keep]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticRunFiles } from '../analysis/synthetic.ts';
import { buildSite, type BuildResult } from '../site/build.ts';
import { loadAnalysis } from '../site/load/load-analysis.ts';
import type { Analysis } from '../analysis/schema.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, repetitions: { type: 'string' }, keep: { type: 'boolean' } } });
const runs = Number(values.runs ?? 1000);
const reps = Number(values.repetitions ?? 5);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(reps) || reps < 1) {
  console.error('bench-site: --runs and --repetitions must be positive integers');
  process.exit(2);
}

const start = Date.parse('2026-01-01T00:00:00Z');
async function writeRun(root: string, i: number): Promise<number> {
  const id = `run-${String(i).padStart(4, '0')}`;
  const effects = i >= runs / 2 ? { fdpass: { rps: 1.25, gw_sys: 0.4 } } : { fdpass: { rps: 1.15, gw_sys: 0.45 } };
  const { manifest, files } = syntheticRunFiles({ id, created_at: new Date(start + i * 3600_000).toISOString(), seed: i, repetitions: reps, effects, fingerprint: i % 10 === 9 ? 'other-machine' : 'bench-machine', machine: i % 10 === 9 ? 'other-machine' : 'bench-machine' });
  const dir = join(root, id);
  for (const d of new Set([...files.keys()].map((p) => dirname(join(dir, p))))) await mkdir(d, { recursive: true });
  await Promise.all([...files.entries()].map(([p, text]) => writeFile(join(dir, p), text)));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return files.size + 1;
}

function line(name: string, seconds: number, r: BuildResult): string {
  const t = r.timings_ms;
  const parts = Object.entries(t).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ');
  return `  ${name.padEnd(12)} ${seconds.toFixed(2)} s  (${r.pages} pages, ${r.pages_rendered} rendered; ${r.charts_rendered} charts drawn, ${r.charts_cached} cached; ${r.files_written} files written)\n               [s] ${parts}`;
}

const root = await mkdtemp(join(tmpdir(), 'gatebench-bench-site-'));
try {
  const runsDir = join(root, 'runs');
  console.log(`bench:site: ${runs} synthetic runs x 2 variants x ${reps} repetitions in ${root} (${cpus().length} CPUs, node ${process.version})`);
  let t0 = performance.now();
  let fileCount = 0;
  for (let i = 0; i < runs; i++) fileCount += await writeRun(runsDir, i);
  console.log(`  generate     ${((performance.now() - t0) / 1000).toFixed(2)} s  (${fileCount.toLocaleString('en-US')} files)`);

  let analysis: Analysis;
  const analyze = async (name: string) => {
    const a0 = performance.now();
    analysis = await loadAnalysis({ runsDir, analysisFile: null });
    const s = (performance.now() - a0) / 1000;
    console.log(`  ${name.padEnd(12)} ${s.toFixed(2)} s  (analysis of ${analysis.runs.length} runs, not part of the site figures)`);
    return s;
  };
  const opts = { base: '/gatebench/', runsDir, outDir: join(root, '_site'), analysisFile: null, cacheDir: join(root, 'cache'), quiet: true };
  const aCold = await analyze('analysis');
  t0 = performance.now();
  const cold = await buildSite(opts, analysis!);
  const tCold = (performance.now() - t0) / 1000;
  console.log(line('site cold', tCold, cold));

  await writeRun(runsDir, runs);
  const aInc = await analyze('analysis +1');
  t0 = performance.now();
  const inc = await buildSite(opts, analysis!);
  const tInc = (performance.now() - t0) / 1000;
  console.log(line('site +1 run', tInc, inc));
  console.log(`  with the analysis: cold ${(aCold + tCold).toFixed(2)} s, +1 run ${(aInc + tInc).toFixed(2)} s`);
  console.log(`  goals: cold < 60 s ${tCold < 60 ? 'met' : 'NOT met'} (${(tCold / 60).toFixed(2)} of the budget); incremental < 5 s ${tInc < 5 ? 'met' : 'NOT met'} (${(tInc / 5).toFixed(2)} of the budget); incremental/cold ${(tInc / tCold).toFixed(3)}`);
} finally {
  if (!values.keep) await rm(root, { recursive: true, force: true });
  else console.log(`  kept ${root}`);
}
