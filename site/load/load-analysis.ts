/**
 * Loader: the analysis the site is built from, which is the analysis JSON `npm run analyze` writes
 * (reports/analysis.json by default). The site never analyzes runs on its own: when that file is missing or
 * does not list exactly the runs of the runs folder (a run collected or imported since), the analysis is
 * made first through `npm run analyze`'s own path (analysis/analyze-dirs.ts, with its per-run cache, the
 * default settings and targets), which writes the reports into the file's folder as `npm run analyze --
 * --runs DIR --out FOLDER` would. An analysis made with other settings or targets is read as it is, as long
 * as it lists the same runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { runDirs } from '../../ingest/run-dirs.ts';
import { migrateAnalysis, type Analysis } from '../../analysis/schema.ts';

export interface SiteAnalysis {
  analysis: Analysis;
  /** why and how the analysis was made first ("reports/analysis.json is missing: analyzed ..."); null when it was read as it was */
  analyzed: string | null;
}

/**
 * What is wrong with `analysis` as the analysis of the runs `ids`, or null when it lists exactly them.
 *
 * @example
 * staleness(analysis, ['a', 'b', 'c'], 'reports/analysis.json', 'raw-results')
 * // 'reports/analysis.json lacks 1 run of raw-results/ (c)'
 */
export function staleness(analysis: Analysis, ids: string[], file: string, runsDir: string): string | null {
  const have = new Set(analysis.runs.map((r) => r.id));
  const want = new Set(ids);
  const list = (xs: string[]) => `${xs.slice(0, 3).join(', ')}${xs.length > 3 ? `, and ${xs.length - 3} more` : ''}`;
  const lacks = ids.filter((id) => !have.has(id));
  const extra = [...have].filter((id) => !want.has(id));
  const why: string[] = [];
  if (lacks.length) why.push(`lacks ${lacks.length} run${lacks.length === 1 ? '' : 's'} of ${runsDir}/ (${list(lacks)})`);
  if (extra.length) why.push(`has ${extra.length} run${extra.length === 1 ? '' : 's'} not in ${runsDir}/ (${list(extra)})`);
  return why.length ? `${file} ${why.join(' and ')}` : null;
}

/** The analysis JSON in `file`, or why it cannot be used ('missing' when there is no such file). */
function readAnalysis(file: string): Analysis | 'missing' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new Error(`cannot read the analysis file ${file} (${(e as NodeJS.ErrnoException).code})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}); run npm run analyze to write it again`);
  }
  try {
    return migrateAnalysis(raw);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/**
 * The analysis of the runs under `runsDir`, read from `analysisFile` (made first when missing or stale).
 *
 * @example
 * const { analysis, analyzed } = await loadAnalysis({ runsDir: 'raw-results', analysisFile: 'reports/analysis.json' });
 * analyzed // null, or 'reports/analysis.json is missing: analyzed raw-results/ first and wrote reports/, as npm run analyze does'
 */
export async function loadAnalysis(o: { runsDir: string; analysisFile: string }): Promise<SiteAnalysis> {
  if (!existsSync(o.runsDir)) throw new Error(`runs folder ${o.runsDir} not found (pass --runs DIR)`);
  const ids = (await runDirs(o.runsDir)).map((dir) => basename(dir));
  const read = readAnalysis(o.analysisFile);
  const stale = read === 'missing' ? `${o.analysisFile} is missing` : staleness(read, ids, o.analysisFile, o.runsDir);
  if (stale === null) return { analysis: read as Analysis, analyzed: null };
  // the analysis path (parsers, statistics, report writers) is loaded only when it has to run
  const [{ analyzeRunsFolder }, { loadTargets }, { reportFiles }, { DEFAULT_SETTINGS }, { writeOutputs }] = await Promise.all([
    import('../../analysis/analyze-dirs.ts'),
    import('../../analysis/cli/options.ts'),
    import('../../analysis/report/report-files.ts'),
    import('../../analysis/settings.ts'),
    import('../../analysis/report/write.ts'),
  ]);
  const { analysis, rendered } = await analyzeRunsFolder(o.runsDir, DEFAULT_SETTINGS, await loadTargets(undefined));
  const reports = dirname(o.analysisFile);
  await writeOutputs(reports, reportFiles(analysis, rendered));
  return { analysis, analyzed: `${stale}: analyzed ${o.runsDir}/ first and wrote ${reports}/, as npm run analyze does` };
}
