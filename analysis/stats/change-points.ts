/**
 * Step detection in a series (a history of one metric): partitioning into constant segments that lowers the
 * sum of squared deviations by more than a penalty per extra segment (the Potts model asv uses, here with an
 * L2 cost), found by binary segmentation (O(n log n), so a 1,000-run history stays fast; exact optimal
 * partitioning is O(n^2) on a series without steps). The noise scale sigma is estimated
 * robustly from the median absolute deviation of successive differences, the penalty is
 * `penalty_factor * sigma^2 * ln(n)` (BIC-like), and steps smaller than `min_step` are dropped.
 */
import { median } from 'simple-statistics';

export interface StepOptions {
  /** multiplier of sigma^2 ln(n) per extra segment (default 3) */
  penaltyFactor?: number;
  /** only report steps whose size, as measured by `stepSize`, is at least this (default 0) */
  minStep?: number;
  /** size of a step from segment mean `before` to `after` (default: relative change in percent) */
  stepSize?: (before: number, after: number) => number;
}

export interface Step {
  /** index of the first value after the step */
  index: number;
  /** means of the segments on either side */
  before: number;
  after: number;
  /** stepSize(before, after) */
  size: number;
}

function relativePct(before: number, after: number): number {
  return before === 0 ? (after === 0 ? 0 : Infinity) : ((after - before) / Math.abs(before)) * 100;
}

/**
 * @example
 * detectSteps([10, 10.1, 9.9, 10, 12, 12.1, 11.9, 12], { minStep: 5 })
 * // [{ index: 4, before: 10, after: 12, size: 20 }]
 */
export function detectSteps(values: readonly number[], options: StepOptions = {}): Step[] {
  const n = values.length;
  if (n < 2) return [];
  for (const v of values) if (!Number.isFinite(v)) throw new Error(`step detection requires finite values, got ${v}`);
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    s1[i + 1] = s1[i] + values[i];
    s2[i + 1] = s2[i] + values[i] * values[i];
  }
  const cost = (s: number, t: number): number => {
    const len = t - s;
    const a = s1[t] - s1[s];
    return Math.max(0, s2[t] - s2[s] - (a * a) / len);
  };
  const diffs: number[] = [];
  for (let i = 1; i < n; i++) diffs.push(Math.abs(values[i] - values[i - 1]));
  const scale = Math.abs(median(values as number[]));
  const sigmaMad = median(diffs) / (0.6745 * Math.SQRT2);
  const sigma = Math.max(sigmaMad, 0.005 * scale, 1e-12);
  const beta = (options.penaltyFactor ?? 3) * sigma * sigma * Math.log(Math.max(n, 3));
  // binary segmentation: split a segment where it lowers the cost most, if by more than the penalty;
  // O(n log n) where optimal partitioning (PELT) is O(n^2) on a series without steps
  const bounds: number[] = [0, n];
  const stack: [number, number][] = [[0, n]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    if (b - a < 2) continue;
    const whole = cost(a, b);
    let bestGain = 0;
    let at = -1;
    for (let k = a + 1; k < b; k++) {
      const gain = whole - cost(a, k) - cost(k, b);
      if (gain > bestGain) {
        bestGain = gain;
        at = k;
      }
    }
    if (at > 0 && bestGain > beta) {
      bounds.push(at);
      stack.push([a, at], [at, b]);
    }
  }
  bounds.sort((x, y) => x - y); // 0, b1, ..., n
  const size = options.stepSize ?? relativePct;
  const minStep = options.minStep ?? 0;
  const steps: Step[] = [];
  for (let k = 1; k < bounds.length - 1; k++) {
    const [a, b, c] = [bounds[k - 1], bounds[k], bounds[k + 1]];
    const before = (s1[b] - s1[a]) / (b - a);
    const after = (s1[c] - s1[b]) / (c - b);
    const sz = size(before, after);
    if (Math.abs(sz) >= minStep) steps.push({ index: b, before, after, size: sz });
  }
  return steps;
}
