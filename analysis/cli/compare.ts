/**
 * `npm run compare`: compare any two runs, or two variants of one run, from the command line.
 *
 *   npm run compare -- RUN_A RUN_B [--variant NAME]      each variant of B against the same variant of A
 *   npm run compare -- RUN --variants proxy,fdpass        two variants of one run (first = baseline)
 * Two sweeps, or two variants of one sweep, are compared the same ways at every response size (compare-sweeps.ts).
 *   options: --runs DIR (where run ids are looked up, default raw-results), --format console|json, --fail-on regressed[,invalid] (exit 1 when a comparison has that verdict), --seed N
 * A run is a directory path or a run id under --runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../analyze-run.ts';
import { settingsFrom, UsageError, outputFormat, parseCommandLine, SETTINGS_OPTIONS } from './options.ts';
import { failingComparisons, parseFailOn, type FailOn } from './fail-on.ts';
import { compareRuns, compareVariants } from '../compare/compare-runs.ts';
import { compareSweeps, compareSweepVariants } from '../compare/compare-sweeps.ts';
import { sizeLabel } from '../../ingest/byte-size.ts';
import { loadInput } from '../load/load-inputs.ts';
import { metricDef } from '../metrics/metric-defs.ts';
import { fmtChange, fmtEstimate, fmtP } from '../report/format.ts';
import type { Comparison } from '../schema.ts';
import { warningShort, type Warning } from '../warnings.ts';
import { runCli, writeStdout } from './run.ts';

const USAGE = `usage: npm run compare -- RUN_A RUN_B [--variant NAME] | RUN --variants BASELINE,CANDIDATE
       [--runs DIR] [--format console|json] [--seed N] [--noise PCT] [--cv-threshold PCT] [--fail-on regressed[,invalid]]`;

function resolveRun(arg: string, root: string): string {
  if (existsSync(join(arg, 'manifest.json'))) return arg;
  if (existsSync(join(root, arg, 'manifest.json'))) return join(root, arg);
  throw new UsageError(`${arg}: no manifest.json there, and no run "${arg}" under ${root}/`);
}

/**
 * The comparisons as a console table.
 *
 * @example
 * renderComparisons(comparisons) // "metric  baseline [CI]  candidate [CI]  change [CI]  p  verdict" lines
 */
export function renderComparisons(comparisons: Comparison[]): string {
  if (!comparisons.length) return 'Nothing to compare (no common variant with data).\n';
  const lines: string[] = [];
  let last = '';
  for (const c of comparisons) {
    const size = c.size_bytes === undefined ? '' : ` at ${sizeLabel(c.size_bytes)}`;
    const head = `${c.baseline.run ?? c.run}:${c.baseline.variant} -> ${c.candidate.run ?? c.run}:${c.candidate.variant}${size}`;
    if (head !== last) {
      lines.push('', head);
      last = head;
    }
    const verdict = c.verdict === 'invalid' ? `invalid (${[...new Set(c.warnings.map((w) => warningShort(w as unknown as Warning)))].join('; ') || c.reason})` : c.verdict;
    lines.push(
      `  ${metricDef(c.metric).label.padEnd(38)}${fmtEstimate(c.baseline.estimate, c.baseline.ci_low, c.baseline.ci_high, c.unit).padEnd(30)} ${fmtEstimate(c.candidate.estimate, c.candidate.ci_low, c.candidate.ci_high, c.unit).padEnd(30)} ${fmtChange(c.change_pct).padEnd(26)}${fmtP(c.p_value).padEnd(9)}${verdict}`,
    );
  }
  return `${lines.join('\n').trimStart()}\n`;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({
    args: argv,
    options: {
      runs: { type: 'string' },
      variant: { type: 'string' },
      variants: { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      ...SETTINGS_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  const format = outputFormat(v.format);
  let failOn: FailOn[] = [];
  try {
    failOn = v['fail-on'] === undefined ? [] : parseFailOn(v['fail-on']);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const settings = settingsFrom(v);
  const root = v.runs ?? 'raw-results';
  const pos = parsed.positionals;
  let comparisons: Comparison[];
  if (pos.length === 1 && v.variants) {
    const names = v.variants.split(',').map((s) => s.trim());
    if (names.length !== 2 || names.some((n) => !n)) throw new UsageError(`--variants takes two names separated by a comma, got "${v.variants}"`);
    const a = analyzeRun(await loadInput(resolveRun(pos[0], root)), settings, []);
    if (a.run.status === 'error') throw new UsageError(`${pos[0]}: ${a.run.warnings[0].message}`);
    for (const n of names) if (!a.run.variants.some((x) => x.name === n)) throw new UsageError(`${pos[0]} has no variant "${n}" (it has ${a.run.variants.map((x) => x.name).join(', ')})`);
    comparisons = a.run.sweep ? compareSweepVariants(a, names[0], names[1], settings) : compareVariants(a, names[0], names[1], settings);
  } else if (pos.length === 2 && !v.variants) {
    const [a, b] = await Promise.all(pos.map(async (p) => analyzeRun(await loadInput(resolveRun(p, root)), settings, [])));
    for (const [i, r] of [a, b].entries()) if (r.run.status === 'error') throw new UsageError(`${pos[i]}: ${r.run.warnings[0].message}`);
    if (Boolean(a.run.sweep) !== Boolean(b.run.sweep)) {
      const [sweep, plain] = a.run.sweep ? [pos[0], pos[1]] : [pos[1], pos[0]];
      throw new UsageError(`${sweep} is a sweep and ${plain} is not: compare a sweep with a sweep (sizes matched), or a plain run with a plain run`);
    }
    comparisons = a.run.sweep ? compareSweeps(a, b, settings, v.variant) : compareRuns(a, b, settings, v.variant);
  } else {
    throw new UsageError(`expected two runs, or one run with --variants\n${USAGE}`);
  }
  if (format === 'json') await writeStdout(`${JSON.stringify(comparisons, null, 2)}\n`);
  else await writeStdout(renderComparisons(comparisons));
  const failing = failingComparisons(comparisons, failOn);
  for (const [verdict, lines] of failing) console.error(`${verdict} (${lines.length}): ${lines.join('; ')}`);
  return failing.length ? 1 : 0;
}

runCli('compare', main);
