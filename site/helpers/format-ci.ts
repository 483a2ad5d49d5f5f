import { formatChangePct, formatNumber, formatWithUnit, MISSING, autoDecimals, displayUnit } from './format-number.ts';

/**
 * An estimate with its 95% confidence interval: `12.3% [10.1, 14.2]`. The bounds use the estimate's decimals
 * and no unit; a missing interval prints the estimate alone with `(no CI)`.
 *
 * @example
 * formatCi(12.345, 10.1, 14.24, '%') // '12.3% [10.1, 14.2]'
 * formatCi(8123, 7950, 8301, 'req/s') // '8,123 req/s [7,950, 8,301]'
 * formatCi(3.2, null, null, 'ms') // '3.20 ms (no CI)'
 */
export function formatCi(estimate: number | null | undefined, low: number | null | undefined, high: number | null | undefined, unit?: string | null): string {
  if (estimate === null || estimate === undefined || !Number.isFinite(estimate)) return MISSING;
  const decimals = displayUnit(unit) === '%' ? 1 : autoDecimals(estimate);
  const head = formatWithUnit(estimate, unit, decimals);
  if (low === null || low === undefined || high === null || high === undefined || !Number.isFinite(low) || !Number.isFinite(high)) return `${head} (no CI)`;
  return `${head} [${formatNumber(low, decimals)}, ${formatNumber(high, decimals)}]`;
}

/**
 * A change in percent with its CI, signed: `-41.3% [-45.0, -37.9]`.
 *
 * @example
 * formatChangeCi(-41.27, -45.01, -37.88) // '-41.3% [-45.0, -37.9]'
 */
export function formatChangeCi(estimate: number | null | undefined, low: number | null | undefined, high: number | null | undefined): string {
  const head = formatChangePct(estimate);
  if (head === MISSING) return head;
  if (low === null || low === undefined || high === null || high === undefined) return `${head} (no CI)`;
  const sign = (v: number) => formatChangePct(v).replace(/%$/, '');
  return `${head} [${sign(low)}, ${sign(high)}]`;
}
