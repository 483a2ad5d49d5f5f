/**
 * Compiles one pidstat header's columns into a function that reads a data row straight into a record.
 * The per-column work (which field, which number reader) is decided once per header instead of once per
 * value: with -h the same header serves millions of rows. The generated code only contains field names from
 * the fixed column table (pidstat-columns.ts) and JSON-quoted header names, never row text.
 */
import type { ColumnSpec } from './pidstat-columns.ts';
import { parsePidstatNumberAt } from './pidstat-number.ts';

/**
 * Fills `rec` from the row whose tokens are at `starts[k + j]`..`ends[k + j]` (j = column index, after a
 * time/label prefix of `k` tokens). Returns -1, or the index j of the first column whose value is invalid.
 */
export type RowFiller = (
  rec: Record<string, unknown>,
  line: string,
  starts: Int32Array,
  ends: Int32Array,
  k: number,
) => number;

/**
 * A row filler for `columns` (the ID columns PID/TGID/TID are skipped: the parser reads them first).
 *
 * @example
 * const fill = compileRowFiller([columnSpec('UID'), columnSpec('PID'), columnSpec('%CPU')]);
 * const t = tokenizeLine('12:00:00  0  42  3.50  bash', createTokens());
 * const rec = {};
 * fill(rec, t.line, t.starts, t.ends, 1); // -1
 * rec // { uid: 0, cpu_pct: 3.5 }
 */
export function compileRowFiller(columns: readonly ColumnSpec[]): RowFiller {
  const body: string[] = ['let v;'];
  columns.forEach((col, j) => {
    const s = `starts[k + ${j}]`;
    const e = `ends[k + ${j}]`;
    const key = JSON.stringify(col.field);
    switch (col.kind) {
      case 'number':
        body.push(`v = num(line, ${s}, ${e}, ${JSON.stringify(col.unit)}); if (v === undefined) return ${j}; rec[${key}] = v;`);
        break;
      case 'uid':
        body.push(`v = num(line, ${s}, ${e}, 'plain'); if (v === undefined || (v !== null && !Number.isInteger(v))) return ${j}; rec.uid = v;`);
        break;
      case 'user':
      case 'string':
        body.push(`rec[${key}] = line.slice(${s}, ${e});`);
        break;
      case 'unknown':
        body.push(`(rec.extra ?? (rec.extra = {}))[${JSON.stringify(col.name)}] = line.slice(${s}, ${e});`);
        break;
      default:
        break; // pid, tid
    }
  });
  body.push('return -1;');
  const factory = new Function('num', `return function fillPidstatRow(rec, line, starts, ends, k) {\n${body.join('\n')}\n};`);
  return factory(parsePidstatNumberAt) as RowFiller;
}
