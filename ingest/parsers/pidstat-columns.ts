/**
 * pidstat's columns (sysstat 9.x to 12.x, text header names and `-o JSON` keys), the record field each one
 * fills, and the record a task's rows fill. Columns are always found by name in the header line, never by
 * position: the set and order change with the flags (-u -r -d -w -s -v -R -T), the version (no UID before
 * 10.x, %wait since 11.5, USER with -U) and -t (TGID/TID instead of PID).
 */
import type { NumberUnit } from './pidstat-locale.ts';

/**
 * How a column's values are read: `pid` (PID or TGID: a number, or `-` on -t thread rows), `tid` (a number, or
 * `-` on process rows), `uid` (an integer), `number`, `user` and `string` (text), `unknown` (kept as text in
 * the record's `extra`).
 */
export type ColumnKind = 'pid' | 'tid' | 'uid' | 'user' | 'number' | 'string' | 'unknown';

export interface ColumnSpec {
  /** the column name as printed in the header */
  name: string;
  kind: ColumnKind;
  /** the record field; for 'unknown' columns the header name (kept under `extra`) */
  field: string;
  unit: NumberUnit;
}

/** Header name -> record field. The field's name gives the unit: a `kb` field accepts --human size suffixes. */
const FIELDS: Record<string, string> = {
  UID: 'uid', USER: 'user', PID: 'pid', TGID: 'pid', TID: 'tid',
  '%usr': 'usr_pct', '%user': 'usr_pct' /* sysstat 8.x */, '%system': 'system_pct', '%guest': 'guest_pct', '%wait': 'wait_pct',
  '%CPU': 'cpu_pct', CPU: 'cpu', 'usr-ms': 'usr_ms', 'system-ms': 'system_ms', 'guest-ms': 'guest_ms',
  'minflt/s': 'minflt_per_s', 'majflt/s': 'majflt_per_s', VSZ: 'vsz_kb', RSS: 'rss_kb', '%MEM': 'mem_pct',
  'minflt-nr': 'minflt_count', 'majflt-nr': 'majflt_count', StkSize: 'stack_size_kb', StkRef: 'stack_ref_kb',
  'kB_rd/s': 'kb_rd_per_s', 'kB_wr/s': 'kb_wr_per_s', 'kB_ccwr/s': 'kb_ccwr_per_s', iodelay: 'iodelay_ticks',
  'cswch/s': 'cswch_per_s', 'nvcswch/s': 'nvcswch_per_s', threads: 'threads', 'fd-nr': 'fd_count', prio: 'prio', policy: 'policy',
  // `-o JSON` keys that differ from the text header names
  usr: 'usr_pct', system: 'system_pct', guest: 'guest_pct', wait: 'wait_pct', cpu: 'cpu_pct', cpu_nr: 'cpu', MEM: 'mem_pct',
};
/** Kinds by field, where not `number`; the first column of an id kind (uid, user, pid, tid) ends a header's prefix. */
const KINDS: Record<string, ColumnKind> = { uid: 'uid', user: 'user', pid: 'pid', tid: 'tid', policy: 'string' };
const ID_KINDS: readonly ColumnKind[] = ['uid', 'user', 'pid', 'tid'];

/**
 * The spec of a header column; unknown names are kept (kind 'unknown') so their values land in `extra`.
 *
 * @example
 * columnSpec('%CPU') // { name: '%CPU', kind: 'number', field: 'cpu_pct', unit: 'plain' }
 * columnSpec('RSS').unit // 'kb'
 * columnSpec('cpu').field // 'cpu_pct' (a -o JSON key)
 * columnSpec('%steal').kind // 'unknown'
 */
export function columnSpec(name: string): ColumnSpec {
  const field = Object.hasOwn(FIELDS, name) ? FIELDS[name] : undefined;
  if (field === undefined) return { name, kind: 'unknown', field: name, unit: 'plain' };
  return { name, kind: KINDS[field] ?? 'number', field, unit: /(^|_)kb(_|$)/.test(field) ? 'kb' : 'plain' };
}

/** A header line split into its prefix (time, `# Time` or average label) and its columns. */
export interface HeaderLine {
  /** number of tokens before the first column */
  prefixLength: number;
  /** the columns between the prefix and `Command` */
  columns: ColumnSpec[];
  /** index in `columns` of the first PID/TGID column, and of the TID column (-1 without one) */
  pidIndex: number;
  tidIndex: number;
}

/**
 * Reads `tokens` as a pidstat header line (`12:53:20  UID  PID  %usr ... Command`): its last token is
 * `Command` and it names PID or TGID; the first ID column (UID, USER, PID, TGID, TID) ends the prefix. Null
 * when the line is not a header.
 *
 * @example
 * readHeaderLine(['#', 'Time', 'UID', 'PID', '%CPU', 'Command']).prefixLength // 2
 * readHeaderLine(['12:53:20', '0', '8407', 'bash']) // null
 */
export function readHeaderLine(tokens: readonly string[]): HeaderLine | null {
  const n = tokens.length;
  if (n < 3 || tokens[n - 1] !== 'Command') return null;
  const first = tokens.findIndex((t, i) => i < n - 1 && ID_KINDS.includes(columnSpec(t).kind));
  if (first < 0) return null;
  const columns = tokens.slice(first, n - 1).map((t) => columnSpec(t));
  const kinds = columns.map((c) => c.kind);
  if (!kinds.includes('pid')) return null;
  return { prefixLength: first, columns, pidIndex: kinds.indexOf('pid'), tidIndex: kinds.lastIndexOf('tid') };
}

/**
 * A sample's record: every contract metric present (null until a column fills it), in one stable shape; the
 * time fields are set when its sample time is complete. (One object literal: it is made for every row.)
 *
 * @example
 * newSample(9073, undefined, 'nginx', undefined).cpu_pct // null
 */
export function newSample(pid: number, tid: number | undefined, command: string, leader: string | undefined): Record<string, unknown> {
  return {
    time: '', date: null, epoch_s: null, elapsed_s: 0, pid, tid, command, leader, uid: undefined,
    usr_pct: null, system_pct: null, guest_pct: null, wait_pct: null, cpu_pct: null, cpu: null, minflt_per_s: null,
    majflt_per_s: null, vsz_kb: null, rss_kb: null, mem_pct: null, cswch_per_s: null, nvcswch_per_s: null,
  };
}
