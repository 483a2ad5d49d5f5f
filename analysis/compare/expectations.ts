/**
 * Expected impacts and how a measured change compares with one. The seed guide's expected impact of fd
 * passing applies to gatebench's own gateway; its ranges are in percent, as the guide states them: gateway
 * CPU -40..-50%, system CPU -60..-70%, context switches -30..-40%, p99 latency -20..-30%, throughput
 * +20..+30%. A `--config` run is judged against the config's own `expected` changes instead (`configExpected`).
 */
import type { ExpectedChange } from '../../ingest/declared.ts';
import type { Expectation } from '../schema.ts';
import type { Change } from './verdict.ts';

export interface Expected {
  claim: string;
  low: number;
  high: number;
}

const GATEWAY_CPU: Expected = { claim: 'gateway CPU', low: -50, high: -40 };
const SYSTEM_CPU: Expected = { claim: 'system CPU', low: -70, high: -60 };
const SWITCHES: Expected = { claim: 'context switches', low: -40, high: -30 };
const P99: Expected = { claim: 'p99 latency', low: -30, high: -20 };
const THROUGHPUT: Expected = { claim: 'throughput', low: 20, high: 30 };

/** metric -> the guide's claim it tests (a claim can be tested by several metrics). */
export const EXPECTED_IMPACT: Readonly<Record<string, Expected>> = {
  gateway_cpu_pct: GATEWAY_CPU,
  gateway_cpu_us_per_req: GATEWAY_CPU,
  cpu_pct_at_fixed_rate: GATEWAY_CPU,
  gateway_sys_cpu_pct: SYSTEM_CPU,
  gateway_cswch_per_s: SWITCHES,
  gateway_cswch_per_req: SWITCHES,
  total_cswch_per_req: SWITCHES,
  latency_p99_ms: P99,
  openloop_latency_p99_ms: P99,
  throughput_rps: THROUGHPUT,
};

/**
 * A config's `expected` changes as a table like the seed's: metric -> claim and range (the claim defaults to
 * the metric's label, from `labelOf`).
 *
 * @example
 * configExpected([{ metric: 'throughput_rps', low_pct: 300, high_pct: 500 }], () => 'Throughput')
 * // { throughput_rps: { claim: 'Throughput', low: 300, high: 500 } }
 */
export function configExpected(expected: readonly ExpectedChange[], labelOf: (metric: string) => string): Record<string, Expected> {
  const out: Record<string, Expected> = {};
  for (const e of expected) out[e.metric] = { claim: e.claim ?? labelOf(e.metric), low: e.low_pct, high: e.high_pct };
  return out;
}

/**
 * Confirmed when the change's CI overlaps the expected range and excludes 0; contradicted when the CI lies
 * entirely outside the range; inconclusive otherwise (CI overlaps the range but includes 0, or no CI).
 * Null for metrics the table makes no claim about. `table` is the seed guide's (default) or a config's
 * (`configExpected`), and `source` says whose it is, in the record and in the note.
 *
 * @example
 * expectationFor('throughput_rps', { estimate: 25, ci_low: 21, ci_high: 29 })
 * // { metric: 'throughput_rps', expected_low_pct: 20, expected_high_pct: 30, assessment: 'confirmed', note: 'guide expects ...', source: 'seed' }
 */
export function expectationFor(metric: string, change: Change, table: Readonly<Record<string, Expected>> = EXPECTED_IMPACT, source: 'seed' | 'config' = 'seed'): Expectation | null {
  const e = table[metric];
  if (!e) return null;
  return { ...assess(metric, e, change, source === 'seed' ? 'guide' : 'config'), source };
}

/** The assessment of a change against one expected range; `who` expects it, in the note. */
function assess(metric: string, e: Expected, change: Change, who: string): Omit<Expectation, 'source'> {
  const base = { metric, expected_low_pct: e.low, expected_high_pct: e.high };
  const range = `${e.claim} ${signed(e.low)}..${signed(e.high)}%`;
  if (change.estimate === null || change.ci_low === null || change.ci_high === null) {
    return { ...base, assessment: 'inconclusive', note: `${who} expects ${range}; no confidence interval to judge` };
  }
  const overlaps = change.ci_low <= e.high && change.ci_high >= e.low;
  const excludesZero = change.ci_low > 0 || change.ci_high < 0;
  if (!overlaps) {
    const sameDirection = Math.sign(change.estimate) === Math.sign(e.low) && excludesZero;
    const where = e.low < 0 ? (change.ci_high < e.low ? 'beyond' : 'short of') : change.ci_low > e.high ? 'beyond' : 'short of';
    return {
      ...base,
      assessment: 'contradicted',
      note: `${who} expects ${range}; measured CI ${signed(change.ci_low)}..${signed(change.ci_high)}% ${
        sameDirection ? `is ${where} the expected range` : excludesZero ? 'is in the opposite direction' : 'includes 0 and misses the expected range'
      }`,
    };
  }
  if (!excludesZero) return { ...base, assessment: 'inconclusive', note: `${who} expects ${range}; measured CI includes 0` };
  return { ...base, assessment: 'confirmed', note: `${who} expects ${range}; measured CI overlaps it` };
}

function signed(x: number): string {
  const r = Math.round(x * 10) / 10;
  return `${r > 0 ? '+' : ''}${r}`;
}
