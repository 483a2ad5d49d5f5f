/**
 * What a pidstat header line says about the rows under it, worked out once per distinct header text for all
 * parses: its columns (pidstat-columns.ts), where the task ids are, and the compiled row readers. A long history
 * holds tens of thousands of small pidstat files that all print the same one or two header lines; reading the
 * column names and looking up the compiled readers again in every file cost more than reading its rows.
 *
 * The cache is keyed by the header line's text after its first token (the time, `#` or average label): that
 * token is never part of the columns unless it names an ID column itself, and such a line is never cached (it is
 * read afresh, so that the parser reports it). Bounded: emptied when it holds more than HEADER_SHAPES_MAX lines.
 */
import { compileByteRowReader, type ByteRowReader } from './pidstat-byte-row-reader.ts';
import { readHeaderLine, type ColumnSpec } from './pidstat-columns.ts';
import { compileRowFiller, type RowFiller } from './pidstat-row-filler.ts';
import { compileRowReader, type RowReader } from './pidstat-row-reader.ts';
import { tokenText, tokenTexts, type Tokens } from './pidstat-tokenize.ts';

/** A header line's columns and everything derived from them alone (shared by parses: never mutate it). */
export interface HeaderShape {
  /** number of tokens before the first column (the time, `# Time` or the average label) */
  prefixLength: number;
  /** the columns between the prefix and `Command` */
  columns: readonly ColumnSpec[];
  /** the column names joined by one space: the same for the same activities, whatever the padding */
  signature: string;
  /** index in `columns` of the first PID/TGID column */
  pidIndex: number;
  /** index in `columns` of the TID column, -1 without one */
  tidIndex: number;
  /** the first column is a word (USER, a string or unknown column), not a number or an id */
  wordFirst: boolean;
  fill: RowFiller;
  read: RowReader;
  readBytes: ByteRowReader;
}

/** The most header texts kept (a history prints a handful; a fuzzer or odd files could print many). */
export const HEADER_SHAPES_MAX = 1000;

/** Header text after its first token -> shape, or null when that line is not a header. */
const SHAPES = new Map<string, HeaderShape | null>();

/** Compiled row functions by column signature: they depend on the columns only. */
const COMPILED = new Map<string, { fill: RowFiller; read: RowReader; readBytes: ByteRowReader }>();

/** The ID column names (pidstat-columns.ts): a first token that is one of them changes the prefix. */
const ID_NAMES = new Set(['UID', 'USER', 'PID', 'TGID', 'TID']);

/**
 * The shape of the header line tokenized in `t` (pidstat-tokenize.ts), `rest` being its text after its first
 * token (`t.line.slice(t.ends[0])`); null when the line is not a header (see readHeaderLine). A shape with
 * prefixLength 0 (the line starts with an ID column) is returned but not cached.
 *
 * @example
 * const t = tokenizeLine('# Time   UID   PID  %CPU  Command', createTokens());
 * const s = headerShape(t, t.line.slice(t.ends[0]))!;
 * s.prefixLength // 2
 * s.signature // 'UID PID %CPU'
 * headerShape(t, t.line.slice(t.ends[0])) === s // true: cached by the text
 */
export function headerShape(t: Tokens, rest: string): HeaderShape | null {
  // ID column names start with U, P or T: only then is the first token's text needed
  const c = t.line.charCodeAt(t.starts[0]);
  const idFirst = (c === 85 || c === 80 || c === 84) && ID_NAMES.has(tokenText(t, 0));
  if (!idFirst) {
    const hit = SHAPES.get(rest);
    if (hit !== undefined) return hit;
  }
  const h = readHeaderLine(tokenTexts(t));
  const shape = h === null ? null : shapeOf(h.prefixLength, h.columns);
  if (!idFirst) {
    if (SHAPES.size >= HEADER_SHAPES_MAX) SHAPES.clear();
    SHAPES.set(rest, shape);
  }
  return shape;
}

function shapeOf(prefixLength: number, columns: ColumnSpec[]): HeaderShape {
  let pidIndex = -1;
  let tidIndex = -1;
  let signature = '';
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i];
    if (col.kind === 'pid' && pidIndex < 0) pidIndex = i;
    else if (col.kind === 'tid') tidIndex = i;
    signature = i === 0 ? col.name : `${signature} ${col.name}`;
  }
  let compiled = COMPILED.get(signature);
  if (compiled === undefined) {
    compiled = { fill: compileRowFiller(columns), read: compileRowReader(columns), readBytes: compileByteRowReader(columns) };
    if (COMPILED.size > 200) COMPILED.clear();
    COMPILED.set(signature, compiled);
  }
  const k = columns.length > 0 ? columns[0].kind : 'number';
  const wordFirst = k === 'user' || k === 'string' || k === 'unknown';
  return { prefixLength, columns, signature, pidIndex, tidIndex, wordFirst, ...compiled };
}
