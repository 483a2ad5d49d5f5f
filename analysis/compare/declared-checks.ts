/**
 * The checks a declared target or expected change must pass beyond its shape (ingest/declared.ts), wherever
 * it is declared: `analysis/compare/targets.json` or `--targets FILE`, and a `--config`'s `targets` and `expected`.
 * A target names a known metric and has a name; an expected change names a metric that is compared between
 * variants, once, with `low_pct <= high_pct`. Each problem is one line naming the key path
 * (`targets.0.metric: unknown metric "throughput"`); the caller puts the file in front.
 */
import type { ExpectedChange, Target } from '../../ingest/declared.ts';
import { METRICS } from '../metrics/metric-defs.ts';

function unknownMetric(metric: string): string {
  const near = METRICS.map((m) => m.name).filter((n) => n.startsWith(metric.split('_')[0]));
  return `unknown metric "${metric}"${near.length ? ` (metrics starting alike: ${near.slice(0, 6).join(', ')})` : ''}`;
}

/**
 * The first problem of a list of targets, or null.
 *
 * @example
 * targetsProblem([{ name: 'rps', metric: 'throughput', op: '>', threshold: 1000 }]) // -> 'targets.0.metric: unknown metric "throughput" (metrics starting alike: throughput_rps)'
 */
export function targetsProblem(targets: readonly Target[], at = 'targets'): string | null {
  for (const [i, t] of targets.entries()) {
    if (t.name.trim() === '') return `${at}.${i}.name: must not be empty`;
    if (!METRICS.some((m) => m.name === t.metric)) return `${at}.${i}.metric: ${unknownMetric(t.metric)}`;
  }
  return null;
}

/**
 * The first problem of a list of expected changes, or null.
 *
 * @example
 * expectedProblem([{ metric: 'throughput_rps', low_pct: 30, high_pct: 20 }]) // -> 'expected.0: low_pct (30) is above high_pct (20)'
 */
export function expectedProblem(expected: readonly ExpectedChange[], at = 'expected'): string | null {
  const seen = new Map<string, number>();
  for (const [i, e] of expected.entries()) {
    const def = METRICS.find((m) => m.name === e.metric);
    if (!def) return `${at}.${i}.metric: ${unknownMetric(e.metric)}`;
    if (!def.compared) return `${at}.${i}.metric: "${e.metric}" is not compared between variants, so no change of it can be expected`;
    if (seen.has(e.metric)) return `${at}.${i}.metric: "${e.metric}" already has a range (${at}.${seen.get(e.metric)})`;
    seen.set(e.metric, i);
    if (e.low_pct > e.high_pct) return `${at}.${i}: low_pct (${e.low_pct}) is above high_pct (${e.high_pct})`;
    if (e.claim !== undefined && e.claim.trim() === '') return `${at}.${i}.claim: must not be empty (leave it out for the metric's label)`;
  }
  return null;
}
