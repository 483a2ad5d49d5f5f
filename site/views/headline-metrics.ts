/**
 * The metrics the overview and the history page lead with (the analysis computes many more; run pages list all).
 */
export const HEADLINE_METRICS = [
  'throughput_rps',
  'latency_p99_ms',
  'openloop_latency_p99_ms',
  'gateway_cpu_pct',
  'gateway_sys_cpu_pct',
  'gateway_cpu_us_per_req',
  'total_cpu_us_per_req',
  'gateway_cswch_per_s',
  'total_cswch_per_req',
  'syscalls_per_req',
  'gateway_rss_peak_kb',
  'cpu_pct_at_fixed_rate',
];

/**
 * True when a metric is one of the headline metrics.
 *
 * @example
 * isHeadline('throughput_rps') // true
 */
export function isHeadline(metric: string): boolean {
  return HEADLINE_METRICS.includes(metric);
}
