/**
 * Numbers as perf stat prints them under any locale: digit grouping (`1,185.23`, `1.145,00`,
 * `17 996` with U+202F, `27 655 923 827`) and decimal commas (`0,572`). Pure.
 */

export type DecimalMark = '.' | ',';

/** Characters locales use to group digits, besides `.` and `,`: space, no-break space, narrow no-break space, apostrophes. */
const GROUPING = /[\s\u00a0\u202f'\u2019]/g;

/**
 * The decimal mark a set of number tokens was printed with, from tokens that can only be read one way:
 * both marks present (the last is decimal), a fraction of 1-2 or 4+ digits (groups are 3 digits), or a
 * leading `0,` / `0.`. `fallback` when nothing decides.
 *
 * @example detectDecimalMark(['1.145,00', '17.540']) // ','
 * @example detectDecimalMark(['2.002071626']) // '.'
 */
export function detectDecimalMark(tokens: Iterable<string>, fallback: DecimalMark = '.'): DecimalMark {
  let dot = 0;
  let comma = 0;
  for (const raw of tokens) {
    const t = raw.replace(GROUPING, '');
    const lastDot = t.lastIndexOf('.');
    const lastComma = t.lastIndexOf(',');
    let vote: DecimalMark | null = null;
    if (lastDot >= 0 && lastComma >= 0) vote = lastDot > lastComma ? '.' : ',';
    else if (/^[+-]?0[.,]\d+$/.test(t)) vote = t.includes(',') ? ',' : '.';
    else if (/^[+-]?\d+[.,](\d{1,2}|\d{4,})$/.test(t)) vote = t.includes(',') ? ',' : '.';
    if (vote === '.') dot++;
    if (vote === ',') comma++;
  }
  if (dot === comma) return fallback;
  return dot > comma ? '.' : ',';
}

/**
 * Read a locale-formatted number; undefined when `token` is not one.
 *
 * @example parseLocaleNumber('1.145,00', ',') // 1145
 * @example parseLocaleNumber('17\u202f996', ',') // 17996
 * @example parseLocaleNumber('1,185.23', '.') // 1185.23
 */
export function parseLocaleNumber(token: string, mark: DecimalMark): number | undefined {
  // the usual token, digits with at most a `.` that is the decimal mark: nothing to remove or replace
  if (PLAIN.test(token) && (mark === '.' || !token.includes('.'))) return Number(token);
  const group = mark === '.' ? ',' : '.';
  let t = token.trim().replace(GROUPING, '').split(group).join('');
  if (mark === ',') t = t.replace(',', '.');
  if (!PLAIN.test(t)) return undefined;
  return Number(t);
}

/** A number JavaScript reads as it is. */
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
