/**
 * Step detection in a series (a history of one metric): optimal partitioning into constant segments by
 * minimizing the sum of squared deviations plus a penalty per segment (the Potts model asv uses, here with
 * an L2 cost), solved exactly by dynamic programming with PELT pruning. The noise scale sigma is estimated
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
  const F = new Float64Array(n + 1);
  const last = new Int32Array(n + 1);
  F[0] = -beta;
  let candidates: number[] = [0];
  for (let t = 1; t <= n; t++) {
    let best = Infinity;
    let arg = 0;
    for (const s of candidates) {
      const v = F[s] + cost(s, t) + beta;
      if (v < best) {
        best = v;
        arg = s;
      }
    }
    F[t] = best;
    last[t] = arg;
    const next: number[] = [];
    for (const s of candidates) if (F[s] + cost(s, t) <= best) next.push(s);
    next.push(t);
    candidates = next;
  }
  const bounds: number[] = [];
  for (let t = n; t > 0; t = last[t]) bounds.push(t);
  bounds.push(0);
  bounds.reverse(); // 0, b1, ..., n
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
