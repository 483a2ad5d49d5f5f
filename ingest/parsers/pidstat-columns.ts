/**
 * pidstat's column names (sysstat 9.x to 12.x, text and `-o JSON` keys) and the record field each one fills.
 * Columns are always found by name in the header line, never by position: the set and order change with
 * the flags (-u -r -d -w -s -v -R -T), the version (no UID before 10.x, %wait since 11.5, USER with -U) and -t
 * (TGID/TID instead of PID).
 */
import type { NumberUnit } from './pidstat-number.ts';

/** How a column's values are read. */
export type ColumnKind =
  | 'pid' // PID or TGID: a number, or `-` on -t thread rows
  | 'tid' // TID: a number, or `-` on process rows
  | 'uid'
  | 'user'
  | 'number'
  | 'string'
  | 'unknown';

export interface ColumnSpec {
  /** the column name as printed in the header */
  name: string;
  kind: ColumnKind;
  /** the record field; for 'unknown' columns the header name (kept under `extra`) */
  field: string;
  unit: NumberUnit;
}

/** Header name -> [field, kind, unit]. */
const KNOWN: Record<string, [string, ColumnKind, NumberUnit]> = {
  UID: ['uid', 'uid', 'plain'],
  USER: ['user', 'user', 'plain'],
  PID: ['pid', 'pid', 'plain'],
  TGID: ['pid', 'pid', 'plain'],
  TID: ['tid', 'tid', 'plain'],
  '%usr': ['usr_pct', 'number', 'plain'],
  '%user': ['usr_pct', 'number', 'plain'], // sysstat 8.x
  '%system': ['system_pct', 'number', 'plain'],
  '%guest': ['guest_pct', 'number', 'plain'],
  '%wait': ['wait_pct', 'number', 'plain'],
  '%CPU': ['cpu_pct', 'number', 'plain'],
  CPU: ['cpu', 'number', 'plain'],
  'usr-ms': ['usr_ms', 'number', 'plain'],
  'system-ms': ['system_ms', 'number', 'plain'],
  'guest-ms': ['guest_ms', 'number', 'plain'],
  'minflt/s': ['minflt_per_s', 'number', 'plain'],
  'majflt/s': ['majflt_per_s', 'number', 'plain'],
  VSZ: ['vsz_kb', 'number', 'kb'],
  RSS: ['rss_kb', 'number', 'kb'],
  '%MEM': ['mem_pct', 'number', 'plain'],
  'minflt-nr': ['minflt_count', 'number', 'plain'],
  'majflt-nr': ['majflt_count', 'number', 'plain'],
  StkSize: ['stack_size_kb', 'number', 'kb'],
  StkRef: ['stack_ref_kb', 'number', 'kb'],
  'kB_rd/s': ['kb_rd_per_s', 'number', 'kb'],
  'kB_wr/s': ['kb_wr_per_s', 'number', 'kb'],
  'kB_ccwr/s': ['kb_ccwr_per_s', 'number', 'kb'],
  iodelay: ['iodelay_ticks', 'number', 'plain'],
  'cswch/s': ['cswch_per_s', 'number', 'plain'],
  'nvcswch/s': ['nvcswch_per_s', 'number', 'plain'],
  threads: ['threads', 'number', 'plain'],
  'fd-nr': ['fd_count', 'number', 'plain'],
  prio: ['prio', 'number', 'plain'],
  policy: ['policy', 'string', 'plain'],
};

/** `-o JSON` keys that differ from the text header names. */
const JSON_ALIASES: Record<string, string> = {
  usr: '%usr',
  system: '%system',
  guest: '%guest',
  wait: '%wait',
  cpu: '%CPU',
  cpu_nr: 'CPU',
  MEM: '%MEM',
};

/** Columns that identify the task; the first of them ends the time/label prefix of a header line. */
const ID_COLUMNS = new Set(['UID', 'USER', 'PID', 'TGID', 'TID']);

/**
 * The spec of a header column; unknown names are kept (kind 'unknown') so their values land in `extra`.
 *
 * @example
 * columnSpec('%CPU') // { name: '%CPU', kind: 'number', field: 'cpu_pct', unit: 'plain' }
 * columnSpec('RSS').unit // 'kb'
 * columnSpec('%steal').kind // 'unknown'
 */
export function columnSpec(name: string): ColumnSpec {
  const known = KNOWN[name];
  if (known === undefined) return { name, kind: 'unknown', field: name, unit: 'plain' };
  return { name, field: known[0], kind: known[1], unit: known[2] };
}

/**
 * The spec for a `-o JSON` key, or undefined for keys that are not metrics (`cmd`, `leader`).
 *
 * @example
 * jsonColumnSpec('cpu').field // 'cpu_pct'
 * jsonColumnSpec('cpu_nr').field // 'cpu'
 * jsonColumnSpec('cmd') // undefined
 */
export function jsonColumnSpec(key: string): ColumnSpec | undefined {
  if (key === 'cmd' || key === 'leader') return undefined;
  return columnSpec(JSON_ALIASES[key] ?? key);
}

/** A header line split into its prefix (time, `#  Time` or average label) and its columns. */
export interface HeaderLine {
  /** number of tokens before the first column */
  prefixLength: number;
  /** the columns between the prefix and `Command` */
  columns: ColumnSpec[];
}

/**
 * Reads `tokens` as a pidstat header line (`12:53:20  UID  PID  %usr ... Command`): its last token is
 * `Command` and it names PID or TGID. Null when the line is not a header.
 *
 * @example
 * readHeaderLine(['#', 'Time', 'UID', 'PID', '%CPU', 'Command']).prefixLength // 2
 * readHeaderLine(['12:53:20', '0', '8407', 'bash']) // null
 */
export function readHeaderLine(tokens: readonly string[], count = tokens.length): HeaderLine | null {
  if (count < 3 || tokens[count - 1] !== 'Command') return null;
  let first = -1;
  let hasPid = false;
  for (let i = 0; i < count - 1; i++) {
    const t = tokens[i];
    if (first < 0 && ID_COLUMNS.has(t)) first = i;
    if (t === 'PID' || t === 'TGID') hasPid = true;
  }
  if (first < 0 || !hasPid) return null;
  const columns: ColumnSpec[] = [];
  for (let i = first; i < count - 1; i++) columns.push(columnSpec(tokens[i]));
  return { prefixLength: first, columns };
}
