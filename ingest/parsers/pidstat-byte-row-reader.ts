/**
 * The byte-level fast path for pidstat data rows: the same single scan as pidstat-row-reader.ts, but over the
 * raw UTF-8 bytes of the input (a Uint8Array chunk), so a large file is never decoded to strings: numbers are
 * accumulated from digit bytes, ids likewise, and the Command is turned into a string through a cache
 * (pidstat-byte-text.ts; a -h file repeats the same few commands millions of times).
 *
 * It reads exactly what the string reader reads (numbers with at most 15 digits and 2 decimals, `.` or `,`
 * as decimal separator, `-`, plain words) and gives the same values; anything else — a value it cannot read,
 * a truncated row, a row whose newline is not in this chunk — makes it return -1 *before touching any state*,
 * and the parser hands the line to its general path, which reads the rarer forms or reports the precise error.
 *
 * The generated source contains only field names from the fixed column table (pidstat-columns.ts) and
 * JSON-quoted header names; never row text.
 */
import type { ByteTextCache } from './pidstat-byte-text.ts';
import type { ColumnSpec } from './pidstat-columns.ts';
import { DASH } from './pidstat-row-reader.ts';

/** The values of the row just read, to put into a record. */
export interface ByteRowValues {
  /** A new sample record holding the row's values, in the parser's sample shape (SAMPLE_FIELDS first). */
  create(pid: number, tid: number | undefined, command: string, leader: string | undefined): Record<string, unknown>;
  /** Stores the row's values into an existing record (a block merged into a sample). */
  fill(rec: Record<string, unknown>): void;
  /**
   * Turns `rec`, a record create() made for an earlier row, into this row's record (ids, command and every
   * column overwritten; the time fields are the parser's) and returns it.
   */
  reuse(rec: Record<string, unknown>, pid: number, tid: number | undefined, command: string, leader: string | undefined): Record<string, unknown>;
  /** Records of this header free for reuse (the parser's reuseSamples mode). */
  pool: Array<Record<string, unknown>>;
}

