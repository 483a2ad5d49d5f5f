/**
 * The single-pass fast path for pidstat data rows: one compiled function per header reads every column of a
 * row in one left-to-right scan of its characters (skip blanks, accumulate digits), with no tokenizing pass,
 * no substrings for numbers and no per-value dispatch. It only handles the common shapes (numbers with at most
 * 15 digits and 2 decimals, `.` or `,` as decimal separator, `-`, plain words); anything else — a value it
 * cannot read, a truncated row — makes it return false *before touching any state*, and the parser re-reads
 * the line on its general path, which reads the rarer forms or reports the precise error.
 *
 * The generated source contains only field names from the fixed column table (pidstat-columns.ts) and
 * JSON-quoted header names; never row text.
 */
import type { ColumnSpec } from './pidstat-columns.ts';

/** `-` in an id column (a thread row's TGID, a process row's TID). */
export const DASH = -1;

/** What the compiled reader needs from the parser once a row's values are all read. */
export interface RowSink {
  /**
   * The record the row fills (created or merged by identity). `pid`/`tid` are numbers or DASH; `tid` is
   * undefined when the header has no TID column; the Command text is line.slice(commandStart, commandEnd).
   */
  record(line: string, pid: number, tid: number | undefined, commandStart: number, commandEnd: number): Record<string, unknown>;
}

/**
 * Reads the row `line.slice(?, end)` (a line, or a line inside a larger chunk) whose columns start after
 * index `from`; false when it must take the general path.
 */
export type RowReader = (line: string, from: number, end: number, sink: RowSink) => boolean;

const POW10 = [1, 10, 100];

/**
 * A fast reader for rows under a header with `columns` (the columns between the time and Command).
 *
 * @example
 * const read = compileRowReader([columnSpec('UID'), columnSpec('PID'), columnSpec('%CPU')]);
 * let rec = {};
 * const row = '12:00:00  0  42  3,50  bash';
 * read(row, 8, row.length, { record: (line, pid, tid, at, end) => (rec = { pid, command: line.slice(at, end) }) }); // true
 * rec // { pid: 42, command: 'bash', uid: 0, cpu_pct: 3.5 }
 */
export function compileRowReader(columns: readonly ColumnSpec[]): RowReader {
  const body: string[] = ['let i = from;'];
  const stores: string[] = [];
  let pidVar = 'DASH';
  let tidVar = 'undefined';
  columns.forEach((col, j) => {
    const v = `v${j}`;
    if (col.kind === 'user' || col.kind === 'string' || col.kind === 'unknown') {
      body.push(`const ${v} = wordAt(line, i, end); if (${v} === undefined) return false; i = CURSOR[0];`);
      if (col.kind === 'unknown') stores.push(`(rec.extra ?? (rec.extra = {}))[${JSON.stringify(col.name)}] = ${v};`);
      else stores.push(`rec[${JSON.stringify(col.field)}] = ${v};`);
    } else if (col.kind === 'pid' || col.kind === 'tid') {
      body.push(`const ${v} = idAt(line, i, end); if (${v} === -2) return false; i = CURSOR[0];`);
      if (col.kind === 'pid' && pidVar === 'DASH') pidVar = v;
      if (col.kind === 'tid') tidVar = v;
    } else {
      body.push(`const ${v} = numAt(line, i, end); if (${v} === undefined) return false; i = CURSOR[0];`);
      if (col.kind === 'uid') body.push(`if (${v} !== null && !Number.isInteger(${v})) return false;`);
      stores.push(`rec[${JSON.stringify(col.kind === 'uid' ? 'uid' : col.field)}] = ${v};`);
    }
  });
  body.push('i = skip(line, i, end); if (i >= end) return false;'); // no Command: truncated
  body.push(`const rec = sink.record(line, ${pidVar}, ${tidVar}, i, end);`);
  body.push(...stores);
  body.push('return true;');
  const factory = new Function(
    'DASH',
    'CURSOR',
    'skip',
    'numAt',
    'idAt',
    'wordAt',
    `return function readPidstatRow(line, from, end, sink) {\n${body.join('\n')}\n};`,
  );
  return factory(DASH, CURSOR, skip, numAt, idAt, wordAt) as RowReader;
}

/** Where the last numAt/idAt/wordAt call stopped: returning it this way keeps the readers allocation-free. */
const CURSOR = new Int32Array(1);

/** Index of the first non-blank at or after `i`. */
function skip(line: string, i: number, end: number): number {
  let c = line.charCodeAt(i);
  while (i < end && (c === 32 || c === 9)) c = line.charCodeAt(++i);
  return i;
}

/**
 * The number token after `i` (blanks skipped): digits[(.|,)1-2 digits], `-`, or -1 (null, like `-`); any other
 * negative value is undefined.
 * undefined when the token has another shape (the general path reads or rejects it). Sets CURSOR[0].
 */
function numAt(line: string, i: number, end: number): number | null | undefined {
  i = skip(line, i, end);
  if (i >= end) return undefined;
  const s = i;
  let c = line.charCodeAt(i);
  let negative = false;
  if (c === 45) {
    negative = true;
    c = line.charCodeAt(++i);
  }
  let m = 0;
  let d = 0;
  let f = -1;
  for (;;) {
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      d++;
      if (f >= 0) f++;
    } else if ((c === 46 || c === 44) && f < 0) {
      f = 0;
    } else {
      break;
    }
    c = line.charCodeAt(++i);
  }
  if (i < end && c !== 32 && c !== 9) return undefined;
  CURSOR[0] = i;
  if (d === 0) return negative && i - s === 1 ? null : undefined;
  if (d > 15 || f === 0 || f > 2) return undefined;
  const v = f > 0 ? m / POW10[f] : m;
  if (negative) return v === 1 ? null : undefined; // only -1 is negative: the general path reports the rest
  return v;
}

/** An id token after `i`: digits, or `-` (DASH); -2 for anything else. Sets CURSOR[0]. */
function idAt(line: string, i: number, end: number): number {
  i = skip(line, i, end);
  if (i >= end) return -2;
  let c = line.charCodeAt(i);
  if (c === 45) {
    c = line.charCodeAt(++i);
    CURSOR[0] = i;
    return i >= end || c === 32 || c === 9 ? DASH : -2;
  }
  let v = 0;
  let d = 0;
  while (c >= 48 && c <= 57) {
    v = v * 10 + (c - 48);
    d++;
    c = line.charCodeAt(++i);
  }
  if (d === 0 || d > 15 || (i < end && c !== 32 && c !== 9)) return -2;
  CURSOR[0] = i;
  return v;
}

/** The word after `i` (blanks skipped), or undefined at the end of the line. Sets CURSOR[0]. */
function wordAt(line: string, i: number, end: number): string | undefined {
  i = skip(line, i, end);
  if (i >= end) return undefined;
  const s = i;
  let c = line.charCodeAt(i);
  while (i < end && c !== 32 && c !== 9) c = line.charCodeAt(++i);
  CURSOR[0] = i;
  return line.slice(s, i);
}
