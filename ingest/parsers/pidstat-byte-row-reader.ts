/**
 * The byte-level fast path for pidstat data rows: the same single scan as pidstat-row-reader.ts, but over the
 * raw UTF-8 bytes of the input, so a large file is never decoded to strings: numbers are accumulated from
 * digit bytes, ids likewise, and the Command is turned into a string through a cache (pidstat-byte-text.ts;
 * a -h file repeats the same few commands millions of times).
 *
 * One function is generated per header (column set): the columns are unrolled in order, each value is read
 * into a local variable, and only once the whole row has been read and checked are the values stored into the
 * record the parser hands back (or into a new record literal of the header's shape). Every scanning loop stops
 * at a `\n` byte, so the scan needs no bounds checks: the caller guarantees a `\n` at or after the row
 * start (the parser keeps one after the end of its buffered data, and checks whether the one the row ended on
 * is real).
 *
 * It reads exactly what the string reader reads (numbers with at most 15 digits and 2 decimals, `.` or `,`
 * as decimal separator, `-`, plain words) and gives the same values; anything else — a value it cannot read,
 * a truncated row — makes it return -1 *before touching any state* (the sink is not called), and the parser
 * hands the line to its general path, which reads the rarer forms or reports the precise error.
 *
 * The generated source contains only field names from the fixed column table (pidstat-columns.ts) and
 * JSON-quoted header names; never row text.
 */
import type { ByteTextCache } from './pidstat-byte-text.ts';
import type { ColumnSpec } from './pidstat-columns.ts';
import { DASH } from './pidstat-row-reader.ts';

/** What the compiled reader needs from the parser once a row's values are all read. */
export interface ByteRowSink {
  /**
   * The record the row's values go into: an existing one (a block merged into a sample, or a recycled record of
   * this header, its ids and command already set), or null when a new one must be made; then `pid`, `tid`,
   * `command` and `leader` below say what it holds, and the reader makes it and hands it to adopt(). `pid`/`tid`
   * are numbers or DASH; `tid` is undefined when the header has no TID column; `command` is the Command text
   * as printed (up to the line end, a final `\r` removed, trailing blanks kept).
   */
  record(pid: number, tid: number | undefined, command: string): Record<string, unknown> | null;
  /** Takes the record the reader made after record() returned null. */
  adopt(rec: Record<string, unknown>): void;
  pid: number;
  tid: number | undefined;
  command: string;
  leader: string | undefined;
}

/**
 * The fields of every sample record, in order, with their value before any column fills them: the contract
 * metrics are always present (null when no column carries them). Fields of other columns follow, in column
 * order. The parser's general path builds the same shape (newSample in pidstat.ts).
 */
export const SAMPLE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['time', "''"],
  ['date', 'null'],
  ['epoch_s', 'null'],
  ['elapsed_s', '0'],
  ['pid', 'sink.pid'],
  ['tid', 'sink.tid'],
  ['command', 'sink.command'],
  ['leader', 'sink.leader'],
  ['uid', 'undefined'],
  ['usr_pct', 'null'],
  ['system_pct', 'null'],
  ['guest_pct', 'null'],
  ['wait_pct', 'null'],
  ['cpu_pct', 'null'],
  ['cpu', 'null'],
  ['minflt_per_s', 'null'],
  ['majflt_per_s', 'null'],
  ['vsz_kb', 'null'],
  ['rss_kb', 'null'],
  ['mem_pct', 'null'],
  ['cswch_per_s', 'null'],
  ['nvcswch_per_s', 'null'],
];

/**
 * Reads the row in `bytes` whose columns start at or after index `from`, up to its `\n`. There must be a `\n` at
 * or after `from`; a `\n` at or after `end` ends no row (the parser's sentinel after its buffered data).
 * Returns the index of the row's `\n`, or -1 when the row must take the general path or may go on past `end`
 * (the sink was not called then).
 */
export type ByteRowReader = (bytes: Uint8Array, from: number, end: number, sink: ByteRowSink, text: ByteTextCache) => number;

/** Where the last value read by num/id/word ended. */
const CURSOR = new Int32Array(1);

/**
 * The number column at `i` (blanks first): [-]digits[(.|,)1-2 digits], at most 15 digits; `-` and -1 (pidstat's
 * "not readable") are null; undefined for anything this path does not read. Sets CURSOR[0] after the value.
 * No bounds checks: every loop stops at a `\n` (or `undefined` past the end).
 */
function num(b: Uint8Array, i: number): number | null | undefined {
  let c = b[i];
  while (c === 32 || c === 9) c = b[++i];
  const s = i;
  const neg = c === 45;
  if (neg) c = b[++i];
  let m = 0;
  let ds = i;
  while (c >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    c = b[++i];
  }
  let d = i - ds;
  let x = m;
  if (c === 46 || c === 44) {
    c = b[++i];
    ds = i;
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = b[++i];
    }
    const f = i - ds;
    if (f === 0 || f > 2) return undefined;
    d += f;
    x = f === 1 ? m / 10 : m / 100;
  }
  if (c !== 32 && c !== 9) return undefined; // a `\n` or `\r` here: the row has no Command
  CURSOR[0] = i;
  if (d === 0) return neg && i - s === 1 ? null : undefined;
  if (d > 15) return undefined;
  if (neg) return x === 1 ? null : undefined; // no pidstat column is negative: the general path reports it
  return x;
}

