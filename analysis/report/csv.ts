/**
 * The CSV export of all metrics (reports/metrics.csv): one row per run, variant, repetition and metric, in
 * long format so spreadsheets and pandas can pivot it. Quoting by papaparse.
 */
import Papa from 'papaparse';
import type { Analysis } from '../schema.ts';

export const CSV_COLUMNS = ['run', 'created_at', 'machine_fingerprint', 'variant', 'label', 'repetition', 'status', 'metric', 'unit', 'value'] as const;

/**
 * @example
 * renderCsv(analysis).split('\n')[0] // 'run,created_at,machine_fingerprint,variant,label,repetition,status,metric,unit,value'
 */
export function renderCsv(analysis: Analysis): string {
  const units = new Map(analysis.metrics.map((m) => [m.name, m.unit]));
  const order = analysis.metrics.map((m) => m.name);
  const rows: (string | number)[][] = [];
  for (const run of analysis.runs) {
    for (const rep of run.repetitions) {
      const label = run.variants.find((v) => v.name === rep.variant)?.label ?? rep.variant;
      for (const metric of order) {
        const v = rep.metrics[metric];
        if (v === undefined || v === null) continue;
        rows.push([run.id, run.created_at ?? '', run.machine?.fingerprint ?? '', rep.variant, label, rep.repetition, rep.status, metric, units.get(metric) ?? '', v]);
      }
    }
  }
  return `${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: '\n' })}\n`;
}
