/**
 * Why a variant's flame graph cannot be drawn, as one sentence for the run page (pure: the manifest and the
 * stack count in, words out). A profile with no stacks, or too few to show anything, is never drawn as an
 * empty box: the page says what perf record followed and what it found.
 */
import type { Manifest } from '../../ingest/manifest.ts';

/**
 * Fewer stack samples than this draw a few slivers, nothing to read: an idle process, not a profile (nginx's
 * master, followed for 3 s at 199 Hz under full load, gives none at all).
 */
export const MIN_FLAME_SAMPLES = 5;

/** The role of each pid in a repetition, in words. */
function roleOf(pids: Manifest['repetitions'][number]['pids'], pid: number): string {
  const front = pids.front ?? (pids.gateway === null ? [] : [pids.gateway]);
  if (front.includes(pid)) return 'the front';
  if (pids.workers.includes(pid)) return 'a worker';
  if (pids.main === pid) return 'the main process';
  return 'a process';
}

/**
 * The sentence that replaces a variant's flame graph, or null when `samples` are enough to draw one.
 * `errors` are the perf script files that could not be read (said when they leave too few samples).
 *
 * @example
 * flameUnavailableReason(manifest, 'direct', 0, [])
 * // -> 'No flame graph: perf record followed pid 4242 (the front) for 3 s under load and got no stack sample: that process hardly ran while the load did, so it is not what serves the requests (an idle master?); the config's monitor.front says which processes to follow.'
 */
export function flameUnavailableReason(manifest: Manifest, variant: string, samples: number, errors: string[]): string | null {
  if (samples >= MIN_FLAME_SAMPLES) return null;
  if (errors.length > 0) return `No flame graph: the perf script output could not be read (${errors.join('; ')}).`;
  const skipped = manifest.skipped.find((s) => s.phase === 'perf-record');
  if (skipped) return `No flame graph: perf record was skipped in this run (${skipped.reason}).`;
  const phases = (manifest.config as { phases?: unknown }).phases;
  if (Array.isArray(phases) && !phases.includes('perf-record')) return 'No flame graph: this run did not include the perf-record phase (--phases).';
  const reps = manifest.repetitions.filter((r) => r.variant === variant);
  const withPhase = reps.filter((r) => r.phases.some((p) => p.name === 'perf-record'));
  if (withPhase.length === 0) {
    const last = [...reps].sort((a, b) => b.repetition - a.repetition)[0];
    const why = last && last.status !== 'complete' ? ` (block ${last.repetition} was ${last.status}${last.error ? `: ${last.error}` : ''})` : '';
    return `No flame graph: perf record did not run for this variant; it runs in the last block only${why}.`;
  }
  const rep = withPhase[withPhase.length - 1];
  const perf = rep.phases.find((p) => p.name === 'perf-record')!.commands.find((c) => c.role === 'perf-record');
  if (!perf) return 'No flame graph: perf record did not start.';
  if (perf.exit_code !== 0) {
    const how = perf.signal ? `was killed by ${perf.signal}` : `exited with code ${perf.exit_code}`;
    return `No flame graph: perf record ${how} (its log is in ${rep.variant}/rep-${rep.repetition}/perf-record.perf-record.log).`;
  }
  const p = perf.argv.indexOf('-p');
  const pids = p >= 0 ? (perf.argv[p + 1] ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
  const s = perf.argv.indexOf('sleep');
  const seconds = s >= 0 ? ` for ${perf.argv[s + 1]} s` : '';
  const who = pids.length ? `${pids.length === 1 ? 'pid' : 'pids'} ${pids.map((x) => `${x} (${roleOf(rep.pids, x)})`).join(', ')}` : 'the gateway';
  const got = samples === 0 ? 'no stack sample' : `only ${samples} stack sample${samples === 1 ? '' : 's'}`;
  const them = pids.length > 1 ? 'those processes' : 'that process';
  const own = typeof (manifest.config as { config_file?: unknown }).config_file === 'string';
  const fix = own ? `, so ${pids.length > 1 ? 'they are' : 'it is'} not what serves the requests (an idle master?); the config's monitor.front says which processes to follow` : '';
  return `No flame graph: perf record followed ${who}${seconds} under load and got ${got}: ${them} hardly ran while the load did${fix}.`;
}
