/**
 * A record a parser built, checked against its zod schema (the one declaration of the record's shape and its
 * TypeScript type), with zod's public API. A bad record is a ParseError naming the record and its first bad
 * field; the loader adds the file, so a user sees `raw-results/x/cpu.proc-stat.txt: proc-stat record invalid
 * at cpus.0.cpu: ...`.
 */
import type { z } from 'zod';
import { ParseError } from './parse-error.ts';

/**
 * zod's output for `record` (a new object, keys in the schema's order), or a ParseError.
 *
 * @example
 * validatedRecord(ProcStatRecord, { format: 'proc-stat', cpus }, 'proc-stat') // -> the record, typed
 * validatedRecord(ProcStatRecord, { format: 'proc-stat', cpus: [{ user: 1 }] }, 'proc-stat')
 * // throws ParseError('proc-stat record invalid at cpus.0.cpu: Invalid input: expected number, received undefined')
 */
export function validatedRecord<S extends z.ZodType>(schema: S, record: unknown, what: string): z.output<S> {
  const checked = schema.safeParse(record);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ParseError(`${what} record invalid at ${issue.path.map(String).join('.')}: ${issue.message}`);
  }
  return checked.data;
}
