/**
 * The console report, in the seed's "BENCHMARK RESULTS" layout: one headline line per variant, then the
 * change of the candidate versus the baseline for every metric with its CI, p-value, verdict and the seed
 * guide's expectation, the targets, the warnings, and the change points of the history. Returns a string.
 */
import { describeEvent } from '../history/history-events.ts';
import { metricDef } from '../metrics/metric-defs.ts';
import type { Analysis, Comparison, RunResult, Summary } from '../schema.ts';
import { fmtChange, fmtEstimate, fmtP, fmtValue } from './format.ts';
import { warningShort, type Warning } from '../warnings.ts';
import { breakEvensOf, comparedCandidates, comparisonsOf, latestSweep, reportedRun, variantLabel, variantTitle } from './select.ts';
import { breakEvenText } from './break-even-text.ts';

/** The headline metrics of the seed's layout, with the label it printed. */
const HEADLINE: [string, string][] = [
  ['throughput_rps', 'Throughput'],
  ['gateway_cpu_pct', 'Gateway CPU'],
  ['gateway_cpu_us_per_req', 'CPU/req'],
  ['latency_p99_ms', 'p99'],
  ['gateway_rss_peak_kb', 'RSS'],
];

function summaryOf(run: RunResult, variant: string, metric: string): Summary | undefined {
  return run.summaries.find((s) => s.variant === variant && s.metric === metric);
}

function headline(run: RunResult, variant: string): string {
  const parts: string[] = [];
  for (const [metric, label] of HEADLINE) {
    const s = summaryOf(run, variant, metric);
    if (!s || s.estimate === null) continue;
    if (s.unit === 'kB') {
      const mb = (x: number | null) => (x === null ? null : x / 1024);
      parts.push(`${label}: ${fmtEstimate(mb(s.estimate), mb(s.ci_low), mb(s.ci_high), 'MB')}`);
    } else parts.push(`${label}: ${fmtEstimate(s.estimate, s.ci_low, s.ci_high, s.unit)}`);
  }
  return parts.length ? parts.join('   ') : 'no measurements';
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length);
}

function comparisonLine(c: Comparison): string {
  const def = metricDef(c.metric);
  const exp = c.expected ? `  expected ${c.expected.expected_low_pct > 0 ? '+' : ''}${c.expected.expected_low_pct}..${c.expected.expected_high_pct > 0 ? '+' : ''}${c.expected.expected_high_pct}%: ${c.expected.assessment}` : '';
  const verdict = c.verdict === 'invalid' ? `invalid (${c.warnings.length ? [...new Set(c.warnings.map((w) => warningShort(w as unknown as Warning)))].join('; ') : c.reason})` : c.verdict;
  return `  ${pad(def.label, 38)}${pad(fmtChange(c.change_pct), 26)}${pad(fmtP(c.p_value), 9)}${verdict}${exp}`;
}

/**
 * The latest sweep's break-even per metric (empty without a sweep run).
 *
 * @example
 * sweepLines(analysis) // ['', 'Sweep 2026-...-sweep-v1.0-vs-v2.0: where v2.0 pays (reports/sweep.md has every size)', '  Total CPU per request  about 11 KiB (...)']
 */
function sweepLines(analysis: Analysis): string[] {
  const run = latestSweep(analysis);
  if (!run?.sweep || !run.candidate) return [];
  const candidates = comparedCandidates(run);
  const out = ['', `Sweep ${run.id} (${run.status}): where ${candidates.map((c) => variantLabel(run, c)).join(', ')} ${candidates.length > 1 ? 'pay' : 'pays'}, break-even per metric (reports/sweep.md has every size)`];
  for (const cand of candidates) {
    const label = variantLabel(run, cand);
    if (candidates.length > 1) out.push(`  ${label} vs ${variantLabel(run, run.baseline ?? '')}:`);
    for (const b of breakEvensOf(run, cand)) out.push(`  ${pad(metricDef(b.metric).label, 38)}${breakEvenText(b, label)}`);
  }
  return out;
}

/**
 * @example
 * console.log(renderConsole(analysis));
 */