/** What the compiled reader needs from the parser once a row's values are all read. */
export interface ByteRowSink {
  /**
   * Creates or merges (by identity) the record of the row. `pid`/`tid` are numbers or DASH; `tid` is
   * undefined when the header has no TID column; `command` is the Command text as printed (up to the line
   * end, a final `\r` removed, trailing blanks kept).
   */
  record(pid: number, tid: number | undefined, command: string, values: ByteRowValues): void;
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
  ['pid', 'pid'],
  ['tid', 'tid'],
  ['command', 'command'],
  ['leader', 'leader'],
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
 * Reads the row in `bytes` whose columns start at or after index `from`, up to its `\n`. Returns the index of
 * that `\n`, or -1 when the row must take the general path (nothing was changed then).
 */
export type ByteRowReader = (bytes: Uint8Array, from: number, sink: ByteRowSink, text: ByteTextCache) => number;

const POW10 = [1, 10, 100];

// How scanRow reads each column.
const NUMBER = 0;
const UID = 1;
const PID = 2;
const TID = 3;
const WORD = 4;

/**
 * A byte reader for rows under a header with `columns` (the columns between the time and Command). The scan
 * itself is one small function shared by every header (scanRow: quick for V8 to optimise, warm after a few
 * rows); per header only the stores into the record are generated.
 *
 * @example
 * const read = compileByteRowReader([columnSpec('UID'), columnSpec('PID'), columnSpec('%CPU')]);
 * const row = new TextEncoder().encode('12:00:00  0  42  3,50  bash\n');
 * let rec = {};
 * read(row, 8, { record: (pid, tid, command, values) => (rec = values.create(pid, tid, command, undefined)) }, createByteTextCache()); // 27
 * rec.pid // 42
 * rec.cpu_pct // 3.5
 * rec.usr_pct // null
 */
export function compileByteRowReader(columns: readonly ColumnSpec[]): ByteRowReader {
  const nc = columns.length;
  const kinds = new Uint8Array(nc);
  const values = new Float64Array(nc);
  const ints = new Int32Array(nc);
  const nulls = new Uint8Array(nc);
  const words: string[] = new Array<string>(nc).fill('');
  const stores: string[] = [];
  /** field -> value expression, for the record literal of create() */
  const literal = new Map<string, string>(SAMPLE_FIELDS);
  const extra: string[] = [];
  let pidIndex = -1;
  let tidIndex = -1;
  columns.forEach((col, j) => {
    if (col.kind === 'user' || col.kind === 'string' || col.kind === 'unknown') {
      kinds[j] = WORD;
      if (col.kind === 'unknown') {
        stores.push(`(rec.extra ?? (rec.extra = {}))[${JSON.stringify(col.name)}] = W[${j}];`);
        if (extra.length === 0) literal.set('extra', 'EXTRA');
        extra.push(`${JSON.stringify(col.name)}: W[${j}]`);
      } else {
        stores.push(`rec[${JSON.stringify(col.field)}] = W[${j}];`);
        literal.set(col.field, `W[${j}]`);
      }
    } else if (col.kind === 'pid' || col.kind === 'tid') {
      kinds[j] = col.kind === 'pid' ? PID : TID;
      if (col.kind === 'pid' && pidIndex < 0) pidIndex = j;
      if (col.kind === 'tid') tidIndex = j;
    } else {
      kinds[j] = col.kind === 'uid' ? UID : NUMBER;
      const field = col.kind === 'uid' ? 'uid' : col.field;
      // integral values come from an Int32Array: small integers, stored without a heap-allocated number
      const value = `N[${j}] === 0 ? V[${j}] : N[${j}] === 2 ? I[${j}] : null`;
      stores.push(`rec[${JSON.stringify(field)}] = ${value};`);
      literal.set(field, value);
    }
  });
  const props = [...literal].map(([field, value]) =>
    `${JSON.stringify(field)}: ${value === 'EXTRA' ? `{ ${extra.join(', ')} }` : value}`,
  );
  const factory = new Function(
    'V',
    'I',
    'N',
    'W',
    `return {
  create(pid, tid, command, leader) {
    return { ${props.join(', ')} };
  },
  fill(rec) {
    ${stores.join('\n    ')}
  },
  reuse(rec, pid, tid, command, leader) {
    rec.pid = pid;
    rec.tid = tid;
    rec.command = command;
    rec.leader = leader;
    ${stores.join('\n    ')}
    return rec;
  },
  pool: [],
};`,
  );
  const row = factory(values, ints, nulls, words) as ByteRowValues;
  return function readPidstatByteRow(bytes, from, sink, text) {
    const i = scanRow(bytes, from, kinds, values, ints, nulls, words, text);
    if (i < 0) return -1;
    const nl = commandAt(bytes, i, text);
    if (nl < 0) return -1;
    const pid = pidIndex < 0 ? DASH : small(values[pidIndex]);
    const tid = tidIndex < 0 ? undefined : small(values[tidIndex]);
    sink.record(pid, tid, COMMAND[0], row);
    return nl;
  };
}

/** An id as a small integer when it is one (stored without a heap-allocated number). */
function small(x: number): number {
  return x >= -2147483648 && x <= 2147483647 ? x | 0 : x;
}

/**
 * Reads the columns of a row from `i`: numbers into ints[j] when int32 (nulls[j] = 2), else values[j]
 * (nulls[j] = 0); nulls[j] = 1 for `-`, -1, -1.00; ids into values[j] (DASH for `-`); words into words[j]. Returns the index after the last column, or -1 when a value
 * is not in a form this path reads (or the row is cut by the end of the chunk).
 */
function scanRow(
  b: Uint8Array,
  i: number,
  kinds: Uint8Array,
  values: Float64Array,
  ints: Int32Array,
  nulls: Uint8Array,
  words: string[],
  text: ByteTextCache,
): number {
  const n = b.length;
  const nc = kinds.length;
  for (let j = 0; j < nc; j++) {
    let c = 0;
    while (i < n) {
      c = b[i];
      if (c !== 32 && c !== 9) break;
      i++;
    }
    if (i >= n || c === 10 || c === 13) return -1;
    const kind = kinds[j];
    const s = i;
    if (kind === WORD) {
      while (i < n) {
        c = b[i];
        if (c === 32 || c === 9 || c === 10 || c === 13) break;
        i++;
      }
      if (i >= n) return -1;
      words[j] = text.decode(b, s, i, 0);
      continue;
    }
    let negative = false;
    if (c === 45) {
      negative = true;
      if (++i >= n) return -1;
      c = b[i];
    }
    // integer digits, then (numbers only) `.` or `,` and fraction digits
    let m = 0;
    const ds = i;
    let digit = c - 48;
    while (digit >= 0 && digit <= 9) {
      m = m * 10 + digit;
      if (++i >= n) return -1; // the row continues in the next chunk
      digit = b[i] - 48;
    }
    let d = i - ds;
    let f = -1;
    c = digit + 48;
    if ((c === 46 || c === 44) && kind <= UID) {
      if (++i >= n) return -1;
      const fs = i;
      digit = b[i] - 48;
      while (digit >= 0 && digit <= 9) {
        m = m * 10 + digit;
        if (++i >= n) return -1;
        digit = b[i] - 48;
      }
      f = i - fs;
      d += f;
      c = digit + 48;
    }
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return -1;
    if (kind >= PID) {
      if (negative) {
        if (i - s !== 1) return -1;
        values[j] = DASH;
      } else {
        if (d === 0 || d > 15) return -1;
        values[j] = m;
      }
      continue;
    }
    if (d === 0) {
      if (!negative || i - s !== 1) return -1;
      nulls[j] = 1; // `-`
      continue;
    }
    if (d > 15 || f === 0 || f > 2) return -1;
    const x = f > 0 ? m / POW10[f] : m;
    if (negative) {
      if (x !== 1) return -1; // no pidstat column is negative: the general path reports it
      nulls[j] = 1; // -1: pidstat's "not readable"
      continue;
    }
    if ((x | 0) === x) {
      nulls[j] = 2; // an int32 (not -0)
      ints[j] = x;
      continue;
    }
    if (kind === UID) return -1; // a fractional or huge UID
    nulls[j] = 0;
    values[j] = x;
  }
  return i;
}

/** The Command read by the last commandAt call. */
const COMMAND: string[] = [''];

/**
 * The Command after `i` (blanks skipped) up to the `\n` (a `\r` before it removed), into COMMAND[0]; returns
 * the index of the `\n`, or -1 when there is no Command (a truncated row), no `\n` in this chunk, or the
 * Command is literally `Command` (the general path decides whether such a line is a header).
 */
function commandAt(bytes: Uint8Array, i: number, text: ByteTextCache): number {
  const n = bytes.length;
  while (i < n && (bytes[i] === 32 || bytes[i] === 9)) i++;
  if (i >= n) return -1;
  const s = i;
  let h = 0;
  let c = bytes[i];
  while (c !== 10) {
    h = (Math.imul(h, 31) + c) | 0;
    if (++i >= n) return -1;
    c = bytes[i];
  }
  let e = i;
  if (bytes[e - 1] === 13) e--;
  if (e <= s) return -1;
  const command = text.decode(bytes, s, e, h);
  if (command === 'Command') return -1;
  COMMAND[0] = command;
  return i;
}
