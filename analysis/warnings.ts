/**
 * Every warning the analysis can raise, as typed values `{ code, ...params }`, and the one place their
 * messages are written. Severity `gate` means a validity gate failed: the comparisons it applies to get the
 * verdict `invalid` with the message as the reason. Scope: a warning with `variant`, `metric` or `phase`
 * (the metric phase kind: throughput, fixed-rate, strace) applies only to comparisons matching them.
 */
import type { Warning as WarningJson } from './schema.ts';

export type Warning =
  | { code: 'run-load-error'; reason: string }
  | { code: 'run-incomplete'; status: string }
  | { code: 'repetition-failed'; variant: string; repetition: number; error: string | null }
  | { code: 'parse-error'; variant?: string; repetition?: number; file: string | null; line: number | null; reason: string }
  | { code: 'phase-skipped'; skipped_phase: string; reason: string }
  | { code: 'variant-missing'; variant: string; role: 'baseline' | 'candidate' }
  | { code: 'aa-run' }
  | { code: 'too-few-repetitions'; variant: string; metric?: string; n: number }
  | { code: 'high-cv'; variant: string; metric: string; cv_pct: number; threshold_pct: number }
  | { code: 'http-errors'; variant: string; repetition: number; phase: string; non_2xx: number; socket_errors: number }
  | { code: 'load-saturated'; variant: string; repetition: number; phase: string; load_cpu_pct: number; capacity_pct: number; threshold_pct: number }
  | { code: 'load-not-monitored' }
  | { code: 'capacity-drift'; variant: string; throughput_cv_pct: number; cost_cv_pct: number }
  | { code: 'phase-overlap'; variant: string; repetition: number; untimed_phase: string; timed_phase: string; overlap_s: number }
  | { code: 'config-mismatch'; fields: string; baseline_run: string; candidate_run: string }
  | { code: 'machine-mismatch'; baseline_fingerprint: string; candidate_fingerprint: string }
  | { code: 'declaration-invalid'; key: string; reason: string }
  | { code: 'baseline-zero'; metric: string }
  | { code: 'no-data'; metric: string; variant: string; run?: string }
  | { code: 'too-few-blocks'; metric: string; blocks: number; min_blocks: number; dropped: number }
  | { code: 'ratio-spread'; metric: string; spread_pct: number; threshold_pct: number }
  | { code: 'variant-cv'; variant: string; metric: string; cv_pct: number; threshold_pct: number }
  | { code: 'blocks-dropped'; metric: string; used: number; total: number }
  | { code: 'saturated-blocks-dropped'; metric: string; blocks: number[]; total: number }
  | { code: 'both-saturated'; variant: string; phase: string; blocks: number; of: number; load_cpu_pct: number; sut_cpu_pct: number }
  | { code: 'idle-process'; variant: string; process: string; cpu_pct: number }
  | { code: 'speed-change'; block: number; cpu_role: string; change_pct: number; threshold_pct: number }
  | { code: 'instrument-disagreement'; metric: string; other_metric: string; change_pct: number; other_change_pct: number };

export type WarningCode = Warning['code'];
export type Severity = WarningJson['severity'];

const SEVERITY: Record<WarningCode, Severity> = {
  'run-load-error': 'gate',
  'run-incomplete': 'warning',
  'repetition-failed': 'warning',
  'parse-error': 'warning',
  'phase-skipped': 'note',
  'variant-missing': 'gate',
  'aa-run': 'note',
  'too-few-repetitions': 'gate',
  'high-cv': 'gate',
  'http-errors': 'gate',
  'load-saturated': 'gate',
  'load-not-monitored': 'note',
  'capacity-drift': 'note',
  'phase-overlap': 'gate',
  'config-mismatch': 'gate',
  'machine-mismatch': 'gate',
  'declaration-invalid': 'warning',
  'baseline-zero': 'gate',
  'no-data': 'gate',
  'too-few-blocks': 'gate',
  'ratio-spread': 'note',
  'variant-cv': 'note',
  'blocks-dropped': 'note',
  'saturated-blocks-dropped': 'note',
  'both-saturated': 'note',
  'speed-change': 'note',
  'idle-process': 'warning',
  'instrument-disagreement': 'note',
};

