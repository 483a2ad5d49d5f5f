/**
 * `strace -c` summary tables -> StraceRecord. Pure.
 *
 * Columns are found from the header line and the dashes line under it, never by position: the default
 * layout (`% time, seconds, usecs/call, calls, errors, syscall`), any `-U` selection and order (including
 * `shortest`/`longest`), `-w`, `-S`, `-f`. Cells are matched to columns by where they sit under the dashes,
 * so a blank `errors` cell (strace prints nothing for 0) and strace 4.x's blank `usecs/call` on the total
 * row are read as such. Decimal commas (strace honours LC_NUMERIC) are accepted. Lines outside the table
 * (`strace: Process 123 attached`, the traced program's stderr) are ignored; a missing total row means
 * the table was cut short.
 */
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { StraceRecord, type StraceSyscall } from '../records/strace.ts';
import { validatedRecord } from '../validated-record.ts';

/** strace's column labels (src/count.c) -> our field names. */
const COLUMN_FIELDS: Record<string, keyof StraceSyscall> = {
  '% time': 'time_pct',
  seconds: 'seconds',
  'usecs/call': 'usecs_per_call',
  calls: 'calls',
  errors: 'errors',
  syscall: 'name',
  shortest: 'min_seconds',
  longest: 'max_seconds',
};

const HEADER_RE = /^\s*(% time|syscall|calls|seconds|errors|usecs\/call|shortest|longest)(\s+(% time|syscall|calls|seconds|errors|usecs\/call|shortest|longest))+\s*$/;
const DASHES_RE = /^\s*-+(\s+-+)+\s*$/;

interface Column {
  label: string;
  field: keyof StraceSyscall;
  start: number;
  end: number;
}

/**
 * Parse one strace -c summary.
 * @example
 * parseStrace('% time     seconds  usecs/call     calls    errors syscall\n------ ...\n 67.94 0.216723 10 21282 writev\n...')
 * // -> { format: 'strace-c', syscalls: [{ name: 'writev', calls: 21282, errors: 0, seconds: 0.216723, ... }], total: {...} }
 */
export function parseStrace(text: string): StraceRecord {
  const lines = text.split(/\r?\n/);
  const headerIdx = lines.findIndex((l) => HEADER_RE.test(l));
  if (headerIdx < 0) {
    const failure = lines.find((l) => /^strace: /.test(l) && !/^strace: Process \d+ (attached|detached)/.test(l));
    if (failure) throw new ParseError(`strace failed: ${failure.slice('strace: '.length).trim()}`, lines.indexOf(failure) + 1);
    throw new ParseError('no strace -c table header ("% time     seconds  usecs/call ...")', 1);
  }
  const second = lines.findIndex((l, i) => i > headerIdx && HEADER_RE.test(l));
  if (second >= 0) {
    throw new ParseError(`a second strace -c table (one per personality, or two runs in one file): one table per file`, second + 1);
  }
  const dashes = lines[headerIdx + 1];
  if (dashes === undefined || !DASHES_RE.test(dashes)) throw new ParseError('expected a line of dashes under the strace -c header', headerIdx + 2);
  const columns = columnsOf(lines[headerIdx], dashes, headerIdx + 1);
  if (!hasColumn(columns, 'name') || !hasColumn(columns, 'calls')) throw new ParseError('strace -c table has no "syscall" or "calls" column', headerIdx + 1);

  const syscalls: StraceSyscall[] = [];
  let total: StraceRecord['total'] | null = null;
  let separators = 0;
  for (let i = headerIdx + 2; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i];
    if (line.trim() === '') {
      if (total) break;
      continue;
    }
    if (DASHES_RE.test(line)) {
      separators++;
      continue;
    }
    if (/^strace: /.test(line)) continue;
    const row = readRow(line, columns, n);
    if (row.name === 'total' && separators >= 1) {
      total = {
        calls: row.calls,
        errors: row.errors,
        seconds: row.seconds,
        usecs_per_call: row.usecs_per_call,
        time_pct: row.time_pct,
      };
      break;
    }
    if (separators > 0) throw new ParseError(`expected the total row after the closing dashes, got "${line.trim()}"`, n);
    syscalls.push(row);
  }
  if (!total) throw new ParseError('truncated strace -c table: no "total" row', lastLine(lines));

  const sum = syscalls.reduce((a, s) => a + s.calls, 0);
  if (sum !== total.calls) {
    throw new ParseError(`strace -c rows add up to ${sum} calls but the total row says ${total.calls}: rows are missing`, lastLine(lines));
  }
  return validatedRecord(StraceRecord, { format: 'strace-c', columns: columns.map((c) => c.label), syscalls, total }, 'strace');
}

