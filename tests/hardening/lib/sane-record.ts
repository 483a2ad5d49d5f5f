/**
 * Whether a parsed record is plausible: no NaN, no infinity and no negative number anywhere in it.
 * Every gatebench record holds counts, rates, sizes, durations, percentages and timestamps, none of
 * which can be negative; a hostile input that parses must not smuggle such a value in. Pure.
 */

/**
 * The path and value of the first implausible number in `v`, or undefined when there is none.
 * @example insaneValue({ a: [1, -2] }) // '.a[1] = -2'
 */
export function insaneValue(v: unknown, at = ''): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? undefined : `${at} = ${v}`;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = insaneValue(v[i], `${at}[${i}]`);
      if (r) return r;
    }
    return undefined;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const r = insaneValue(x, `${at}.${k}`);
      if (r) return r;
    }
  }
  return undefined;
}
