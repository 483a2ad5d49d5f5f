/**
 * `npm run analyze`: statistics over every run under raw-results/; prints the console report and writes
 * reports/ (<baseline label>_baseline.md, <candidate label>_comparison.md, analysis.json, metrics.csv).
 *
 *   npm run analyze -- [--runs DIR] [--out DIR] [--targets FILE] [--seed N]
 *                      [--noise PCT] [--cv-threshold PCT] [--fail-on regressed[,invalid]] [--cache DIR | --no-cache]
 * Per-run results are cached in .cache/analysis/ or --cache DIR (keyed by the run's files, settings, targets
 * and code).
 *   npm run --silent analyze -- --format json     the analysis JSON on stdout (writes files only with --out)
 *   npm run analyze -- --site DIR                 then build the site into DIR from this analysis, in this
 *                                                 process (what `npm run collect` runs; render cache .cache/site)
 *   npm run analyze -- --check-config FILE        check a --config's targets and expected changes (exit 2 if not)
 */
import { analyzeRunsFolder } from '../analyze-dirs.ts';
import type { Analysis } from '../schema.ts';
import { DEFAULT_CACHE_DIR } from '../load/run-cache.ts';
import { checkConfigDeclarations, loadTargets, settingsFrom, UsageError, outputFormat, parseCommandLine, SETTINGS_OPTIONS } from './options.ts';
import { latestRun } from '../report/select.ts';
import { failingComparisons, parseFailOn, regressionsOfLatest } from './fail-on.ts';
import { renderConsole } from '../report/console.ts';
import { renderJson } from '../report/json.ts';
import { reportFiles } from '../report/report-files.ts';
import { writeOutputs } from '../report/write.ts';
import { runCli, writeStdout } from './run.ts';

const USAGE = `usage: npm run analyze -- [--runs DIR] [--out DIR] [--format console|json] [--targets FILE]
                          [--seed N] [--noise PCT] [--cv-threshold PCT] [--fail-on regressed[,invalid]]
                          [--cache DIR | --no-cache] [--site DIR]
       npm run analyze -- --check-config FILE   check a --config's targets and expected changes`;

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({
    args: argv,
    options: {
      runs: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      targets: { type: 'string' },
      ...SETTINGS_OPTIONS,
      'fail-on': { type: 'string' },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean' },
      'check-config': { type: 'string' },
      site: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (v['check-config'] !== undefined) {
    console.log(await checkConfigDeclarations(v['check-config']));
    return 0;
  }
  const format = outputFormat(v.format);
  if (format === 'json' && v.site !== undefined) throw new UsageError('--site goes with the console report, not --format json (stdout would carry more than the JSON)');
  let failOn: ReturnType<typeof parseFailOn> = [];
  try {
    failOn = v['fail-on'] === undefined ? [] : parseFailOn(v['fail-on']);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const settings = settingsFrom(v);
  const targets = await loadTargets(v.targets);
  const root = v.runs ?? 'raw-results';
  const { analysis, rendered } = await analyzeRunsFolder(root, settings, targets, { cacheDir: v['no-cache'] ? null : (v.cache ?? DEFAULT_CACHE_DIR) });

  const outDir = v.out ?? (format === 'console' ? 'reports' : undefined);
  let written: string[] = [];
  if (outDir) written = await writeOutputs(outDir, reportFiles(analysis, rendered));
  if (format === 'json') await writeStdout(renderJson(analysis, rendered));
  else {
    await writeStdout(renderConsole(analysis));
    if (written.length) console.log(`\nWrote ${written.join(', ')}`);
  }
  let failed = false;
  if (v.site !== undefined && !(await buildSiteFrom(analysis, root, v.site, v['no-cache'] === true))) failed = true;
  if (failOn.includes('regressed')) {
    const regressions = regressionsOfLatest(analysis);
    if (regressions.length) {
      console.error(`regressed (${regressions.length}): ${regressions.join('; ')}`);
      failed = true;
    }
  }
  if (failOn.includes('invalid')) {
    const run = latestRun(analysis);
    for (const [, lines] of failingComparisons(analysis.comparisons.filter((c) => c.run === run?.id), ['invalid'])) {
      console.error(`invalid (${lines.length}): ${lines.join('; ')}`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

/**
 * Build the site into `outDir` from the analysis just made (site/build.ts, loaded only here: the analysis
 * never needs the site). Says the outcome in one line; false when the site could not be built.
 */
async function buildSiteFrom(analysis: Analysis, runsDir: string, outDir: string, noCache: boolean): Promise<boolean> {
  const start = performance.now();
  const [{ buildSite, buildSummary }, { parseBuildArgs }] = await Promise.all([import('../../site/build.ts'), import('../../site/build-args.ts')]);
  const opts = parseBuildArgs(['--runs', runsDir, '--out', outDir, '--quiet', ...(noCache ? ['--no-cache'] : [])]);
  try {
    console.log(buildSummary(await buildSite(opts, analysis), opts, performance.now() - start));
    return true;
  } catch (e) {
    console.error(`analyze: the site was not built: ${(e as Error).message}`);
    return false;
  }
}

runCli('analyze', main);
