/**
 * `npm run bench:site` (analyze + site) and `npm run bench:analysis` (analyze only, `--no-site`): the wall time
 * a user waits for the commands themselves, each started as its own process the way `npm run` starts it
 * (`node scripts/run.mjs`, the command compiled in dist/, from the checkout), every file they write in one temp
 * folder that is deleted afterwards (never raw-results/, reports/ or .cache/):
 *
 * - a SYNTHETIC history of 200 runs (bench/lib/synthetic.ts, raw files in the tools' text formats), cold:
 *   `npm run analyze -- --site DIR` (as `npm run collect` runs it: the site built in the same process from the
 *   analysis just made) with empty caches; with `--no-site`, `npm run analyze` alone;
 * - one new run added to it, the same command again (the other runs from the per-run cache); then one more
 *   run, as two commands: `npm run analyze`, then `npm run site` reading the analysis.json it wrote;
 * - one real run (the newest of one load under raw-results/, copied) analyzed alone with `--no-cache`, and the
 *   same run from the TypeScript sources with tsx (`node --import tsx`, how the commands ran before dist/);
 * - the floor: node checking that dist/ is up to date, which every command pays, and `npm run analyze -- --help`,
 *   which also loads the analysis code.
 *
 * Goals on a 2-CPU machine: analyze + site cold <= 30 s, with one new run <= 5 s, one run analyzed < 1 s.
 * Prints wall and CPU seconds (the children's user + system time) and ratios measured in this one run, with
 * the load average before and after; nothing asserts timings.
 *
 *   npm run bench:site -- [--runs 200] [--repetitions 5] [--no-site] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listRuns } from '../ingest/load.ts';
import { syntheticRunFiles } from './lib/synthetic.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, repetitions: { type: 'string' }, 'no-site': { type: 'boolean' }, keep: { type: 'boolean' } } });
const runs = Number(values.runs ?? 200);
const reps = Number(values.repetitions ?? 5);
const withSite = !values['no-site'];
const name = withSite ? 'bench:site' : 'bench:analysis';
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(reps) || reps < 1) {
  console.error(`${name}: --runs and --repetitions must be positive integers`);
  process.exit(2);
}

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** Write synthetic run `i` of the history under `root`; returns its file count. */
function writeRun(root: string, i: number): number {
  const id = `run-${String(i).padStart(4, '0')}`;
  // a step in the middle of the history, and one machine in ten another
  const effects = i >= runs / 2 ? { fdpass: { rps: 1.25, gw_sys: 0.4 } } : { fdpass: { rps: 1.15, gw_sys: 0.45 } };
  const machine = i % 10 === 9 ? 'other-machine' : 'bench-machine';
  const { manifest, files } = syntheticRunFiles({ id, created_at: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3600_000).toISOString(), seed: i, repetitions: reps, effects, fingerprint: machine, machine });
  for (const [p, text] of files) {
    mkdirSync(dirname(join(root, id, p)), { recursive: true });
    writeFileSync(join(root, id, p), text);
  }
  writeFileSync(join(root, id, 'manifest.json'), JSON.stringify(manifest));
  return files.size + 1;
}

interface Timed {
  wall_s: number;
  cpu_s: number;
  stdout: string;
}

/**
 * Run a script from the checkout with `node scripts/run.mjs`, as the package.json scripts do, or from its source
 * with `node --import tsx` (every path it writes is given in `args`); the CPU time is the children's user + system
 * time as the shell's `times` reports it.
 */
function command(script: string | null, args: string[], how: 'compiled' | 'tsx' = 'compiled'): Timed {
  const timesFile = join(root, '.times');
  const t0 = performance.now();
  const node = how === 'tsx' ? ['--import', import.meta.resolve('tsx'), ...(script ? [join(REPO, script)] : [])] : [join(REPO, 'scripts/run.mjs'), ...(script ? [script] : [])];
  // run in the temp folder: the caches a command keeps by default (.cache/site) land there
  const r = spawnSync('sh', ['-c', '"$@"; s=$?; times > "$GB_TIMES"; exit $s', 'sh', process.execPath, ...node, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, GB_TIMES: timesFile },
  });
  const wall_s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${script ? basename(script) : 'scripts/run.mjs'} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  // `times`: the shell's own user and system time, then its children's ("0m1.234s 0m0.567s")
  const children = readFileSync(timesFile, 'utf8').trim().split('\n')[1] ?? '';
  const cpu_s = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
  return { wall_s, cpu_s, stdout: r.stdout };
}

