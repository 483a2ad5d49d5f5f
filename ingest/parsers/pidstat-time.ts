/**
 * The time column of pidstat rows. pidstat prints it with strftime("%X") in the LC_TIME locale, or as epoch
 * seconds with -H, so it spans one or more tokens:
 *   `18:51:00` (C, de, fr, ru, S_TIME_FORMAT=ISO), `06:51:03 PM` (en_US), `18时53分35秒` (zh_CN),
 *   `18시 51분 05초` (ko_KR), `오후 07시 25분 48초` (a 12-hour Korean variant), `1795373486` (-H).
 */

/** strftime %p strings of common locales (12-hour clocks). */
const PM = new Set(['PM', 'pm', 'P.M.', 'p.m.', 'PM.', '오후', '下午', '午後']);
const AM = new Set(['AM', 'am', 'A.M.', 'a.m.', 'AM.', '오전', '上午', '午前']);

/** A time of day, plus the exact instant when pidstat printed epoch seconds (-H). */
export interface PidstatTime {
  /** seconds since local midnight (for -H: since UTC midnight) */
  secondsOfDay: number;
  /** epoch seconds when printed with -H, else null */
  epoch: number | null;
  /** true when the printed time carried an AM/PM marker */
  twelveHour: boolean;
}

/**
 * True when `token` is a meridiem marker (`PM`, `오후`, ...).
 *
 * @example
 * isMeridiem('PM') // true
 * isMeridiem('root') // false
 */
export function isMeridiem(token: string): boolean {
  return PM.has(token) || AM.has(token);
}

/**
 * How many of the first tokens form the time, for rows whose header does not show it (`# Time` with
 * -h): the first token, plus following tokens that are a meridiem marker, a clock (`07:25:48` after a leading
 * marker) or a localized part (`51분`, a digit next to non-ASCII letters). A plain number, `-` or a user name
 * ends the time.
 *
 * @example
 * timePrefixLength(['06:51:03', 'PM', '0', '9073']) // 2
 * timePrefixLength(['18시', '51분', '05초', '0', '9073']) // 3
 * timePrefixLength(['1646859221', '0', '6']) // 1
 */
export function timePrefixLength(tokens: readonly string[]): number {
  let n = 1;
  while (n < tokens.length && isTimePart(tokens[n])) n++;
  return n;
}

function isTimePart(t: string): boolean {
  return isMeridiem(t) || /^\d{1,2}:\d{2}(:\d{2})?$/.test(t) || (/\d/.test(t) && /[^\x00-\x7f]/.test(t));
}

/**
 * Reads a printed time (its tokens joined by blanks). Null when it is not a time.
 *
 * @example
 * parsePidstatTime('06:51:03 PM') // { secondsOfDay: 67863, epoch: null, twelveHour: true }
 * parsePidstatTime('12:00:00 AM').secondsOfDay // 0
 * parsePidstatTime('18时53分35秒').secondsOfDay // 68015
 * parsePidstatTime('1646859221').epoch // 1646859221
 */
export function parsePidstatTime(text: string): PidstatTime | null {
  // HH:MM:SS (C and most locales): two digits each, nothing else (`1a:00:00` is not a time)
  if (text.length === 8 && text[2] === ':' && text[5] === ':' && !/^\d\d:\d\d:\d\d$/.test(text)) return null;
  if (text.length > 64) return null; // no locale's %X is that long (and the regexes below need not scan a huge token)
  // -H epoch seconds: 9 to 12 digits (up to the year 33658: every instant a Date can show)
  if (/^\d{9,12}$/.test(text)) {
    const epoch = Number(text);
    return { secondsOfDay: epoch % 86400, epoch, twelveHour: false };
  }
  const groups = text.match(/\d+/g);
  if (groups === null || groups.length !== 3) return null;
  const [printedH, m, s] = groups.map(Number);
  const words = text.split(/[\s\d:]+/);
  const pm = words.some((w) => PM.has(w));
  const twelveHour = pm || words.some((w) => AM.has(w));
  if (twelveHour && (printedH < 1 || printedH > 12)) return null;
  const h = twelveHour ? (printedH % 12) + (pm ? 12 : 0) : printedH;
  if (h > 23 || m > 59 || s > 60) return null;
  return { secondsOfDay: h * 3600 + m * 60 + s, epoch: null, twelveHour };
}
