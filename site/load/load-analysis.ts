/**
 * Loader: the analysis JSON the site is built from, either read from a file (`--analysis FILE`, e.g. the
 * output of `npm run --silent analyze -- --format json`) or computed from a runs folder with analysis/.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrateAnalysis, type Analysis } from '../../analysis/schema.ts';
import { loadInputs } from '../../analysis/load-inputs.ts';
import { analyzeAll } from '../../analysis/analyze.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { parseTargets } from '../../analysis/targets.ts';

const TARGETS = fileURLToPath(new URL('../../analysis/targets.json', import.meta.url));

/**
 * The analysis of every run under `runsDir`, or of the JSON file `analysisFile` when given.
 *
 * @example
 * const analysis = await loadAnalysis({ runsDir: 'raw-results', analysisFile: null });
 */
export async function loadAnalysis(o: { runsDir: string; analysisFile: string | null }): Promise<Analysis> {
  if (o.analysisFile) {
    let text: string;
    try {
      text = readFileSync(o.analysisFile, 'utf8');
    } catch {
      throw new Error(`cannot read the analysis file ${o.analysisFile}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new Error(`${o.analysisFile}: not valid JSON (${(e as Error).message})`);
    }
    try {
      return migrateAnalysis(raw);
    } catch (e) {
      throw new Error(`${o.analysisFile}: ${(e as Error).message}`);
    }
  }
  if (!existsSync(o.runsDir)) throw new Error(`runs folder ${o.runsDir} not found (pass --runs DIR)`);
  const inputs = await loadInputs(o.runsDir);
  const targets = parseTargets(readFileSync(TARGETS, 'utf8'), TARGETS);
  return analyzeAll(inputs, DEFAULT_SETTINGS, targets).analysis;
}
