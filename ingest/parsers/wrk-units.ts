/**
 * wrk's printed units, read back into numbers. wrk formats with src/units.c: times as `us`/`ms` below one
 * second and `s`/`m`/`h` above (scale 60), counts with metric prefixes `k M G T P` (scale 1000), bytes with
 * binary prefixes `K M G T P` followed by `B` (scale 1024: wrk's "KB" is a KiB). `-nan` / `nan` / `inf`
 * (printed when nothing was measured) read as null.
 */

const TIME_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const METRIC: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };
const BINARY: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4, P: 1024 ** 5 };

/** The units above whose factor is a power of ten, as its exponent: their values are read exactly by shifting. */
const TIME_EXP: Record<string, number> = { us: -3, ms: 0, s: 3 };
const METRIC_EXP: Record<string, number> = { '': 0, k: 3, M: 6, G: 9, T: 12, P: 15 };
const BINARY_EXP: Record<string, number> = { '': 0 };

const NUMBER = String.raw`([+-]?(?:\d+(?:\.\d*)?|\.\d+))`;
const TIME_RE = new RegExp(`^${NUMBER}(us|ms|s|m|h)$`);
const METRIC_RE = new RegExp(`^${NUMBER}([kMGTP]?)$`);
const BINARY_RE = new RegExp(`^${NUMBER}([KMGTP]?)B$`);

/** true for the not-a-number spellings C's printf produces (`-nan`, `nan`, `-nan%`). */
export function isNan(token: string): boolean {
  return /^[+-]?nan%?$/i.test(token);
}

/**
 * A wrk duration in milliseconds, or undefined when `token` is not one.
 * @example parseTimeMs('847.00us') // 0.847
 * @example parseTimeMs('1.67m') // 100200
 */
export function parseTimeMs(token: string): number | undefined {
  const m = TIME_RE.exec(token);
  if (!m) return undefined;
  return scaled(m[1], TIME_EXP[m[2]], TIME_MS[m[2]]);
}

/**
 * A wrk count with an optional metric prefix, or undefined when `token` is not one.
 * @example parseMetric('11.12k') // 11120
 */
export function parseMetric(token: string): number | undefined {
  const m = METRIC_RE.exec(token);
  if (!m) return undefined;
  return scaled(m[1], METRIC_EXP[m[2]], METRIC[m[2]]);
}

/**
 * A wrk byte amount (binary prefixes, 1 KB = 1024 B), or undefined when `token` is not one.
 * @example parseBytes('15.11KB') // 15472.64
 */
export function parseBytes(token: string): number | undefined {
  const m = BINARY_RE.exec(token);
  if (!m) return undefined;
  return scaled(m[1], BINARY_EXP[m[2]], BINARY[m[2]]);
}

/**
 * A percentage token such as `91.61%`, null for `-nan%`, undefined when it is not a percentage.
 * @example parsePercent('67.09%') // 67.09
 */
export function parsePercent(token: string): number | null | undefined {
  if (isNan(token)) return null;
  const m = /^([+-]?\d+(?:\.\d+)?)%$/.exec(token);
  return m ? Number(m[1]) : undefined;
}

/**
 * `round(Number(value) * factor)`, computed without toPrecision (slow) when `factor` is 10^`exp` and `value` has
 * at most 12 digits: the product then rounds to 12 significant digits to exactly the decimal `value`e`exp`, and
 * the nearest double to that decimal is what Number() reads from `${value}e${exp}` (0 for -0, like round).
 */
function scaled(value: string, exp: number | undefined, factor: number): number {
  if (exp !== undefined && value.length <= 12) {
    const x = exp === 0 ? Number(value) : Number(`${value}e${exp}`);
    return x === 0 ? 0 : x;
  }
  return round(Number(value) * factor);
}

/** Removes binary floating-point noise from unit conversions (0.847 not 0.8470000000000001). */
function round(n: number): number {
  return Number(n.toPrecision(12));
}
