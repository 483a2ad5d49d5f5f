/**
 * Reads one numeric pidstat value as printed under any locale and option:
 * - C/en: `28.76`; de_DE/fr_FR/ru_RU (LC_NUMERIC): `28,76`; digit grouping if a tool or a paste added it
 *   (`1.234.567`, `1,234,567.50`, `1 234,5` with a no-break space, `1'234`).
 * - `-` (not applicable, e.g. CPU on Average rows) and `-1` / `-1.00` / `-1,00` (pidstat's "not readable",
 *   e.g. kB_rd/s of another user's process) are null.
 * - `--human` (sysstat 12.1.2+): a trailing `%`, and size suffixes on kB columns (`4.2G`, `253.0M`, `128.0k`,
 *   `0.0B`; binary multiples, converted back to kB).
 * Returns undefined when the token is not a number at all, or a negative one other than -1 (every pidstat column
 * is a count, rate, size, percentage, id or time), or beyond a double: the caller names the column and line.
 */

/** kB columns accept --human size suffixes; other columns only accept a trailing `%`. */
export type NumberUnit = 'kb' | 'plain';

const KB_SUFFIX: Record<string, number> = { B: 1 / 1024, k: 1, K: 1, M: 1024, G: 1024 ** 2, T: 1024 ** 3, P: 1024 ** 4 };

/**
 * The value of `token`, null for pidstat's "no value" markers, undefined when it is not a number.
 *
 * @example
 * parsePidstatNumber('28,76') // 28.76
 * parsePidstatNumber('-1.00') // null
 * parsePidstatNumber('4.2G', 'kb') // 4404019.2
 * parsePidstatNumber('abc') // undefined
 */
export function parsePidstatNumber(token: string, unit: NumberUnit = 'plain'): number | null | undefined {
  // Fast path: the C-locale form, which is what almost every line of a large file holds.
  const fast = +token;
  if (fast === fast && token.length > 0) {
    const c = token.charCodeAt(token.length - 1);
    // `+` accepts "Infinity" and hex; pidstat never prints them, and requiring a final digit rejects them.
    if (c >= 48 && c <= 57) {
      if (fast === -1) return null;
      if (fast >= 0 && fast !== Infinity) return fast;
      return undefined; // negative (no pidstat column is) or a number too long for a double
    }
  }
  return parseSlow(token, unit);
}

/** Exact powers of ten: m / POW10[f] is the correctly rounded value of the decimal m·10^-f when m < 2^53. */
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * {@link parsePidstatNumber} of `line.slice(start, end)`, reading the characters in place: plain decimals
 * (point or comma, at most 15 digits) are computed without making a substring; anything else takes the
 * general path. Gives exactly the same double as `Number()` (an exact integer divided by an exact power of
 * ten is correctly rounded).
 *
 * @example
 * parsePidstatNumberAt('x 48934.65 y', 2, 10) // 48934.65
 * parsePidstatNumberAt('  40,00', 2, 7) // 40
 */
export function parsePidstatNumberAt(line: string, start: number, end: number, unit: NumberUnit = 'plain'): number | null | undefined {
  let i = start;
  let negative = false;
  if (line.charCodeAt(i) === 45 /* - */) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if ((c === 46 || (c === 44 && end - i <= 3)) && fraction < 0) {
      fraction = 0; // `.`, or `,` followed by at most 2 digits (a decimal comma, not grouping)
    } else {
      return parseSlow(line.slice(start, end), unit);
    }
  }
  if (digits === 0 || digits > 15 || fraction === 0) return parseSlow(line.slice(start, end), unit);
  const value = fraction > 0 ? mantissa / POW10[fraction] : mantissa;
  if (negative) return value === 1 ? null : undefined; // only -1 ("not readable") is ever negative
  return value;
}

function parseSlow(token: string, unit: NumberUnit): number | null | undefined {
  if (token === '-') return null;
  let s = token;
  let multiplier = 1;
  const last = s[s.length - 1];
  if (last === '%') s = s.slice(0, -1);
  else if (unit === 'kb' && last !== undefined && KB_SUFFIX[last] !== undefined) {
    multiplier = KB_SUFFIX[last];
    s = s.slice(0, -1);
  }
  const normalised = normaliseSeparators(s.replace(/[\u00a0\u202f\u2009']/g, ''));
  if (normalised === undefined || !/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(normalised)) return undefined;
  const value = Number(normalised);
  if (value === -1) return null;
  if (!(value >= 0 && value * multiplier < Infinity)) return undefined; // negative, or beyond a double
  return multiplier === 1 ? value : value * multiplier;
}

/**
 * Removes digit grouping and makes `.` the decimal separator. pidstat prints at most 2 decimals (--dec=0..2),
 * so a single separator followed by exactly 3 digits is grouping, and by 1-2 digits a decimal separator.
 */
function normaliseSeparators(s: string): string | undefined {
  const commas = count(s, ',');
  const dots = count(s, '.');
  if (commas === 0 && dots === 0) return s;
  if (commas > 0 && dots > 0) {
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const grouping = decimal === ',' ? '.' : ',';
    if (count(s, decimal) !== 1) return undefined;
    return s.split(grouping).join('').replace(',', '.');
  }
  const sep = commas > 0 ? ',' : '.';
  const parts = s.split(sep);
  if (parts.length === 2 && parts[1].length >= 1 && parts[1].length <= 2) return parts.join('.');
  if (parts.slice(1).every((p) => p.length === 3) && /^[-+]?\d{1,3}$/.test(parts[0])) return parts.join('');
  if (parts.length === 2 && sep === ',') return parts.join('.');
  return parts.length === 2 ? s : undefined;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}