const fmt = (x: number, digits = 1): string => x.toFixed(digits);

/**
 * The human sentence for a warning.
 *
 * @example
 * warningMessage({ code: 'high-cv', variant: 'proxy', metric: 'throughput_rps', cv_pct: 14.2, threshold_pct: 10 })
 * // 'proxy throughput_rps varies too much between repetitions (CV 14.2% > 10%): noisy machine?'
 */
export function warningMessage(w: Warning): string {
  switch (w.code) {
    case 'run-load-error':
      return `run could not be loaded: ${w.reason}`;
    case 'run-incomplete':
      return `run is ${w.status}: only the repetitions that completed are analyzed`;
    case 'repetition-failed':
      return `${w.variant} repetition ${w.repetition} failed${w.error ? `: ${w.error}` : ''}; it is left out`;
    case 'parse-error':
      return `${[w.file, w.line].filter((x) => x !== null && x !== undefined).join(':')}: ${w.reason} (the rest of the run is analyzed)`;
    case 'phase-skipped':
      return `phase ${w.skipped_phase} was skipped: ${w.reason}`;
    case 'variant-missing':
      return `the ${w.role} variant "${w.variant}" has no repetitions in this run: nothing to compare`;
    case 'aa-run':
      return 'A/A run: both sides run the same variant, every verdict should be "no significant difference"';
    case 'too-few-repetitions':
      return `fewer than 3 repetitions of ${w.variant}${w.metric ? ` for ${w.metric}` : ''} (n = ${w.n}): no confidence interval`;
    case 'high-cv':
      return `${w.variant} ${w.metric} varies too much between repetitions (CV ${fmt(w.cv_pct)}% > ${fmt(w.threshold_pct, 0)}%): noisy machine?`;
    case 'http-errors':
      return `${w.variant} repetition ${w.repetition} (${w.phase}): ${w.non_2xx} non-2xx/3xx responses and ${w.socket_errors} socket errors: the measurement includes failures`;
    case 'load-saturated':
      return `${w.variant} repetition ${w.repetition} (${w.phase}): the load generator used ${fmt(w.load_cpu_pct)}% CPU of ${fmt(w.capacity_pct, 0)}% available (>= ${fmt(w.threshold_pct, 0)}%): the client, not the gateway, may limit ${w.phase === 'fixed-rate' ? 'the rate, and its latencies measure the client' : 'throughput'}`;
    case 'load-not-monitored':
      return "the load generator's CPU was not measured in this run (no /proc/stat copies around its trials): the load-saturation gate could not run";
    case 'capacity-drift':
      return `${w.variant}: throughput varies ${fmt(w.throughput_cv_pct)}% between repetitions while total CPU per request varies ${fmt(w.cost_cv_pct)}%: the machine's CPU capacity changed during the run (host throttling, steal time, frequency), not the work per request; trust the cost per request, not throughput, latency or CPU % at the fixed rate`;
    case 'phase-overlap':
      return `${w.variant} repetition ${w.repetition}: untimed phase ${w.untimed_phase} overlapped timed phase ${w.timed_phase} by ${fmt(w.overlap_s, 3)} s: its measurements are perturbed`;
    case 'config-mismatch':
      return `runs ${w.baseline_run} and ${w.candidate_run} used different configurations (${w.fields}): not comparable`;
    case 'machine-mismatch':
      return `runs were measured on different machines (fingerprints ${w.baseline_fingerprint} and ${w.candidate_fingerprint}): not comparable`;
    case 'declaration-invalid':
      return `the run's declared ${w.key === 'expected' ? 'expected changes' : w.key} are not applied: ${w.reason}`;
    case 'baseline-zero':
      return `the baseline estimate of ${w.metric} is 0: a relative change is undefined`;
    case 'no-data':
      return `no values of ${w.metric} for ${w.variant}${w.run ? ` in run ${w.run}` : ''}`;
    case 'too-few-blocks':
      return `only ${w.blocks} blocks with ${w.metric} on both sides (${w.dropped} dropped; at least ${w.min_blocks} are needed for a 95% paired interval and test)`;
    case 'ratio-spread':
      return `the within-block ratios of ${w.metric} spread ${fmt(w.spread_pct)}% (SD of log ratios > ${fmt(w.threshold_pct, 0)}%): adjacent trials barely repeat on this machine, and the wide interval says so`;
    case 'variant-cv':
      return `${w.variant} ${w.metric} varies ${fmt(w.cv_pct)}% between blocks (above ${fmt(w.threshold_pct, 0)}%); the paired comparison cancels what the machine did to both variants alike`;
    case 'blocks-dropped':
      return `${w.metric}: ${w.used} of ${w.total} blocks have a value on both sides; the others are left out`;
    case 'saturated-blocks-dropped':
      return `${w.metric}: block${w.blocks.length === 1 ? '' : 's'} ${w.blocks.join(', ')} left out (${w.blocks.length} of ${w.total}): there the load generator was saturated while the gateway's CPU had idle time, so the client set the pace`;
    case 'both-saturated':
      return `${w.variant} (${w.phase}): the load generator's CPU (at least ${fmt(w.load_cpu_pct)}% busy) and the system under test's (at least ${fmt(w.sut_cpu_pct)}%) were both saturated in ${w.blocks} of ${w.of} blocks: throughput is the two CPUs' together, with the gateway's CPU fully used`;
    case 'idle-process':
      return w.process === 'gateway'
        ? `${w.variant}: the monitored front (the gateway figures) used ${fmt(w.cpu_pct, 2)}% CPU under full load: it is probably not what serves the requests (an idle master?); say which processes are the front in the config's monitor.front (e.g. "descendants")`
        : `${w.variant}: the monitored ${w.process} used ${fmt(w.cpu_pct, 2)}% CPU under full load: they are probably not what serves the requests; say which processes are the workers in the config's monitor.workers (or "none")`;
    case 'speed-change':
      return `block ${w.block}: the speed probe on the ${w.cpu_role} CPU changed ${fmt(w.change_pct)}% within the block (threshold ${fmt(w.threshold_pct, 0)}%): the machine's speed moved between paired trials`;
    case 'instrument-disagreement':
      return `${w.metric} changed ${fmt(w.change_pct)}% but ${w.other_metric}, the same quantity by another instrument, changed ${fmt(w.other_change_pct)}% (their intervals do not overlap): per-process CPU of processes sharing a CPU is split unreliably`;
  }
}

