/**
 * `npm run bench:analysis`: time the analysis of a long history. Generates a SYNTHETIC history (default 1,000
 * runs x 2 variants x 5 repetitions, raw files in the tools' text formats, analysis/synthetic.ts) in a temp
 * directory that is deleted afterwards (never in raw-results/), then times what `npm run analyze` does (load,
 * parse and analyze every run on this thread and worker threads, history and change points, then render and
 * write the reports), the same again from the per-run cache, and the work split in its two halves on one
 * thread (load + parse; statistics) to show where the time goes. Checks that the parallel, cached, serial and
 * plain-rendered results are identical. Goal: cold under 10 s on a 2-core machine. Prints wall and CPU times
 * (CPU time includes V8's compiler and GC threads; the load average says how busy the machine was); nothing
 * asserts timings.
 *
 *   npm run bench:analysis -- [--runs 1000] [--repetitions 5] [--threads N] [--keep]
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { listRuns } from '../ingest/load.ts';
import { analyzeAll } from '../analysis/analyze.ts';
import { analyzeDirsRendered, defaultThreads } from '../analysis/analyze-dirs.ts';
import { loadInputs } from '../analysis/load-inputs.ts';
import { renderConsole } from '../analysis/report/console.ts';
import { reportFiles } from '../analysis/report-files.ts';
import { outputText, writeOutputs } from '../analysis/write.ts';
import { DEFAULT_SETTINGS } from '../analysis/settings.ts';
import { syntheticRunFiles } from '../analysis/synthetic.ts';
import { parseTargets } from '../analysis/targets.ts';
import { readFileSync } from 'node:fs';

const { values } = parseArgs({ options: { runs: { type: 'string' }, repetitions: { type: 'string' }, threads: { type: 'string' }, keep: { type: 'boolean' } } });
const threads = Number(values.threads ?? defaultThreads());
const runs = Number(values.runs ?? 1000);
const reps = Number(values.repetitions ?? 5);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(reps) || reps < 1) {
  console.error('bench-analysis: --runs and --repetitions must be positive integers');
  process.exit(2);
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
/** CPU seconds (user + system, all threads of this process) since `c0`: what the work costs on an idle machine. */
const cpuSeconds = (c0: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1e6;
};
const root = await mkdtemp(join(tmpdir(), 'gatebench-bench-analysis-'));
try {
  console.log(`bench:analysis: ${runs} synthetic runs x 2 variants x ${reps} repetitions in ${root} (${cpus().length} CPUs, node ${process.version})`);
  let t0 = performance.now();
  let fileCount = 0;
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < runs; i++) {
    const id = `run-${String(i).padStart(4, '0')}`;
    // a step in the middle of the history: fdpass gets 10% more throughput from run 500 on
    const effects = i >= runs / 2 ? { fdpass: { rps: 1.25, gw_sys: 0.4 } } : { fdpass: { rps: 1.15, gw_sys: 0.45 } };
    const { manifest, files } = syntheticRunFiles({ id, created_at: new Date(start + i * 3600_000).toISOString(), seed: i, repetitions: reps, effects, fingerprint: i % 10 === 9 ? 'other-machine' : 'bench-machine', machine: i % 10 === 9 ? 'other-machine' : 'bench-machine' });
    const dir = join(root, id);
    const dirs = new Set([...files.keys()].map((p) => dirname(join(dir, p))));
    for (const d of dirs) await mkdir(d, { recursive: true });
    await Promise.all([...files.entries()].map(([p, text]) => writeFile(join(dir, p), text)));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
    fileCount += files.size + 1;
  }
  const tGen = seconds(t0);
  console.log(`  generate      ${tGen.toFixed(2)} s  (${fileCount.toLocaleString('en-US')} files)`);

  const targets = parseTargets(readFileSync(new URL('../analysis/targets.json', import.meta.url), 'utf8'), 'analysis/targets.json');
  const dirs = (await listRuns(root)).map((r) => r.dir);
  const cacheDir = join(root, '.cache');
  t0 = performance.now();
  let c0 = process.cpuUsage();
  const { analysis, rendered } = await analyzeDirsRendered(dirs, DEFAULT_SETTINGS, targets, { threads, cacheDir });
  const tAll = seconds(t0);
  const cAll = cpuSeconds(c0);
  const steps = analysis.history.groups.reduce((n, g) => n + g.series.reduce((m, s) => m + s.change_points.length, 0), 0);
  console.log(
    `  npm run analyze path (load + parse + analyze, ${threads} thread(s))  ${tAll.toFixed(2)} s  (${analysis.comparisons.length.toLocaleString('en-US')} comparisons, ${analysis.history.groups.length} machines, ${steps} change points; ${((tAll / runs) * 1000).toFixed(1)} ms per run; CPU time ${cAll.toFixed(2)} s)`,
  );

  // what `npm run analyze` does next: render the reports (from the runs' pieces) and write them
  t0 = performance.now();
  c0 = process.cpuUsage();
  const files = reportFiles(analysis, rendered);
  renderConsole(analysis);
  await writeOutputs(join(root, 'reports'), files);
  const tRender = seconds(t0);
  const cRender = cpuSeconds(c0);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(outputText(f)), 0);
  // the reports put together from per-run pieces must be the plain serialization, byte for byte
  const plain = reportFiles(analysis);
  const same = plain.length === files.length && plain.every((f, i) => f.name === files[i].name && outputText(f) === outputText(files[i]));
  console.log(`  render + write ${tRender.toFixed(2)} s  (${(bytes / 1e6).toFixed(1)} MB of reports from the runs' rendered pieces; CPU time ${cRender.toFixed(2)} s; identical to a plain render: ${same ? 'yes' : 'NO'})`);

  t0 = performance.now();
  c0 = process.cpuUsage();
  const { analysis: again } = await analyzeDirsRendered(dirs, DEFAULT_SETTINGS, targets, { threads, cacheDir });
  const tWarm = seconds(t0);
  console.log(
    `  again, every run from the cache (what a new run costs in a long history)  ${tWarm.toFixed(2)} s  (CPU time ${cpuSeconds(c0).toFixed(2)} s; same result: ${JSON.stringify(again) === JSON.stringify(analysis) ? 'yes' : 'NO'})`,
  );

  // the same work split in two, single-threaded, to show where the time goes
  t0 = performance.now();
  c0 = process.cpuUsage();
  const inputs = await loadInputs(root);
  const tLoad = seconds(t0);
  const cLoad = cpuSeconds(c0);
  const parseErrors = inputs.reduce((n, r) => n + [...r.files.values()].filter((f) => f.error).length, 0);
  console.log(`    of which load + parse (1 thread)  ${tLoad.toFixed(2)} s  (${(fileCount / tLoad).toFixed(0)} files/s, ${parseErrors} parse errors; CPU time ${cLoad.toFixed(2)} s)`);
  t0 = performance.now();
  c0 = process.cpuUsage();
  const serial = analyzeAll(inputs, DEFAULT_SETTINGS, targets).analysis;
  const tAnalyze = seconds(t0);
  console.log(`    of which statistics (1 thread)    ${tAnalyze.toFixed(2)} s  (${((tAnalyze / runs) * 1000).toFixed(1)} ms per run; CPU time ${cpuSeconds(c0).toFixed(2)} s)`);
  console.log(`    parallel and serial results identical: ${JSON.stringify(serial) === JSON.stringify(analysis) ? 'yes' : 'NO'}`);

  const total = tAll + tRender;
  const warmTotal = tWarm + tRender;
  console.log(
    `  total, cold (npm run analyze path + render + write) ${total.toFixed(2)} s; warm cache ${warmTotal.toFixed(2)} s; goal < 10 s: cold ${total < 10 ? 'met' : 'NOT met'} (${(total / 10).toFixed(2)} of the budget), warm ${warmTotal < 10 ? 'met' : 'NOT met'} (${(warmTotal / 10).toFixed(2)}); machine load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`,
  );
} finally {
  if (!values.keep) await rm(root, { recursive: true, force: true });
  else console.log(`  kept ${root}`);
}
