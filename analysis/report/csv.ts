/**
 * The CSV export of all metrics (reports/metrics.csv): one row per run, variant, repetition and metric (and in
 * a sweep, response size: `size_bytes`, empty for other runs), in long format so spreadsheets and pandas can pivot it. RFC 4180 quoting (fields with a comma, quote or line
 * break are quoted, quotes doubled), LF line ends. Written by hand rather than with papaparse: a long
 * history has hundreds of thousands of rows and the fields are simple.
 */
import type { Analysis } from '../schema.ts';
import type { RenderedRuns } from './rendered-runs.ts';

export const CSV_COLUMNS = ['run', 'created_at', 'machine_fingerprint', 'variant', 'label', 'repetition', 'status', 'metric', 'unit', 'value', 'size_bytes'] as const;

/**
 * One CSV field.
 *
 * @example
 * csvField('a,b') // '"a,b"'
 * csvField('say "hi"') // '"say ""hi"""'
 */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The rows of one run (each ending with a newline), for the metrics in `metrics` order.
 *
 * @example
 * csvRowsOfRun(analysis.runs[0], analysis.metrics).split('\n')[0] // 'r1,2026-01-01T00:00:00Z,abc,proxy,v1.0,1,complete,throughput_rps,req/s,8200,'
 */
export function csvRowsOfRun(run: Analysis['runs'][number], metrics: Readonly<Analysis['metrics']>): string {
  const runHead = `${csvField(run.id)},${csvField(run.created_at ?? '')},${csvField(run.machine?.fingerprint ?? '')}`;
  const sizes = new Map((run.sweep?.points ?? []).map((p) => [p.point, String(p.size_bytes)]));
  let out = '';
  for (const rep of run.repetitions) {
    const label = run.variants.find((v) => v.name === rep.variant)?.label ?? rep.variant;
    const head = `${runHead},${csvField(rep.variant)},${csvField(label)},${rep.repetition},${csvField(rep.status)}`;
    const size = rep.point === undefined ? '' : (sizes.get(rep.point) ?? '');
    for (const m of metrics) {
      const v = rep.metrics[m.name];
      if (v === undefined || v === null) continue;
      out += `${head},${csvField(m.name)},${csvField(m.unit)},${v},${size}\n`;
    }
  }
  return out;
}

/**
 * `rendered`: rows already rendered per run (see rendered-runs.ts); a run without them is rendered here.
 *
 * @example
 * renderCsv(analysis).split('\n')[0] // 'run,created_at,machine_fingerprint,variant,label,repetition,status,metric,unit,value,size_bytes'
 */
export function renderCsv(analysis: Analysis, rendered?: RenderedRuns): string {
  return renderCsvChunks(analysis, rendered).join('');
}

/**
 * The text of renderCsv as consecutive pieces (the header, then each run's rows), for the writer.
 *
 * @example
 * renderCsvChunks(analysis).join('') === renderCsv(analysis) // true
 */
export function renderCsvChunks(analysis: Analysis, rendered?: RenderedRuns): string[] {
  const parts: string[] = [`${CSV_COLUMNS.join(',')}\n`];
  for (const run of analysis.runs) parts.push(rendered?.get(run.id)?.csv ?? csvRowsOfRun(run, analysis.metrics));
  return parts;
}