/**
 * A few words for a warning, for tight layouts (the console's verdict column); the full sentence is
 * `warningMessage`.
 *
 * @example
 * warningShort({ code: 'high-cv', variant: 'proxy', metric: 'throughput_rps', cv_pct: 14.2, threshold_pct: 10 }) // 'high CV proxy 14.2%'
 */
export function warningShort(w: Warning): string {
  switch (w.code) {
    case 'high-cv':
      return `high CV ${w.variant} ${fmt(w.cv_pct)}%`;
    case 'too-few-repetitions':
      return `n=${w.n} ${w.variant}`;
    case 'no-data':
      return `no data ${w.variant}`;
    case 'http-errors':
      return `errors ${w.variant}#${w.repetition}`;
    case 'load-saturated':
      return `load saturated ${w.variant}#${w.repetition}`;
    case 'phase-overlap':
      return `phase overlap ${w.variant}#${w.repetition}`;
    case 'variant-missing':
      return `no ${w.variant}`;
    case 'capacity-drift':
      return `capacity drift ${w.variant}`;
    case 'too-few-blocks':
      return `${w.blocks} blocks`;
    case 'ratio-spread':
      return `ratio spread ${fmt(w.spread_pct)}%`;
    default:
      return w.code;
  }
}

/**
 * The severity of a warning: `gate` (invalidates the verdicts it applies to), `warning` or `note`.
 *
 * @example
 * warningSeverity({ code: 'aa-run' }) // 'note'
 */
export function warningSeverity(w: Warning): Severity {
  return SEVERITY[w.code];
}

/**
 * The JSON form: the typed value plus `severity` and `message`.
 *
 * @example
 * warningJson({ code: 'aa-run' }) // { code: 'aa-run', severity: 'note', message: 'A/A run: ...' }
 */
export function warningJson(w: Warning): WarningJson {
  return { ...w, severity: warningSeverity(w), message: warningMessage(w) };
}
