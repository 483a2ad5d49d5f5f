/**
 * The end-of-run summary in the seed's "BENCHMARK RESULTS" layout, from the manifest's per-phase sanity
 * figures (pure: manifest in, text out). Figures are medians over the variant's complete repetitions; the
 * comparison with confidence intervals is the analysis's job (`npm run analyze`).
 */
import type { Manifest } from '../manifest.ts';

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(v: number | null, digits: number, unit = ''): string {
  return v === null ? 'n/a' : `${v.toFixed(digits)}${unit}`;
}

/**
 * The "BENCHMARK RESULTS" block for a run.
 *
 * @example
 * benchmarkResults(manifest)
 * // -> '╔═══...\n║                BENCHMARK RESULTS                   ║\n...\nPROXY (v1.0) Results:\n...  Gateway CPU Usage:\n    Average Total: 45.20%\n...'
 */
export function benchmarkResults(m: Manifest): string {
  const lines = [
    '╔════════════════════════════════════════════════════╗',
    '║                BENCHMARK RESULTS                   ║',
    '╚════════════════════════════════════════════════════╝',
    '',
  ];
  for (const v of m.config.variants) {
    const reps = m.repetitions.filter((r) => r.variant === v.name);
    const ok = reps.filter((r) => r.status === 'complete');
    const fig = (phase: string, key: string) =>
      median(
        ok.flatMap((r) => {
          const x = r.phases.find((p) => p.name === phase)?.summary?.[key];
          return typeof x === 'number' ? [x] : [];
        }),
      );
    lines.push(`${v.name.toUpperCase()} (${v.label}) Results: ${ok.length} of ${reps.length} repetitions complete${ok.length > 1 ? ' (medians)' : ''}`);
    lines.push('─────────────────────────────────────────────────────');
    for (const r of reps.filter((r) => r.status !== 'complete')) lines.push(`  rep ${r.repetition} ${r.status}: ${r.error ?? ''}`);
    if (ok.length === 0) {
      lines.push('');
      continue;
    }
    lines.push('  Gateway CPU Usage (max throughput):');
    lines.push(`    Average Total: ${fmt(fig('throughput', 'gateway_cpu_pct'), 2, '%')}`);
    lines.push(`    Average User:  ${fmt(fig('throughput', 'gateway_usr_pct'), 2, '%')}`);
    lines.push(`    Average Sys:   ${fmt(fig('throughput', 'gateway_sys_pct'), 2, '%')}`);
    lines.push(`    Workers Total: ${fmt(fig('throughput', 'workers_cpu_pct'), 2, '%')}`);
    lines.push('');
    lines.push('  Latency & Throughput:');
    lines.push(`    Requests/sec:  ${fmt(fig('throughput', 'requests_per_s'), 2)}`);
    lines.push(`    Latency avg:   ${fmt(fig('throughput', 'latency_avg_ms'), 3, 'ms')}  p50 ${fmt(fig('throughput', 'latency_p50_ms'), 3, 'ms')}  p99 ${fmt(fig('throughput', 'latency_p99_ms'), 3, 'ms')}`);
    lines.push(`    Errors:        ${fmt(fig('throughput', 'errors'), 0)}`);
    if (ok.some((r) => r.phases.some((p) => p.name === 'fixed-rate'))) {
      lines.push('');
      lines.push(`  Fixed rate (${m.config.rate_rps} req/s, open loop):`);
      lines.push(`    Gateway CPU:   ${fmt(fig('fixed-rate', 'gateway_cpu_pct'), 2, '%')}  (workers ${fmt(fig('fixed-rate', 'workers_cpu_pct'), 2, '%')})`);
      lines.push(`    Latency:       p50 ${fmt(fig('fixed-rate', 'latency_p50_ms'), 3, 'ms')}  p99 ${fmt(fig('fixed-rate', 'latency_p99_ms'), 3, 'ms')}`);
      lines.push(`    Achieved:      ${fmt(fig('fixed-rate', 'rate_achieved_per_s'), 1)} req/s, errors ${fmt(fig('fixed-rate', 'errors'), 0)}`);
    }
    lines.push('');
  }
  for (const s of m.skipped) lines.push(`skipped ${s.phase}: ${s.reason}`);
  return lines.join('\n');
}