export function renderConsole(analysis: Analysis): string {
  const out: string[] = ['=== BENCHMARK RESULTS ==='];
  const run = reportedRun(analysis);
  const errors = analysis.runs.filter((r) => r.status === 'error');
  if (!run) {
    const sweep = sweepLines(analysis);
    out.push(sweep.length ? 'No run of one load yet (only sweeps).' : analysis.runs.length ? 'No run could be loaded.' : 'No runs found: run `npm run collect` first.');
    out.push(...sweep);
    for (const r of errors) out.push(`  ${r.id}: ${r.warnings[0]?.message ?? r.error?.reason}`);
    return `${out.join('\n')}\n`;
  }
  const m = run.machine;
  out.push(`Run ${run.id} (${run.label}), ${run.status}${run.aa ? ', A/A' : ''}`);
  if (m) out.push(`Machine ${m.name}: ${m.cpu_model}, ${m.cpu_count} CPUs, kernel ${m.kernel} (fingerprint ${m.fingerprint})`);
  const reps = run.variants.map((v) => `${v.name} n=${run.repetitions.filter((r) => r.variant === v.name && r.status !== 'failed').length}`).join(', ');
  out.push(`Blocks: ${reps}. Estimates: mean over blocks (median for latency tails), 95% CI in brackets (Student's t; order statistics for medians).`);
  out.push('');
  const width = Math.max(...run.variants.map((v) => variantTitle(run, v.name).length)) + 2;
  for (const v of run.variants) out.push(`${pad(`${variantTitle(run, v.name)}:`, width + 1)}${headline(run, v.name)}`);
  const comps = comparisonsOf(analysis, run.id);
  if (comps.length && run.baseline && run.candidate) {
    out.push('');
    out.push(`Change ${variantLabel(run, run.candidate)} vs ${variantLabel(run, run.baseline)} (candidate - baseline) / baseline, ${comps[0].design === 'two-sample' ? 'two samples: 95% Mann-Whitney CI, rank-sum p-value' : 'paired by block: 95% signed-rank CI, exact sign-flip p-value'}, verdict:`);
    for (const c of comps) out.push(comparisonLine(c));
    const counts = new Map<string, number>();
    for (const c of comps) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
    out.push(`  verdicts: ${[...counts.entries()].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  }
  const targets = analysis.targets.filter((t) => t.run === run.id);
  if (targets.length) {
    out.push('');
    out.push('Targets (pass only if the whole 95% CI meets it):');
    const names = [...new Set(targets.map((t) => t.target))];
    const head = (name: string) => {
      const t0 = targets.find((t) => t.target === name)!;
      return `${name} ${t0.op} ${fmtValue(t0.threshold, t0.unit)}`;
    };
    const width = Math.max(...names.map((n) => head(n).length)) + 2;
    for (const name of names) {
      const ts = targets.filter((t) => t.target === name);
      const cells = ts.map((t) => `${variantLabel(run, t.variant)}: ${t.status} (${fmtEstimate(t.estimate, t.ci_low, t.ci_high, t.unit)})`);
      out.push(`  ${pad(head(name), width)}${cells.join('   ')}`);
    }
  }
  if (run.warnings.length) {
    out.push('');
    out.push('Warnings:');
    for (const w of run.warnings) out.push(`  ${w.severity === 'gate' ? '!' : w.severity === 'warning' ? '*' : '-'} ${w.message}`);
  }
  const group = analysis.history.groups.find((g) => g.name === m?.name);
  if (group) {
    const steps = group.series.flatMap((s) => s.change_points.map((cp) => ({ s, cp })));
    out.push('');
    out.push(`History on this machine: ${group.runs.length} run(s), ${steps.length} change point(s) above ${analysis.settings.change_point_threshold_pct}%, ${group.events.length} event(s)`);
    for (const { s, cp } of steps.slice(-10)) {
      const unit = s.variant === 'change_pct' ? ' pp' : '%';
      out.push(`  ${s.metric} (${s.variant}) at ${cp.run}: ${fmtValue(cp.before, s.unit)} -> ${fmtValue(cp.after, s.unit)} (${cp.change_pct > 0 ? '+' : ''}${cp.change_pct.toFixed(1)}${unit}) ${cp.direction}`);
    }
    for (const e of group.events.slice(-10)) out.push(`  event at ${e.run}: ${describeEvent(e)}`);
  }
  out.push(...sweepLines(analysis));
  if (errors.length) {
    out.push('');
    out.push('Runs that could not be loaded:');
    for (const r of errors) out.push(`  ${r.id}: ${r.warnings[0]?.message ?? r.error?.reason}`);
  }
  return `${out.join('\n')}\n`;
}
