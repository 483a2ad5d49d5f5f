/**
 * Which report files `npm run analyze` produces and their names: `<baseline label>_baseline.md` and
 * `<candidate label>_comparison.md` (with the default labels: v1.0_baseline.md and v2.0_comparison.md) about
 * the latest plain run, sweep.md about the latest sweep run (when there is one), analysis.json and metrics.csv.
 */
import { renderCsvChunks } from './csv.ts';
import { renderJsonChunks } from './json.ts';
import { renderBaselineMarkdown, renderComparisonMarkdown } from './markdown.ts';
import { renderSweepMarkdown } from './sweep-markdown.ts';
import { reportedRun, variantLabel } from './select.ts';
import type { Analysis } from '../schema.ts';
import type { OutputFile } from './write.ts';
import type { RenderedRuns } from './rendered-runs.ts';

/**
 * A label made safe for a file name.
 *
 * @example
 * fileLabel('v1.0') // 'v1.0'
 * fileLabel('my gw/2') // 'my_gw_2'
 */
export function fileLabel(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '') || 'variant';
}

/**
 * `rendered`: the runs' report pieces from analyzeDirsRendered (the same files, made faster).
 *
 * @example
 * reportFiles(analysis).map((f) => f.name) // ['v1.0_baseline.md', 'v2.0_comparison.md', 'analysis.json', 'metrics.csv']
 */
export function reportFiles(analysis: Analysis, rendered?: RenderedRuns): OutputFile[] {
  const run = reportedRun(analysis);
  const files: OutputFile[] = [];
  if (run && run.baseline) files.push({ name: `${fileLabel(variantLabel(run, run.baseline))}_baseline.md`, content: renderBaselineMarkdown(analysis) });
  if (run && run.candidate && run.candidate !== run.baseline) files.push({ name: `${fileLabel(variantLabel(run, run.candidate))}_comparison.md`, content: renderComparisonMarkdown(analysis) });
  const sweep = renderSweepMarkdown(analysis);
  if (sweep !== null) files.push({ name: 'sweep.md', content: sweep });
  files.push({ name: 'analysis.json', content: renderJsonChunks(analysis, rendered) });
  files.push({ name: 'metrics.csv', content: renderCsvChunks(analysis, rendered) });
  return files;
}
