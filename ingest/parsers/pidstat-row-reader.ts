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
  const lines: string[] = ['const n = end;', 'let i = from;', 'let c = 0, s = 0, m = 0, d = 0, f = 0, neg = false;'];
  const stores: string[] = [];
  let pidVar = 'DASH';
  let tidVar = 'undefined';
  columns.forEach((col, j) => {
    const v = `v${j}`;
    lines.push(`c = line.charCodeAt(i); while (c === 32 || c === 9) c = line.charCodeAt(++i);`);
    lines.push('if (i >= n) return false;');
    if (col.kind === 'user' || col.kind === 'string' || col.kind === 'unknown') {
      lines.push(`s = i; while (i < n && c !== 32 && c !== 9) c = line.charCodeAt(++i);`);
      lines.push(`const ${v} = line.slice(s, i);`);
      if (col.kind === 'unknown') stores.push(`(rec.extra ?? (rec.extra = {}))[${JSON.stringify(col.name)}] = ${v};`);
      else stores.push(`rec[${JSON.stringify(col.field)}] = ${v};`);
      return;
    }
    // a number: [-]digits[(.|,)digits]; `-` alone is a dash; -1 (pidstat's "not readable") is null
    lines.push('s = i; neg = false; m = 0; d = 0; f = -1;');
    lines.push('if (c === 45) { neg = true; c = line.charCodeAt(++i); }');
    lines.push('for (;;) {');
    lines.push('  if (c >= 48 && c <= 57) { m = m * 10 + (c - 48); d++; if (f >= 0) f++; }');
    lines.push('  else if ((c === 46 || c === 44) && f < 0) f = 0;');
    lines.push('  else break;');
    lines.push('  c = line.charCodeAt(++i);');
    lines.push('}');
    lines.push('if (!(c === 32 || c === 9 || i >= n)) return false;');
    if (col.kind === 'pid' || col.kind === 'tid') {
      lines.push(`let ${v};`);
      lines.push(`if (d === 0) { if (!neg) return false; ${v} = DASH; }`);
      lines.push(`else { if (neg || f !== -1 || d > 15) return false; ${v} = m; }`);
      if (col.kind === 'pid' && pidVar === 'DASH') pidVar = v;
      if (col.kind === 'tid') tidVar = v;
      return;
    }
    lines.push(`let ${v};`);
    lines.push(`if (d === 0) { if (!neg || i - s !== 1) return false; ${v} = null; }`);
    lines.push(`else { if (d > 15 || f === 0 || f > 2) return false; ${v} = f > 0 ? m / POW10[f] : m; if (neg) ${v} = -${v}; if (${v} === -1) ${v} = null; }`);
    if (col.kind === 'uid') lines.push(`if (${v} !== null && f > 0) return false;`);
    stores.push(`rec[${JSON.stringify(col.kind === 'uid' ? 'uid' : col.field)}] = ${v};`);
  });
  lines.push('c = line.charCodeAt(i); while (c === 32 || c === 9) c = line.charCodeAt(++i);');
  lines.push('if (i >= n) return false;'); // no Command: truncated
  lines.push(`const rec = sink.record(line, ${pidVar}, ${tidVar}, i, n);`);
  lines.push(...stores);
  lines.push('return true;');
  const factory = new Function(
    'DASH',
    'POW10',
    `return function readPidstatRow(line, from, end, sink) {\n${lines.join('\n')}\n};`,
  );
  return factory(DASH, POW10) as RowReader;
}
