/**
 * The byte-level fast path for pidstat data rows: the same single scan as pidstat-row-reader.ts, but over the
 * raw UTF-8 bytes of the input, so a large file is never decoded to strings: numbers are accumulated from
 * digit bytes, ids likewise, and the Command is turned into a string through a cache (pidstat-byte-text.ts;
 * a -h file repeats the same few commands millions of times).
 *
 * One function is generated per header (column set): it reads the columns in order — each run of number
 * columns with one call of the shared scanner nums() (a -h row has 17 in a row; shared, so it is compiled once
 * and warm after a few rows), ids and words likewise — copies the values into local variables, reads the
 * Command, and only once the whole row has been read and checked stores the values into the record the parser
 * hands back (a recycled record of this header, or one merged from another block) or into a new record literal
 * of the header's shape. A null is carried as NaN until the store, so numbers go into the record unboxed.
 *
 * Every scanning loop stops at a `\n` byte (and reads no byte after one), so the scan needs no bounds checks:
 * the caller guarantees a `\n` at or after the row start. The parser reads each chunk in place up to its last
 * newline; `end` says where real rows end, for callers that keep a sentinel `\n` after their data.
 *
 * It reads the usual forms of what the general path reads (numbers with at most 15 digits and 2 decimals, `.`
 * or `,` as decimal separator, `-` and -1/-1.0/-1.00 as null, plain words) and gives the same values (tests
 * compare both paths on every fixture); anything else — a value it cannot read,
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

/** Where the last word read by word() ended. */
const CURSOR = new Int32Array(1);

/** The values nums() just read, in column order from 0. */
const VALUES = new Float64Array(256);

/**
 * `count` number columns from `i` (blanks before each), into VALUES[0..count). Reads digits with an optional
 * 1-2 digit fraction after `.` or `,` (at most 15 digits in all), and `-`, -1, -1.0, -1.00 (pidstat's "not
 * readable"), which are null (NaN). Returns the index after the last value, or -1 for anything else (the
 * general path reads the rarer forms, e.g. `-01`, or reports the error). No bounds checks: every loop stops at
 * a `\n` (or `undefined` past the end), and no byte after a `\n` is read. One call reads a whole run of
 * columns (a -h row has 17 in a row).
 */
function nums(b: Uint8Array, i: number, count: number): number {
  const out = VALUES;
  let c = b[i];
  for (let j = 0; j < count; j++) {
    while (c === 32) c = b[++i];
    if (c <= 57 && c >= 48) {
      // the usual: digits, maybe a fraction
      const ds = i;
      let m = c - 48;
      c = b[++i];
      while (c <= 57 && c >= 48) {
        m = m * 10 + (c - 48);
        c = b[++i];
      }
      let x = m;
      let point = 0;
      if (c === 46 || c === 44) {
        const d1 = b[i + 1];
        if (!(d1 <= 57 && d1 >= 48)) return -1;
        const d2 = b[i + 2]; // d1 is a digit: not past the `\n`
        if (d2 <= 57 && d2 >= 48) {
          x = (m * 100 + (d1 * 10 + d2 - 528)) / 100;
          i += 3;
        } else {
          x = (m * 10 + (d1 - 48)) / 10;
          i += 2;
        }
        c = b[i];
        point = 1;
      }
      if (c !== 32 && c !== 9) return -1; // a `\n` or `\r` here: the row has no Command
      if (i - ds - point > 15) return -1; // more than 15 digits
      out[j] = x;
      continue;
    }
    if (c === 9) {
      // a tab between columns (pidstat pads with spaces): skip it, same column
      c = b[++i];
      j--;
      continue;
    }
    // `-`, -1, -1.0, -1.00: null
    if (c !== 45) return -1;
    c = b[++i];
    if (c === 49) {
      c = b[++i];
      if (c === 46 || c === 44) {
        if (b[i + 1] !== 48) return -1;
        i += b[i + 2] === 48 ? 3 : 2;
        c = b[i];
      }
    }
    if (c !== 32 && c !== 9) return -1;
    out[j] = NaN;
  }
  return i;
}

/** The id column (PID, TGID, TID) at `i`: digits, or DASH for `-`, into VALUES[0]; returns the index after it, or -1. */
function id(b: Uint8Array, i: number): number {
  let c = b[i];
  while (c === 32 || c === 9) c = b[++i];
  if (c === 45) {
    c = b[++i];
    VALUES[0] = DASH;
  } else {
    const ds = i;
    let m = 0;
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = b[++i];
    }
    if (i === ds || i - ds > 15) return -1;
    VALUES[0] = m;
  }
  if (c !== 32 && c !== 9) return -1;
  return i;
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
  /** the number columns of the run being generated (read by one nums() call) */
  let run: string[] = [];
  const endRun = () => {
    if (run.length === 0) return;
    body.push(`i = nums(b, i, ${run.length}); if (i < 0) return -1;`, run.map((v, k) => `${v} = VALUES[${k}];`).join(' '));
    run = [];
  };
  let uidCheck = '';
  columns.forEach((col, j) => {
    const v = `v${j}`;
    locals.push(v);
    if (col.kind === 'user' || col.kind === 'string' || col.kind === 'unknown') {
      endRun();
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
      endRun();
      body.push(`i = id(b, i); if (i < 0) return -1; ${v} = VALUES[0];`);
      if (col.kind === 'pid' && pidVar === 'DASH') pidVar = v;
      if (col.kind === 'tid') tidVar = v;
    } else {
      if (run.length === VALUES.length) endRun(); // a longer run than VALUES holds: read in parts
      run.push(v);
      const field = JSON.stringify(col.kind === 'uid' ? 'uid' : col.field);
      // a UID must be an int32 (a fractional or huge one: the general path reports or reads it)
      if (col.kind === 'uid') uidCheck += `if (${v} === ${v} && (${v} | 0) !== ${v}) return -1;\n`;
      // NaN is null; a number is stored on its own branch, so it goes into the field unboxed
      stores.push(`if (${v} === ${v}) rec[${field}] = ${v}; else rec[${field}] = null;`);
      literal.set(col.kind === 'uid' ? 'uid' : col.field, `${v} === ${v} ? ${v} : null`);
    }
  });
  endRun();
  if (uidCheck !== '') body.push(uidCheck);
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
  // a line ending with the word Command may be a header (e.g. a row and the next header joined, its newline
  // lost): the general path decides, as the text fast path does
  let t = e;
  while (b[t - 1] === 32 || b[t - 1] === 9) t--;
  if (b[t - 1] === 100 && t - s >= 7 && b[t - 7] === 67 && b[t - 6] === 111 && b[t - 5] === 109 && b[t - 4] === 109 && b[t - 3] === 97 && b[t - 2] === 110) return -1;
  const command = text.decode(b, s, e, h);
  const rec = sink.record(${pidVar}, ${tidVar}, command);
  if (rec === null) sink.adopt(create(sink, ${locals.join(', ')}));
  else {
    ${stores.join('\n    ')}
  }
  return nl;
};`;
  // a new record: its own function, so that the reader (hot on every row) stays small to compile
  const create = new Function('sink', ...locals, `return { ${props.join(', ')} };`);
  return new Function('CURSOR', 'VALUES', 'nums', 'id', 'word', 'create', source)(CURSOR, VALUES, nums, id, word, create) as ByteRowReader;
}