/** The id column (PID, TGID, TID) at `i`: digits, DASH for `-`, or -2 for anything else. Sets CURSOR[0]. */
function id(b: Uint8Array, i: number): number {
  let c = b[i];
  while (c === 32 || c === 9) c = b[++i];
  let v: number;
  if (c === 45) {
    c = b[++i];
    v = DASH;
  } else {
    const ds = i;
    let m = 0;
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = b[++i];
    }
    if (i === ds || i - ds > 15) return -2;
    v = m;
  }
  if (c !== 32 && c !== 9) return -2;
  CURSOR[0] = i;
  return v;
}

/** The word column at `i` (USER, policy, unknown columns) as a string, or undefined. Sets CURSOR[0]. */
function word(b: Uint8Array, i: number, text: ByteTextCache): string | undefined {
  let c = b[i];
  while (c === 32 || c === 9) c = b[++i];
  const s = i;
  let h = 0;
  // up to a blank, `\r` or `\n` (`undefined` past the end stops the loop too)
  while (c > 32 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) {
    h = (Math.imul(h, 31) + c) | 0;
    c = b[++i];
  }
  if (i === s || (c !== 32 && c !== 9)) return undefined;
  CURSOR[0] = i;
  return text.decode(b, s, i, h);
}

/**
 * A byte reader for rows under a header with `columns` (the columns between the time and Command).
 *
 * @example
 * const read = compileByteRowReader([columnSpec('UID'), columnSpec('PID'), columnSpec('%CPU')]);
 * const row = new TextEncoder().encode('12:00:00  0  42  3,50  bash\n');
 * let rec = {};
 * const sink = { pid: 0, tid: undefined, command: '', leader: undefined,
 *   record: (pid, tid, command) => { sink.pid = pid; sink.command = command; return null; },
 *   adopt: (r) => (rec = r) };
 * read(row, 8, row.length, sink, createByteTextCache()); // 27
 * rec.pid // 42
 * rec.cpu_pct // 3.5
 * rec.usr_pct // null
 */
export function compileByteRowReader(columns: readonly ColumnSpec[]): ByteRowReader {
  const body: string[] = [];
  const stores: string[] = [];
  /** field -> value expression, for the record literal of a new record */
  const literal = new Map<string, string>(SAMPLE_FIELDS);
  const extra: string[] = [];
  const locals: string[] = [];
  let pidVar = 'DASH';
  let tidVar = 'undefined';
  columns.forEach((col, j) => {
    const v = `v${j}`;
    locals.push(v);
    if (col.kind === 'user' || col.kind === 'string' || col.kind === 'unknown') {
      body.push(`${v} = word(b, i, text); if (${v} === undefined) return -1; i = CURSOR[0];`);
      if (col.kind === 'unknown') {
        stores.push(`(rec.extra ?? (rec.extra = {}))[${JSON.stringify(col.name)}] = ${v};`);
        if (extra.length === 0) literal.set('extra', ''); // where the general path adds it: at the first one
        extra.push(`${JSON.stringify(col.name)}: ${v}`);
      } else {
        stores.push(`rec[${JSON.stringify(col.field)}] = ${v};`);
        literal.set(col.field, v);
      }
    } else if (col.kind === 'pid' || col.kind === 'tid') {
      body.push(`${v} = id(b, i); if (${v} === -2) return -1; i = CURSOR[0];`);
      if (col.kind === 'pid' && pidVar === 'DASH') pidVar = v;
      if (col.kind === 'tid') tidVar = v;
    } else {
      const field = col.kind === 'uid' ? 'uid' : col.field;
      // a UID must be an int32 (a fractional or huge one: the general path reports or reads it)
      const bad = col.kind === 'uid' ? `${v} === undefined || (${v} !== null && (${v} | 0) !== ${v})` : `${v} === undefined`;
      body.push(`${v} = num(b, i); if (${bad}) return -1; i = CURSOR[0];`);
      stores.push(`rec[${JSON.stringify(field)}] = ${v};`);
      literal.set(field, v);
    }
  });
  if (extra.length > 0) literal.set('extra', `{ ${extra.join(', ')} }`);
  const props = [...literal].map(([field, value]) => `${JSON.stringify(field)}: ${value}`);
  const source = `return function readPidstatByteRow(b, i, end, sink, text) {
  ${locals.length > 0 ? `let ${locals.join(', ')};` : ''}
  ${body.join('\n  ')}
  // Command: the rest of the line
  let c = b[i];
  while (c === 32 || c === 9) c = b[++i];
  const s = i;
  let h = 0;
  while (c > 10 || c < 10) { h = (Math.imul(h, 31) + c) | 0; c = b[++i]; }
  if (c !== 10 || i >= end) return -1; // no newline before end: the row may go on in the next chunk
  const nl = i;
  let e = nl;
  if (b[e - 1] === 13) e--;
  if (e <= s) return -1;
  const command = text.decode(b, s, e, h);
  if (command === 'Command') return -1; // maybe a header: the general path decides
  let rec = sink.record(${pidVar}, ${tidVar}, command);
  if (rec === null) {
    rec = { ${props.join(', ')} };
    sink.adopt(rec);
  } else {
    ${stores.join('\n    ')}
  }
  return nl;
};`;
  return new Function('CURSOR', 'num', 'id', 'word', source)(CURSOR, num, id, word) as ByteRowReader;
}
