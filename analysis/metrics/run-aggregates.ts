/**
 * Per-variant aggregates that are not interval summaries: syscalls per request by syscall (mean over the
 * repetitions that ran strace) and the open-loop latency spectrum of all raw latencies pooled.
 */
import { spectrumOfSorted } from './open-loop.ts';
import type { RepetitionResult, SyscallCount, VariantSpectrum, VariantSyscalls } from '../schema.ts';

/**
 * @example
 * variantSyscalls('proxy', reps) // { variant: 'proxy', syscalls: [{ name: 'read', calls: 30000, errors: 0, per_req: 3.0 }, ...] }
 */
export function variantSyscalls(variant: string, reps: RepetitionResult[]): VariantSyscalls {
  const withStrace = reps.filter((r) => r.variant === variant && r.syscalls.length > 0);
  const acc = new Map<string, { calls: number; errors: number; perReq: number; perReqN: number }>();
  for (const r of withStrace) {
    for (const s of r.syscalls) {
      const a = acc.get(s.name) ?? { calls: 0, errors: 0, perReq: 0, perReqN: 0 };
      a.calls += s.calls;
      a.errors += s.errors;
      if (s.per_req !== null) {
        a.perReq += s.per_req;
        a.perReqN++;
      }
      acc.set(s.name, a);
    }
  }
  const perReqReps = withStrace.filter((r) => r.syscalls.some((s) => s.per_req !== null)).length;
  const syscalls: SyscallCount[] = [...acc.entries()].map(([name, a]) => ({
    name,
    calls: a.calls,
    errors: a.errors,
    // a repetition that ran strace but never made this syscall counts as 0 per request
    per_req: perReqReps > 0 && a.perReqN > 0 ? a.perReq / perReqReps : null,
  }));
  syscalls.sort((x, y) => y.calls - x.calls || x.name.localeCompare(y.name));
  return { variant, syscalls };
}

/**
 * Spectrum of the pooled raw latencies (microseconds) of a variant's repetitions.
 *
 * @example
 * pooledSpectrum('fdpass', [Float64Array.from([100, 300]), Float64Array.from([200])])
 * // { variant: 'fdpass', count: 3, spectrum: [{ percentile: 0, latency_ms: 0.1 }, { percentile: 50, latency_ms: 0.2 }, ...] }
 */
export function pooledSpectrum(variant: string, sortedParts: Float64Array[]): VariantSpectrum {
  let total = 0;
  for (const p of sortedParts) total += p.length;
  const all = new Float64Array(total);
  let k = 0;
  for (const p of sortedParts) {
    all.set(p, k);
    k += p.length;
  }
  all.sort();
  return { variant, count: total, spectrum: spectrumOfSorted(all) };
}
