/**
 * Numbers as a performance report prints them: thousands separators, a sensible number of decimals for the
 * magnitude, and the unit after a thin space. `null`/`undefined`/non-finite values print as an em dash.
 */

/** What prints in place of a number that could not be computed. */
export const MISSING = '—';

/**
 * Decimals that keep about three significant digits without printing noise: 0 at or above 100, 1 at or above 10,
 * 2 at or above 1, 3 below.
 *
 * @example
 * autoDecimals(1234.5) // 0
 * autoDecimals(3.14159) // 2
 */
export function autoDecimals(value: number): number {
  const a = Math.abs(value);
  if (a >= 100 || a === 0) return 0;
  if (a >= 10) return 1;
  if (a >= 1) return 2;
  return 3;
}

/**
 * Format a number with a comma every three digits and a fixed number of decimals (automatic when omitted).
 *
 * @example
 * formatNumber(12345.678) // '12,346'
 * formatNumber(0.5, 1) // '0.5'
 * formatNumber(null) // '—'
 */
export function formatNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const d = decimals ?? autoDecimals(value);
  const fixed = Math.abs(value).toFixed(d);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** How a unit from the analysis prints after a number. */
const UNIT_DISPLAY: Record<string, string> = { us: 'µs', '1/s': '/s', '1/req': '/req', pct: '%', percent: '%' };

/**
 * The printed form of a unit: `us` becomes `µs`, `1/s` becomes `/s`; others print as they are.
 *
 * @example
 * displayUnit('us') // 'µs'
 */
export function displayUnit(unit: string | null | undefined): string {
  if (!unit) return '';
  return UNIT_DISPLAY[unit] ?? unit;
}

/**
 * Format a number followed by its unit; `%` and per-units attach without a space.
 *
 * @example
 * formatWithUnit(12345.6, 'req/s') // '12,346 req/s'
 * formatWithUnit(41.27, '%') // '41.3%'
 * formatWithUnit(18.2, 'us') // '18.2 µs'
 */
export function formatWithUnit(value: number | null | undefined, unit: string | null | undefined, decimals?: number): string {
  const u = displayUnit(unit);
  if (u === '%') return formatPercent(value, decimals);
  const n = formatNumber(value, decimals);
  if (n === MISSING || !u) return n;
  return u.startsWith('/') ? `${n}${u}` : `${n} ${u}`;
}

/**
 * A percentage with one decimal.
 *
 * @example
 * formatPercent(12.345) // '12.3%'
 */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  const n = formatNumber(value, decimals);
  return n === MISSING ? n : `${n}%`;
}

/**
 * A change in percent with an explicit sign and one decimal.
 *
 * @example
 * formatChangePct(-41.27) // '-41.3%'
 * formatChangePct(3) // '+3.0%'
 */
export function formatChangePct(value: number | null | undefined): string {
  const n = formatNumber(value, 1);
  if (n === MISSING) return n;
  return `${value! > 0 && n !== '0.0' ? '+' : ''}${n}%`;
}

/**
 * A byte count in the largest binary unit under 1,024 (B, KiB, MiB, GiB) with one decimal above bytes.
 *
 * @example
 * formatBytes(1536) // '1.5 KiB'
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return MISSING;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${formatNumber(v, 0)} B` : `${formatNumber(v, 1)} ${units[i]}`;
}
