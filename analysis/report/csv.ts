/**
 * The CSV export of all metrics (reports/metrics.csv): one row per run, variant, repetition and metric, in
 * long format so spreadsheets and pandas can pivot it. RFC 4180 quoting (fields with a comma, quote or line
 * break are quoted, quotes doubled), LF line ends. Written by hand rather than with papaparse: a long
 * history has hundreds of thousands of rows and the fields are simple.
 */
import type { Analysis } from '../schema.ts';

export const CSV_COLUMNS = ['run', 'created_at', 'machine_fingerprint', 'variant', 'label', 'repetition', 'status', 'metric', 'unit', 'value'] as const;

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
 * @example
 * renderCsv(analysis).split('\n')[0] // 'run,created_at,machine_fingerprint,variant,label,repetition,status,metric,unit,value'
 */
export function renderCsv(analysis: Analysis): string {
  const units = new Map(analysis.metrics.map((m) => [m.name, csvField(m.unit)]));
  const order = analysis.metrics.map((m) => [m.name, csvField(m.name)] as const);
  const lines: string[] = [CSV_COLUMNS.join(',')];
  for (const run of analysis.runs) {
    const runHead = `${csvField(run.id)},${csvField(run.created_at ?? '')},${csvField(run.machine?.fingerprint ?? '')}`;
    for (const rep of run.repetitions) {
      const label = run.variants.find((v) => v.name === rep.variant)?.label ?? rep.variant;
      const head = `${runHead},${csvField(rep.variant)},${csvField(label)},${rep.repetition},${csvField(rep.status)}`;
      for (const [metric, field] of order) {
        const v = rep.metrics[metric];
        if (v === undefined || v === null) continue;
        lines.push(`${head},${field},${units.get(metric) ?? ''},${v}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