/**
 * True when `head` holds a strace -c table header.
 * @example sniffStrace('% time     seconds  usecs/call     calls    errors syscall\n') // true
 */
export function sniffStrace(head: string): boolean {
  // most files sniffed are not strace: a dash starting a line must exist (cheap to rule out), then one native
  // scan for a dashes line before splitting anything
  if (!dashStartsLine(head) || !/^\s*-+(?:\s+-+)+/m.test(head)) return false;
  return head.split(/\r?\n/).some((l, i, all) => HEADER_RE.test(l) && DASHES_RE.test(all[i + 1] ?? ''));
}

/**
 * True when some `-` in `head` has only whitespace (\s, line terminators included) before it back to a line start
 * or the start of the text: where a match of /^\s*-/m would be. Walks back from each `-` instead of letting the
 * regex engine try every position of the text.
 */
function dashStartsLine(head: string): boolean {
  for (let at = head.indexOf('-'); at !== -1; at = head.indexOf('-', at + 1)) {
    let i = at - 1;
    for (;;) {
      if (i < 0) return true;
      const c = head.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
      if (!isRegexSpace(c)) break;
      i--;
    }
  }
  return false;
}

/** What the regex class \s matches (line terminators aside: dashStartsLine checks them first). */
function isRegexSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The strace -c entry of the format registry (ingest/formats.ts). */
export const straceFormat: Format<StraceRecord> = { name: 'strace-c', sniff: sniffStrace, parse: parseStrace };

function columnsOf(header: string, dashes: string, n: number): Column[] {
  const runs = [...dashes.matchAll(/-+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return runs.map((r, j) => {
    const label = (j === runs.length - 1 ? header.slice(r.start) : header.slice(r.start, r.end)).trim();
    const field = COLUMN_FIELDS[label];
    if (!field) throw new ParseError(`unknown strace -c column "${label}"`, n);
    return { label, field, start: r.start, end: j === runs.length - 1 ? Infinity : r.end };
  });
}

/** Place each cell under the column it overlaps most; a long syscall name in a first column shifts the rest. */
function readRow(line: string, columns: Column[], n: number): StraceSyscall {
  const cells = new Map<keyof StraceSyscall, string>();
  let shift = 0;
  for (const m of line.matchAll(/\S+/g)) {
    const s = m.index - shift;
    const e = s + m[0].length;
    let best = -1;
    let bestOverlap = 0;
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j];
      const overlap = Math.min(e, c.end) - Math.max(s, c.start);
      if (overlap > bestOverlap) {
        best = j;
        bestOverlap = overlap;
      }
    }
    if (best < 0) throw new ParseError(`"${m[0]}" is under no strace -c column`, n);
    const col = columns[best];
    if (cells.has(col.field)) throw new ParseError(`two values under the "${col.label}" column: "${line.trim()}"`, n);
    cells.set(col.field, m[0]);
    if (col.field === 'name' && e > col.end) shift += e - col.end;
  }
  const name = cells.get('name');
  if (!name) throw new ParseError(`strace -c row without a syscall name: "${line.trim()}"`, n);
  const calls = cellNumber(columns, cells, 'calls', 'calls', name, n);
  if (calls === null) throw new ParseError(`no calls count for ${name}`, n);
  const row: StraceSyscall = {
    name,
    calls,
    errors: cellNumber(columns, cells, 'errors', 'errors', name, n) ?? 0,
    seconds: cellNumber(columns, cells, 'seconds', 'seconds', name, n),
    usecs_per_call: cellNumber(columns, cells, 'usecs_per_call', 'usecs/call', name, n),
    time_pct: cellNumber(columns, cells, 'time_pct', '% time', name, n),
  };
  if (hasColumn(columns, 'min_seconds')) row.min_seconds = cellNumber(columns, cells, 'min_seconds', 'shortest', name, n);
  if (hasColumn(columns, 'max_seconds')) row.max_seconds = cellNumber(columns, cells, 'max_seconds', 'longest', name, n);
  return row;
}

function hasColumn(columns: Column[], field: keyof StraceSyscall): boolean {
  for (const c of columns) if (c.field === field) return true;
  return false;
}

/** The number in the row's `field` cell: null without such a column or a blank cell; a ParseError if not a number. */
function cellNumber(columns: Column[], cells: Map<keyof StraceSyscall, string>, field: keyof StraceSyscall, label: string, name: string, n: number): number | null {
  if (!hasColumn(columns, field)) return null;
  const raw = cells.get(field);
  if (raw === undefined) return null;
  const v = Number(raw.replace(',', '.'));
  if (!/^\d+([.,]\d+)?$/.test(raw) || !Number.isFinite(v)) throw new ParseError(`${label} "${raw}" of ${name} is not a number`, n);
  return v;
}

function lastLine(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim() !== '') return i + 1;
  return 1;
}
