/**
 * The first line sysstat tools print: `Linux 6.1.0-18-amd64 (host) \t11/22/2026 \t_x86_64_\t(2 CPU)`.
 * The date is strftime("%x") in the LC_TIME locale: `11/22/26` (C), `11/22/2026` (en_US), `22/11/2026`
 * (fr_FR), `22.11.2026` (de_DE, ru_RU), `2026-11-22` (S_TIME_FORMAT=ISO), `2019年11月11日` (zh_CN),
 * `2026년 11월 22일` (ko_KR).
 */

export interface Banner {
  os: string;
  kernel: string;
  hostname: string;
  date_printed: string;
  arch: string;
  cpu_count: number;
}

const BANNER = /^(\S+)\s+(\S+)\s+\((.*?)\)\s+(.*?)\s+_([^\s_]+(?:_[^\s_]+)*)_\s+\((\d+)\s+CPU\)\s*$/;

/**
 * Reads a sysstat banner line; null when `line` is not one.
 *
 * @example
 * readBanner('Linux 6.18.44 (vm) \t11/22/26 \t_x86_64_\t(2 CPU)')
 * // { os: 'Linux', kernel: '6.18.44', hostname: 'vm', date_printed: '11/22/26', arch: 'x86_64', cpu_count: 2 }
 */
export function readBanner(line: string): Banner | null {
  const m = BANNER.exec(line);
  if (m === null) return null;
  return { os: m[1], kernel: m[2], hostname: m[3], date_printed: m[4].trim(), arch: m[5], cpu_count: Number(m[6]) };
}

/**
 * The banner date as `YYYY-MM-DD`, or null when it cannot be read. `hints` are what the rest of the file tells
 * about the locale. Year first when it has 4 digits up front; `.` and `-` separated dates are day first; `/`
 * dates are day first when the first number exceeds 12, month first when the second does, and otherwise month
 * first unless the file uses a decimal comma with a 24-hour clock (fr_FR, es_ES, it_IT: `22/11/2026`; en_US
 * prints AM/PM). Known limit: en_GB (`05/06/26`, 24h, decimal point) reads as month first, like the C locale.
 *
 * @example
 * bannerDateIso('11/22/26', { twelveHour: false, decimalComma: false }) // '2026-11-22'
 * bannerDateIso('06/01/20', { twelveHour: false, decimalComma: false }) // '2020-06-01'
 * bannerDateIso('05/06/2026', { twelveHour: false, decimalComma: true }) // '2026-06-05'
 * bannerDateIso('22.11.2026', { twelveHour: false, decimalComma: true }) // '2026-11-22'
 * bannerDateIso('2019年11月11日', { twelveHour: false, decimalComma: false }) // '2019-11-11'
 */
export function bannerDateIso(printed: string, hints: { twelveHour: boolean; decimalComma: boolean }): string | null {
  const groups = printed.match(/\d+/g);
  if (groups === null || groups.length !== 3) return null;
  const [a, b, c] = groups.map(Number);
  const yearFirst = groups[0].length === 4;
  const sep = printed.slice(printed.indexOf(groups[0]) + groups[0].length).trim()[0];
  const dayFirst = sep === '.' || sep === '-' || a > 12 || (b <= 12 && !hints.twelveHour && hints.decimalComma);
  const year = yearFirst ? a : groups[2].length <= 2 ? 2000 + c : c;
  const [month, day] = yearFirst ? [b, c] : dayFirst ? [b, a] : [a, b];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}
