/**
 * The seed-era monitor CSV (`timestamp,pid,cpu_percent,...`) read with papaparse, and its writer. Pure.
 * See ingest/records/legacy-csv.ts for what the columns mean and why non-numbers are kept as null.
 */
import Papa from 'papaparse';
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { LEGACY_CSV_COLUMNS, LegacyCsvRecord, type LegacyCsvSample } from '../records/legacy-csv.ts';
import { validatedRecord } from '../validated-record.ts';

const HEADER = LEGACY_CSV_COLUMNS.join(',');

/**
 * Parse a seed-era monitor CSV.
 * @example
 * parseLegacyCsv('timestamp,pid,cpu_percent,user_cpu,sys_cpu,memory_mb,ctx_switches,voluntary_switches,nonvoluntary_switches\n2026-11-22 19:01:16,21087,37.00,54.00,1.00,0.00,2.00,52.00,0.00\n')
 * // -> { format: 'legacy-csv', samples: [{ timestamp: '2026-11-22 19:01:16', pid: 21087, cpu_percent: 37, ... }], invalid_cells: [] }
 */
export function parseLegacyCsv(text: string): LegacyCsvRecord {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter: ',' });
  const rows = parsed.data;
  const header = (rows[0] ?? []).map((h) => h.trim());
  if (header.join(',') !== HEADER) {
    throw new ParseError(`expected the header "${HEADER}", got "${header.join(',')}"`, 1);
  }
  const samples: LegacyCsvSample[] = [];
  const invalid: LegacyCsvRecord['invalid_cells'] = [];
  for (let i = 1; i < rows.length; i++) {
    const n = i + 1;
    const row = rows[i];
    if (row.length === 1 && row[0].trim() === '') continue; // blank line (or the final newline)
    if (row.length !== LEGACY_CSV_COLUMNS.length) {
      const last = i === rows.length - 1 || rows.slice(i + 1).every((r) => r.length === 1 && r[0].trim() === '');
      throw new ParseError(
        `${last ? 'truncated row' : 'row'} has ${row.length} fields, expected ${LEGACY_CSV_COLUMNS.length} (${HEADER})`,
        n,
      );
    }
    const num = (j: number): number | null => {
      const raw = row[j].trim();
      if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw)) return Number(raw);
      invalid.push({ line: n, column: LEGACY_CSV_COLUMNS[j], value: row[j] });
      return null;
    };
    const pid = num(1);
    if (pid !== null && !Number.isInteger(pid)) {
      invalid.push({ line: n, column: 'pid', value: row[1] });
    }
    samples.push({
      timestamp: row[0].trim(),
      pid: pid !== null && Number.isInteger(pid) ? pid : null,
      cpu_percent: num(2),
      user_cpu: num(3),
      sys_cpu: num(4),
      memory_mb: num(5),
      ctx_switches: num(6),
      voluntary_switches: num(7),
      nonvoluntary_switches: num(8),
    });
  }
  if (samples.length === 0) throw new ParseError('legacy CSV has a header but no rows', 1);
  return validatedRecord(LegacyCsvRecord, { format: 'legacy-csv', samples, invalid_cells: invalid }, 'legacy CSV');
}

/** The pidstat fields the legacy CSV is made of (a structural subset of PidstatSample). */
export interface LegacyCsvSource {
  time: string;
  date?: string | null;
  pid: number;
  cpu_pct: number | null;
  usr_pct: number | null;
  system_pct: number | null;
  rss_kb: number | null;
  cswch_per_s: number | null;
  nvcswch_per_s: number | null;
}

/**
 * Write pidstat samples as the seed-era CSV, with the columns the seed script meant: cpu/usr/sys %,
 * RSS in MiB, context switches per second (voluntary + non-voluntary, then each). Unknown values are
 * empty cells. Numbers have 2 decimals, as pidstat prints them.
 *
 * @example
 * toLegacyCsv([{ time: '19:01:16', date: '2026-11-22', pid: 21087, cpu_pct: 37, usr_pct: 30, system_pct: 7, rss_kb: 2048, cswch_per_s: 52, nvcswch_per_s: 1 }])
 * // 'timestamp,pid,...\n2026-11-22 19:01:16,21087,37.00,30.00,7.00,2.00,53.00,52.00,1.00'
 */
export function toLegacyCsv(samples: readonly LegacyCsvSource[]): string {
  const fixed = (v: number | null): string => (v === null || !Number.isFinite(v) ? '' : v.toFixed(2));
  const rows = samples.map((s) => [
    s.date ? `${s.date} ${s.time}` : s.time,
    String(s.pid),
    fixed(s.cpu_pct),
    fixed(s.usr_pct),
    fixed(s.system_pct),
    fixed(s.rss_kb === null ? null : s.rss_kb / 1024),
    fixed(s.cswch_per_s === null || s.nvcswch_per_s === null ? null : s.cswch_per_s + s.nvcswch_per_s),
    fixed(s.cswch_per_s),
    fixed(s.nvcswch_per_s),
  ]);
  return Papa.unparse({ fields: [...LEGACY_CSV_COLUMNS], data: rows }, { newline: '\n' }) + '\n';
}

/**
 * True when the first line is the seed-era header.
 * @example sniffLegacyCsv('timestamp,pid,cpu_percent,user_cpu,sys_cpu,memory_mb,ctx_switches,voluntary_switches,nonvoluntary_switches\n') // true
 */
export function sniffLegacyCsv(head: string): boolean {
  return head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].trim() === HEADER;
}

/** The seed-era CSV entry of the format registry (ingest/formats.ts). */
export const legacyCsvFormat: Format<LegacyCsvRecord> = { name: 'legacy-csv', sniff: sniffLegacyCsv, parse: parseLegacyCsv };
