/**
 * What the locale changes in pidstat's text, apart from times (pidstat-time.ts) and the banner date
 * (pidstat-banner.ts):
 * - numbers (LC_NUMERIC): `28.76` (C, en), `28,76` (de_DE, fr_FR, ru_RU; pidstat prints at most 2 decimals and
 *   no digit grouping), and the `--human` forms (sysstat 12.1.2+: a trailing `%`, size suffixes on kB
 *   columns: `4.2G`, `253.0M`, `128.0k`, `0.0B`);
 * - the "Average:" label (LC_MESSAGES), translated by gettext.
 */
import { clip } from '../parse-error.ts';
import { isMeridiem } from './pidstat-time.ts';

/** kB columns accept --human size suffixes; other columns only accept a trailing `%`. */
export type NumberUnit = 'kb' | 'plain';

const KB_SUFFIX: Record<string, number> = { B: 1 / 1024, k: 1, K: 1, M: 1024, G: 1024 ** 2, T: 1024 ** 3, P: 1024 ** 4 };

/** Exact powers of ten: m / POW10[f] is the correctly rounded value of the decimal m·10^-f when m < 2^53. */
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The value of one printed number. `-` (not applicable, e.g. CPU on Average rows) and -1 (`-1.00`, `-1,00`:
 * pidstat's "not readable", e.g. kB_rd/s of another user's process) are null. Undefined when the token is
 * not a number, is negative other than -1 (every pidstat column is a count, rate, size, percentage, id or
 * time) or is beyond a double: the caller names the column and line. The token is `text.slice(start, end)`,
 * read in place: plain decimals (point or comma, at most 15 digits: nearly every value) digit by digit, to the
 * same double as `Number()`, without a substring.
 *
 * @example
 * parsePidstatNumber('28,76') // 28.76
 * parsePidstatNumber('-1.00') // null
 * parsePidstatNumber('4.2G', 'kb') // 4404019.2
 * parsePidstatNumber('abc') // undefined
 * parsePidstatNumber('x 48934.65 y', 'plain', 2, 10) // 48934.65
 */
export function parsePidstatNumber(text: string, unit: NumberUnit = 'plain', start = 0, end = text.length): number | null | undefined {
  const negative = text.charCodeAt(start) === 45; // -
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (let i = negative ? start + 1 : start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if ((c === 46 || (c === 44 && end - i <= 3)) && fraction < 0) {
      fraction = 0; // `.`, or `,` followed by at most 2 digits (a decimal comma, not grouping)
    } else {
      return parseOtherNumber(text.slice(start, end), unit);
    }
  }
  if (digits === 0 || digits > 15 || fraction === 0) return parseOtherNumber(text.slice(start, end), unit);
  const value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  if (negative) return value === 1 ? null : undefined; // only -1 ("not readable") is ever negative
  return value;
}

/** parsePidstatNumber for the rarer forms: `-`, --human suffixes, a decimal comma with them, exponents, long numbers. */
function parseOtherNumber(token: string, unit: NumberUnit): number | null | undefined {
  if (token === '-') return null;
  const last = token.slice(-1);
  const multiplier = last === '%' ? 1 : unit === 'kb' ? KB_SUFFIX[last] : undefined; // of a --human suffix
  const s = (multiplier === undefined ? token : token.slice(0, -1)).replace(/,(?=\d{1,2}$)/, '.');
  if (!/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return undefined;
  const value = Number(s);
  if (value === -1) return null;
  if (!(value >= 0 && value * (multiplier ?? 1) < Infinity)) return undefined; // negative, or beyond a double
  return value * (multiplier ?? 1);
}

/**
 * What is wrong with a value token that a column refused, for the error naming the column.
 *
 * @example
 * invalidValue('-5.00', false) // 'a negative value "-5.00" (pidstat prints none but -1.00, "not readable")'
 * invalidValue('x', true) // 'a non-integer value "x"'
 */
export function invalidValue(token: string, integer: boolean): string {
  if (/^-\d/.test(token)) return `a negative value "${clip(token)}" (pidstat prints none but -1.00, "not readable")`;
  return `a ${integer ? 'non-integer' : 'non-numeric'} value "${clip(token)}"`;
}

/**
 * The decimal separator a printed value shows (`28,76` -> `,`), or null when it shows none (`1951092`).
 *
 * @example
 * decimalSeparatorOf('28,76') // ','
 * decimalSeparatorOf('51.8%') // '.'
 * decimalSeparatorOf('1951092') // null
 */
export function decimalSeparatorOf(token: string): '.' | ',' | null {
  const m = /^-?\d+([.,])\d{1,2}%?$/.exec(token);
  return m === null ? null : (m[1] as '.' | ',');
}

/**
 * How many of the first tokens form an average label, or 0 when they do not start with one. The label is
 * recognised by its shape, so a translation not seen yet is too: words without digits, the last ending with
 * a colon (every translation in sysstat 12.6's catalogs ends with `:` or the full-width `：`), at most 3 tokens
 * (`Moyenne :` when its U+202F became a space, `Trung bình:`).
 *
 * @example
 * averageLabelLength(['Average:', '0', '9073']) // 1
 * averageLabelLength(['Moyenne', ':', '0', '9073']) // 2
 * averageLabelLength(['12:53:20', '0', '9073']) // 0
 * averageLabelLength(['PM', '07:25:48', '0']) // 0
 */
export function averageLabelLength(tokens: readonly string[]): number {
  const c = tokens[0].charCodeAt(0);
  if ((c >= 48 && c <= 57) || isMeridiem(tokens[0])) return 0; // times and epochs start with a digit or AM/PM
  for (let i = 0; i < Math.min(tokens.length, 3); i++) {
    const t = tokens[i];
    if (/\d/.test(t)) return 0;
    if (t.endsWith(':') || t.endsWith('：')) return i + 1;
  }
  return 0;
}