/** Print one measured step. */
function row(step: string, t: Timed, note = ''): Timed {
  console.log(`  ${step.padEnd(48)} ${t.wall_s.toFixed(2).padStart(6)} s wall  ${t.cpu_s.toFixed(2).padStart(6)} s CPU  ${note}`);
  return t;
}
const sum = (a: Timed, b: Timed): Timed => ({ wall_s: a.wall_s + b.wall_s, cpu_s: a.cpu_s + b.cpu_s, stdout: '' });
/** The site's summary line ("N runs -> M pages ... (R rendered, C charts drawn ...)"), shortened. */
const siteNote = (t: Timed) => /site: (\d+ runs -> \d+ pages) in .*? \((\d+ rendered, \d+ charts drawn, \d+ from cache)/.exec(t.stdout)?.slice(1).join(', ') ?? '';
const verdict = (seconds: number, goal: number) => `goal ${goal} s: ${seconds <= goal ? 'met' : 'NOT met'} (${(seconds / goal).toFixed(2)} of it)`;

const root = mkdtempSync(join(tmpdir(), 'gatebench-bench-history-'));
const at = (p: string) => join(root, p);
try {
  console.log(`${name}: ${runs} synthetic runs x 2 variants x ${reps} repetitions in ${root} (${cpus().length} CPUs, node ${process.version}, load average ${loadavg()[0].toFixed(2)} before)`);
  const t0 = performance.now();
  let files = 0;
  for (let i = 0; i < runs; i++) files += writeRun(at('runs'), i);
  console.log(`  generate ${((performance.now() - t0) / 1000).toFixed(2)} s (${files.toLocaleString('en-US')} files)`);

  const analyzeArgs = ['--runs', at('runs'), '--out', at('reports'), '--cache', at('cache/analysis')];
  const analyze = (step: string, note = '') => row(step, command('analysis/cli/analyze.ts', analyzeArgs), note);
  // as `npm run collect` runs them: the site built in the same process from the analysis just made
  const analyzeSite = (step: string) => {
    const t = command('analysis/cli/analyze.ts', [...analyzeArgs, '--site', at('_site')]);
    return row(step, t, siteNote(t));
  };
  // the site's render cache where `analyze --site` keeps it (.cache/site in the folder it runs in)
  const site = (step: string) => {
    const t = command('site/build.ts', ['--runs', at('runs'), '--analysis', at('reports/analysis.json'), '--out', at('_site'), '--cache', at('.cache/site'), '--quiet']);
    return row(step, t, siteNote(t));
  };

  command(null, []); // compiles dist/ when the sources changed since: not a figure of the commands
  const floor = row('floor: node checking dist/ is up to date', command(null, []));
  const cold = withSite ? analyzeSite(`cold: npm run analyze -- --site (${runs} runs)`) : analyze(`cold: npm run analyze (${runs} runs)`);
  writeRun(at('runs'), runs);
  const added = withSite ? analyzeSite('one new run: npm run analyze -- --site') : analyze('one new run: npm run analyze', `(the other ${runs} from the per-run cache)`);
  let twoSteps: Timed | null = null;
  if (withSite) {
    // the same step as two commands, each reading what the one before wrote
    writeRun(at('runs'), runs + 1);
    twoSteps = sum(analyze('one more: npm run analyze'), site('  then npm run site'));
  }
  // the newest run of one load (a sweep is a run per response size)
  const newest = (await listRuns(join(REPO, 'raw-results'))).filter((r) => r.manifest?.kind === 'compare').at(-1)!;
  cpSync(newest.dir, join(at('one'), newest.id), { recursive: true, preserveTimestamps: true });
  const oneArgs = ['--runs', at('one'), '--out', at('one-reports'), '--no-cache'];
  const one = row('one real run: npm run analyze -- --no-cache', command('analysis/cli/analyze.ts', oneArgs), `(${basename(newest.dir)}, ${newest.manifest?.repetitions.length ?? '?'} repetitions)`);
  const oneTsx = row('the same, from the sources with tsx', command('analysis/cli/analyze.ts', oneArgs, 'tsx'));
  const loaded = row('npm run analyze -- --help (loads the code only)', command('analysis/cli/analyze.ts', ['--help']));

  const what = withSite ? 'analyze + site' : 'analyze';
  console.log(`  ${what}, cold: ${cold.wall_s.toFixed(2)} s; ${verdict(cold.wall_s, 30)}`);
  console.log(`  ${what}, one new run: ${added.wall_s.toFixed(2)} s; ${verdict(added.wall_s, 5)}; ${(added.wall_s / cold.wall_s).toFixed(3)} of cold`);
  if (twoSteps) console.log(`  as two commands: ${twoSteps.wall_s.toFixed(2)} s (${(twoSteps.wall_s / added.wall_s).toFixed(2)}x the one process)`);
  console.log(
    `  one run analyzed: ${one.wall_s.toFixed(2)} s; goal < 1 s: ${one.wall_s < 1 ? 'met' : 'NOT met'} (${one.wall_s.toFixed(2)} of it); of which node starting ${floor.wall_s.toFixed(2)} s (${(floor.wall_s / one.wall_s).toFixed(2)}) and loading the code ${(loaded.wall_s - floor.wall_s).toFixed(2)} s (${((loaded.wall_s - floor.wall_s) / one.wall_s).toFixed(2)}); with tsx ${oneTsx.wall_s.toFixed(2)} s (${(oneTsx.wall_s / one.wall_s).toFixed(2)}x)`,
  );
  console.log(`  load average ${loadavg()[0].toFixed(2)} after, on ${cpus().length} CPUs`);
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
  else console.log(`  kept ${root}`);
}
