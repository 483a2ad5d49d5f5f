/**
 * Every metric the analysis computes per repetition: name (with its unit), label, which direction is better,
 * the statistic that summarizes repetitions (tails use the median of per-run values: never an average of
 * percentiles), and the phase it comes from. The JSON lists these so the site can label its charts.
 */
import type { MetricDef } from '../schema.ts';

type Def = Omit<MetricDef, 'compared'> & { compared?: boolean };

const defs: Def[] = [
  // load (throughput phase, wrk, closed loop)
  { name: 'throughput_rps', label: 'Throughput', unit: 'req/s', better: 'higher', statistic: 'mean', phase: 'throughput', description: 'wrk requests/s at maximum load (closed loop)' },
  { name: 'latency_p50_ms', label: 'Latency p50', unit: 'ms', better: 'lower', statistic: 'median', phase: 'throughput', description: 'wrk 50th percentile latency' },
  { name: 'latency_p75_ms', label: 'Latency p75', unit: 'ms', better: 'lower', statistic: 'median', phase: 'throughput', description: 'wrk 75th percentile latency' },
  { name: 'latency_p90_ms', label: 'Latency p90', unit: 'ms', better: 'lower', statistic: 'median', phase: 'throughput', description: 'wrk 90th percentile latency' },
  { name: 'latency_p99_ms', label: 'Latency p99', unit: 'ms', better: 'lower', statistic: 'median', phase: 'throughput', description: 'wrk 99th percentile latency (median over repetitions, never averaged)' },
  { name: 'latency_max_ms', label: 'Latency max', unit: 'ms', better: 'lower', statistic: 'median', phase: 'throughput', description: 'wrk maximum latency' },
  { name: 'non_2xx_responses', label: 'Non-2xx/3xx responses', unit: 'count', better: 'lower', statistic: 'mean', phase: 'throughput', compared: false, description: 'wrk "Non-2xx or 3xx responses" (a validity gate)' },
  { name: 'socket_errors', label: 'Socket errors', unit: 'count', better: 'lower', statistic: 'mean', phase: 'throughput', compared: false, description: 'wrk socket errors: connect + read + write + timeout (a validity gate)' },
  // gateway (pidstat during the throughput phase)
  { name: 'gateway_cpu_pct', label: 'Gateway CPU', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway %CPU of one core, mean of pidstat samples' },
  { name: 'gateway_cpu_peak_pct', label: 'Gateway CPU peak', unit: '%', better: 'lower', statistic: 'median', phase: 'throughput', description: 'gateway %CPU, highest pidstat sample' },
  { name: 'gateway_usr_cpu_pct', label: 'Gateway user CPU', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway %usr, mean of samples' },
  { name: 'gateway_sys_cpu_pct', label: 'Gateway system CPU', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway %system, mean of samples' },
  { name: 'gateway_sys_share_pct', label: 'Gateway system share', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway %system / (%usr + %system)' },
  { name: 'gateway_cswch_per_s', label: 'Gateway voluntary context switches', unit: '1/s', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway cswch/s, mean of samples' },
  { name: 'gateway_nvcswch_per_s', label: 'Gateway involuntary context switches', unit: '1/s', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway nvcswch/s, mean of samples' },
  { name: 'gateway_rss_baseline_kb', label: 'Gateway RSS at start', unit: 'kB', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway RSS in the first sample' },
  { name: 'gateway_rss_peak_kb', label: 'Gateway RSS peak', unit: 'kB', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway RSS, highest sample' },
  { name: 'gateway_rss_final_kb', label: 'Gateway RSS at end', unit: 'kB', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway RSS in the last sample' },
  { name: 'gateway_rss_growth_kb', label: 'Gateway RSS growth', unit: 'kB', better: 'lower', statistic: 'mean', phase: 'throughput', compared: false, description: 'gateway RSS last sample minus first sample' },
  // workers (pidstat, summed over worker processes at each sampling time)
  { name: 'workers_cpu_pct', label: 'Workers CPU', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'sum over workers of %CPU, mean of samples' },
  { name: 'workers_cpu_peak_pct', label: 'Workers CPU peak', unit: '%', better: 'lower', statistic: 'median', phase: 'throughput', description: 'sum over workers of %CPU, highest sample' },
  { name: 'workers_usr_cpu_pct', label: 'Workers user CPU', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'sum over workers of %usr, mean of samples' },
  { name: 'workers_sys_cpu_pct', label: 'Workers system CPU', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'sum over workers of %system, mean of samples' },
  { name: 'workers_cswch_per_s', label: 'Workers voluntary context switches', unit: '1/s', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'sum over workers of cswch/s' },
  { name: 'workers_nvcswch_per_s', label: 'Workers involuntary context switches', unit: '1/s', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'sum over workers of nvcswch/s' },
  { name: 'workers_rss_peak_kb', label: 'Workers RSS peak', unit: 'kB', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'highest sum over workers of RSS' },
  { name: 'load_cpu_pct', label: 'Load generator CPU', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', compared: false, description: 'busy % of the load generator\'s CPUs (from /proc/stat around the trial; 100 = one CPU), or its pidstat %CPU in older runs' },
  { name: 'sut_cpu_busy_pct', label: 'System-under-test CPU busy', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', compared: false, description: 'busy % of the CPUs the gateway and workers are pinned to (from /proc/stat around the trial)' },
  // cost per request: the fair comparison at different throughputs
  { name: 'gateway_cpu_us_per_req', label: 'Gateway CPU per request', unit: 'us', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'pidstat: gateway mean %CPU / 100 * 1e6 * wrk duration / wrk requests' },
  { name: 'workers_cpu_us_per_req', label: 'Workers CPU per request', unit: 'us', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'pidstat: workers mean summed %CPU / 100 * 1e6 * wrk duration / wrk requests' },
  { name: 'total_cpu_us_per_req', label: 'Total CPU per request', unit: 'us', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'busy time of the system under test\'s CPUs (/proc/stat around the trial) / wrk requests; in runs without /proc/stat copies, gateway + workers from pidstat' },
  { name: 'pidstat_total_cpu_us_per_req', label: 'Gateway + workers CPU per request (pidstat)', unit: 'us', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'pidstat: gateway + workers mean %CPU / 100 * 1e6 * wrk duration / wrk requests (a second instrument for total_cpu_us_per_req)' },
  { name: 'gateway_task_clock_us_per_req', label: 'Gateway task-clock per request', unit: 'us', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'perf stat task-clock of the gateway / wrk requests (perf\'s window encloses the load)' },
  { name: 'total_task_clock_us_per_req', label: 'Gateway + workers task-clock per request', unit: 'us', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'perf stat task-clock of the gateway and the workers / wrk requests' },
  { name: 'gateway_syscalls_per_req', label: 'Gateway syscalls per request', unit: '1/req', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'perf stat raw_syscalls:sys_enter of the gateway (in-kernel count under full load) / wrk requests' },
  { name: 'total_syscalls_per_req', label: 'Syscalls per request under load', unit: '1/req', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'perf stat raw_syscalls:sys_enter of the gateway and workers (in-kernel count under full load) / wrk requests' },
  { name: 'gateway_cswch_per_req', label: 'Gateway context switches per request', unit: '1/req', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway (cswch + nvcswch)/s / (requests/s)' },
  { name: 'total_cswch_per_req', label: 'Context switches per request', unit: '1/req', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway + workers (cswch + nvcswch)/s / (requests/s)' },
  { name: 'gateway_cpu_share_pct', label: 'Gateway share of CPU', unit: '%', better: 'lower', statistic: 'mean', phase: 'throughput', description: 'gateway CPU / (gateway + workers CPU)' },
  // strace phase (untimed: strace slows the processes down; only counts are used)
  { name: 'syscalls_per_req', label: 'Syscalls per request (strace)', unit: '1/req', better: 'lower', statistic: 'mean', phase: 'strace', compared: false, description: 'strace -c -f total calls / requests served during the strace phase (at the low rate strace allows; runs collected since the paired design take it in one block only: total_syscalls_per_req is the figure under load)' },
  // fixed-rate phase (open loop)
  { name: 'cpu_pct_at_fixed_rate', label: 'Gateway CPU at fixed rate', unit: '%', better: 'lower', statistic: 'mean', phase: 'fixed-rate', description: 'gateway %CPU, mean of samples, at the configured rate (default 2,500 req/s)' },
  { name: 'total_cpu_pct_at_fixed_rate', label: 'Total CPU at fixed rate', unit: '%', better: 'lower', statistic: 'mean', phase: 'fixed-rate', description: 'gateway + workers %CPU at the configured rate' },
  { name: 'gateway_cpu_us_per_req_at_fixed_rate', label: 'Gateway CPU per request at fixed rate', unit: 'us', better: 'lower', statistic: 'mean', phase: 'fixed-rate', description: 'perf stat task-clock of the gateway over a window enclosing the fixed-rate trial / open-loop requests (in runs without it, pidstat: gateway mean %CPU / 100 * 1e6 / achieved rate); a load generator far from saturation cannot bend it' },
  { name: 'total_cpu_us_per_req_at_fixed_rate', label: 'Total CPU per request at fixed rate', unit: 'us', better: 'lower', statistic: 'mean', phase: 'fixed-rate', description: 'perf stat task-clock of the gateway and the workers over the fixed-rate trial / open-loop requests (in runs without it, pidstat: gateway + workers mean %CPU / 100 * 1e6 / achieved rate; /proc/stat\'s tick-sampled CPU time is biased at this load); a sweep\'s headline CPU figure' },
  { name: 'openloop_latency_p50_ms', label: 'Open-loop p50', unit: 'ms', better: 'lower', statistic: 'median', phase: 'fixed-rate', description: 'open-loop client 50th percentile latency' },
  { name: 'openloop_latency_p90_ms', label: 'Open-loop p90', unit: 'ms', better: 'lower', statistic: 'median', phase: 'fixed-rate', description: 'open-loop client 90th percentile latency' },
  { name: 'openloop_latency_p95_ms', label: 'Open-loop p95', unit: 'ms', better: 'lower', statistic: 'median', phase: 'fixed-rate', description: 'open-loop client 95th percentile latency' },
  { name: 'openloop_latency_p99_ms', label: 'Open-loop p99', unit: 'ms', better: 'lower', statistic: 'median', phase: 'fixed-rate', description: 'open-loop client 99th percentile latency' },
  { name: 'openloop_latency_p999_ms', label: 'Open-loop p99.9', unit: 'ms', better: 'lower', statistic: 'median', phase: 'fixed-rate', description: 'open-loop client 99.9th percentile latency' },
  { name: 'openloop_latency_max_ms', label: 'Open-loop max', unit: 'ms', better: 'lower', statistic: 'median', phase: 'fixed-rate', description: 'open-loop client maximum latency' },
  { name: 'openloop_errors', label: 'Open-loop errors', unit: 'count', better: 'lower', statistic: 'mean', phase: 'fixed-rate', compared: false, description: 'open-loop client errors (a validity gate)' },
  { name: 'probe_sut_ns_per_miter', label: 'Speed probe, system-under-test CPU', unit: 'ns', better: 'lower', statistic: 'mean', phase: 'throughput', compared: false, description: 'the speed probe\'s fixed loop on the gateway\'s CPU, ns per million iterations, mean of before and after the throughput trial' },
  { name: 'probe_load_ns_per_miter', label: 'Speed probe, load CPU', unit: 'ns', better: 'lower', statistic: 'mean', phase: 'throughput', compared: false, description: 'the speed probe\'s fixed loop on the load generator\'s CPU, ns per million iterations, mean of before and after the throughput trial' },
  { name: 'load_cpu_pct_at_fixed_rate', label: 'Load generator CPU at fixed rate', unit: '%', better: 'lower', statistic: 'mean', phase: 'fixed-rate', compared: false, description: 'the open-loop client\'s own CPU (user + system, its `cpu_s`) over its sending window, in percent of what it could use (its threads, at most the CPUs it was pinned to): 100 = saturated' },
  { name: 'fixed_rate_achieved_rps', label: 'Achieved fixed rate', unit: 'req/s', better: 'higher', statistic: 'mean', phase: 'fixed-rate', compared: false, description: 'requests completed per second by the open-loop client' },
];

/** Every metric definition, in report order. */
export const METRICS: readonly MetricDef[] = defs.map((d) => ({ ...d, compared: d.compared ?? true }));

const byName = new Map(METRICS.map((m) => [m.name, m]));

/**
 * The definition of a metric by name.
 *
 * @example
 * metricDef('throughput_rps').better // 'higher'
 */
export function metricDef(name: string): MetricDef {
  const def = byName.get(name);
  if (!def) throw new Error(`unknown metric "${name}"`);
  return def;
}
