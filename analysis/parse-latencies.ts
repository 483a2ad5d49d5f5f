/**
 * Parser of the open-loop client's raw latencies file: one integer (microseconds) per line; blank lines and
 * `#` comments are ignored. Pure: text in, record out; throws ParseError(reason, line).
 */
import { ParseError } from '../ingest/parse-error.ts';
import type { LatenciesInput } from './inputs.ts';

/**
 * @example
 * parseLatencies('120\n98\n\n130\n') // { format: 'latencies', latencies_us: Float64Array [120, 98, 130] }
 */
export function parseLatencies(text: string): LatenciesInput {
  const out: number[] = [];
  let line = 0;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    line++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === '' || raw.startsWith('#')) continue;
    if (!/^\d+(\.\d+)?$/.test(raw)) throw new ParseError(`expected a latency in microseconds, found "${raw.slice(0, 40)}"`, line);
    out.push(Number(raw));
  }
  return { format: 'latencies', latencies_us: Float64Array.from(out) };
}
