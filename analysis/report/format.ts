/** Number formatting shared by the console, Markdown and CSV renderers (en-US digits, no locale surprises). */

/**
 * A number with a precision that suits its size: thousands separators from 1,000, one decimal from 100,
 * two from 1, three significant digits below; `n/a` for null.
 *
 * @example
 * fmtNum(8432.4) // '8,432'
 * fmtNum(45.04)  // '45.04'
 * fmtNum(0.01234) // '0.0123'
 */
export function fmtNum(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a === 0) return '0';
  return x.toPrecision(3);
}

/**
 * A value with its unit.
 *
 * @example
 * fmtValue(45.04, '%')       // '45.0%'
 * fmtValue(8432, 'req/s')    // '8,432 req/s'
 */
export function fmtValue(x: number | null | undefined, unit: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  if (unit === '%') return `${x.toFixed(1)}%`;
  if (unit === 'count') return fmtNum(x);
  return `${fmtNum(x)} ${unit}`;
}

/**
 * An estimate with its CI: `45.0% [44.1, 46.0]`; without CI, `45.0% [no CI]`.
 *
 * @example
 * fmtEstimate(8432, 8300, 8500, 'req/s') // '8,432 req/s [8,300, 8,500]'
 */
export function fmtEstimate(est: number | null, lo: number | null, hi: number | null, unit: string): string {
  const v = fmtValue(est, unit);
  if (est === null) return v;
  if (lo === null || hi === null) return `${v} [no CI]`;
  const bare = (x: number) => (unit === '%' ? x.toFixed(1) : fmtNum(x));
  return `${v} [${bare(lo)}, ${bare(hi)}]`;
}

/**
 * A signed percentage with one decimal.
 *
 * @example
 * fmtSignedPct(33.94) // '+33.9%'
 */
export function fmtSignedPct(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return 'n/a';
  const r = x.toFixed(1);
  return `${x > 0 && r !== '0.0' ? '+' : ''}${r}%`;
}

/**
 * A change % with its CI: `+33.9% [+30.1, +37.2]`.
 *
 * @example
 * fmtChange({ estimate: -12.34, ci_low: -15, ci_high: -9.5 }) // '-12.3% [-15.0, -9.5]'
 */
export function fmtChange(c: { estimate: number | null; ci_low: number | null; ci_high: number | null }): string {
  if (c.estimate === null) return 'n/a';
  if (c.ci_low === null || c.ci_high === null) return `${fmtSignedPct(c.estimate)} [no CI]`;
  return `${fmtSignedPct(c.estimate)} [${fmtSignedPct(c.ci_low).replace('%', '')}, ${fmtSignedPct(c.ci_high).replace('%', '')}]`;
}

/**
 * A p-value: `p=0.008`, `p<0.001`, `p=n/a`.
 *
 * @example
 * fmtP(0.0079) // 'p=0.008'
 */
export function fmtP(p: number | null): string {
  if (p === null) return 'p=n/a';
  if (p < 0.001) return 'p<0.001';
  return `p=${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}
