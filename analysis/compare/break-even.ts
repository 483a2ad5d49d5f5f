/**
 * The break-even size of one metric in a sweep: where the candidate's paired change against the baseline
 * crosses zero as the response size grows. Pure.
 *
 * - Point estimate: between the two measured sizes where the change's estimate changes sign, the size where
 *   the straight line through them (change against log size) is zero. When the estimate changes sign more
 *   than once, the last crossing is the break-even (from there on the sign holds up to the largest size);
 *   all crossings are listed.
 * - Interval: the sizes around that crossing where the 95% band of the change contains zero, with the band's
 *   bounds interpolated the same way (the inverse of the band: a size is in the interval when the measured
 *   change there cannot be told from zero). Its ends can lie beyond the measured range (`null`). The band is
 *   pointwise, one interval per size: the break-even's interval is as honest as those, no more.
 * - Bracket: the two measured sizes enclosing the crossing ("between 4 KiB and 16 KiB"), which needs no
 *   interpolation at all.
 */
import type { BreakEven, Better } from '../schema.ts';

/** The change of one metric at one size. */
export interface ChangeAtSize {
  size_bytes: number;
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** the comparison's verdict there; `invalid` sizes are still used, and listed */
  verdict?: string;
}

/** The size where the line through (log s1, v1) and (log s2, v2) is zero (exactly s1 or s2 when v1 or v2 is). */
function zeroAt(s1: number, v1: number, s2: number, v2: number): number {
  if (v2 === 0) return s2;
  if (v1 === 0 || v1 === v2) return s1;
  return s1 * (s2 / s1) ** (v1 / (v1 - v2));
}

/**
 * One end of the interval: walking from the crossing (between points i and i+1, at size `s0`, where the
 * band's bounds are `lo0`, `hi0`) toward smaller (`step` -1) or larger (+1) sizes, the size where the band
 * stops containing zero; null when it contains zero up to the end of the measured range, undefined when a
 * bound is missing on the way.
 */
function bandEnd(points: ChangeAtSize[], i: number, s0: number, lo0: number, hi0: number, step: -1 | 1): number | null | undefined {
  let s = s0;
  let lo = lo0;
  let hi = hi0;
  for (let k = step === -1 ? i : i + 1; k >= 0 && k < points.length; k += step) {
    const p = points[k];
    if (p.ci_low === null || p.ci_high === null) return undefined;
    if (p.ci_low > 0) return zeroAt(s, lo, p.size_bytes, p.ci_low);
    if (p.ci_high < 0) return zeroAt(s, hi, p.size_bytes, p.ci_high);
    s = p.size_bytes;
    lo = p.ci_low;
    hi = p.ci_high;
  }
  return null;
}

/**
 * The break-even of a metric from its change at each size of a sweep.
 *
 * @example
 * // total CPU per request (lower is better): fdpass costs 20% more at 1 KiB and 30% less at 64 KiB
 * breakEven('total_cpu_us_per_req', 'lower', [
 *   { size_bytes: 1024, estimate: 20, ci_low: 10, ci_high: 30 },
 *   { size_bytes: 65536, estimate: -30, ci_low: -40, ci_high: -20 },
 * ])
 * // -> { status: 'crossed', size_bytes: 5405 (1024 * 64^0.4), interval: { low_bytes: 2353 (1024 * 64^0.2), high_bytes: 12417 (1024 * 64^0.6) },
 * //      bracket: { below_bytes: 1024, above_bytes: 65536 }, candidate_better: 'above', crossings_bytes: [5405], ... }
 */
export function breakEven(metric: string, better: Better, changes: ChangeAtSize[]): BreakEven {
  const points = changes.filter((c) => c.estimate !== null && c.size_bytes > 0).sort((a, b) => a.size_bytes - b.size_bytes);
  const range = points.length ? { from_bytes: points[0].size_bytes, to_bytes: points[points.length - 1].size_bytes } : null;
  const invalid = changes.filter((c) => c.verdict === 'invalid').map((c) => c.size_bytes).sort((a, b) => a - b);
  const none: BreakEven = { metric, status: 'no-data', size_bytes: null, interval: null, bracket: null, candidate_better: null, crossings_bytes: [], range, invalid_sizes_bytes: invalid };
  if (points.length < 2) return none;
  const good = (v: number) => (better === 'lower' ? v < 0 : v > 0);
  const est = points.map((p) => p.estimate as number);

  const crossings: { i: number; size: number }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = est[i];
    const b = est[i + 1];
    if (a === 0 || Math.sign(a) === Math.sign(b)) continue;
    crossings.push({ i, size: zeroAt(points[i].size_bytes, a, points[i + 1].size_bytes, b) });
  }

  if (crossings.length === 0) {
    const signs = est.filter((v) => v !== 0);
    const everywhere = signs.length > 0 && signs.every(good);
    const nowhere = signs.length > 0 && signs.every((v) => !good(v));
    // may the break-even lie just inside the range? the band around the end nearest zero says
    const last = points.length - 1;
    const nearEnd = Math.abs(est[0]) <= Math.abs(est[last]) ? 0 : last;
    const p = points[nearEnd];
    let interval: BreakEven['interval'] = null;
    if (p.ci_low !== null && p.ci_high !== null && p.ci_low <= 0 && p.ci_high >= 0) {
      const end = nearEnd === 0 ? bandEnd(points, 0, p.size_bytes, p.ci_low, p.ci_high, 1) : bandEnd(points, last - 1, p.size_bytes, p.ci_low, p.ci_high, -1);
      if (end !== undefined) interval = nearEnd === 0 ? { low_bytes: null, high_bytes: end } : { low_bytes: end, high_bytes: null };
    }
    return { ...none, status: 'not-reached', interval, candidate_better: everywhere ? 'everywhere' : nowhere ? 'nowhere' : null };
  }

  const { i, size } = crossings[crossings.length - 1];
  const a = points[i];
  const b = points[i + 1];
  let interval: BreakEven['interval'] = null;
  if (a.ci_low !== null && a.ci_high !== null && b.ci_low !== null && b.ci_high !== null) {
    // the band's bounds at the crossing, on the same lines as the estimate
    const xa = Math.log(a.size_bytes);
    const t = (Math.log(size) - xa) / (Math.log(b.size_bytes) - xa);
    const lo = a.ci_low + t * (b.ci_low - a.ci_low);
    const hi = a.ci_high + t * (b.ci_high - a.ci_high);
    const low = bandEnd(points, i, size, lo, hi, -1);
    const high = bandEnd(points, i, size, lo, hi, 1);
    if (low !== undefined && high !== undefined) interval = { low_bytes: low, high_bytes: high };
  }
  return {
    metric,
    status: 'crossed',
    size_bytes: size,
    interval,
    bracket: { below_bytes: a.size_bytes, above_bytes: b.size_bytes },
    // the side above the crossing: the first non-zero estimate after it (or the other sign than before it)
    candidate_better: good(est.slice(i + 1).find((v) => v !== 0) ?? -est[i]) ? 'above' : 'below',
    crossings_bytes: crossings.map((c) => c.size),
    range,
    invalid_sizes_bytes: invalid,
  };
}
