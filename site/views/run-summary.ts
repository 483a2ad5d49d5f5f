/**
 * The small JSON files the compare page loads in the browser: `data/runs.json` (every run) and
 * `runs/<id>/summary.json` (one run's summaries and comparisons).
 */
import type { Analysis, RunResult } from '../../analysis/schema.ts';
import { runSlug } from './href.ts';
import { designLabel } from './comparison-design.ts';

export interface RunSummaryJson {
  id: string;
  label: string;
  created_at: string | null;
  host: string | null;
  noise_threshold_pct: number;
  variants: { name: string; label: string }[];
  metrics: { name: string; label: string; unit: string; better: string }[];
  summaries: { metric: string; variant: string; estimate: number | null; ci_low: number | null; ci_high: number | null; n: number }[];
  comparisons: {
    metric: string;
    baseline: string;
    candidate: string;
    change_pct: { estimate: number | null; ci_low: number | null; ci_high: number | null };
    verdict: string;
    reason: string | null;
    /** `paired, 18 of 20 blocks` or `two samples`, as the tables print it */
    design: string;
  }[];
}

/**
 * One run's summary for the compare page.
 *
 * @example
 * runSummaryJson(analysis, run).variants // [{ name: 'proxy', label: 'v1.0' }, { name: 'fdpass', label: 'v2.0' }]
 */
export function runSummaryJson(analysis: Analysis, run: RunResult): RunSummaryJson {
  const used = new Set(run.summaries.map((s) => s.metric));
  return {
    id: run.id,
    label: run.label,
    created_at: run.created_at,
    host: run.machine?.hostname ?? null,
    noise_threshold_pct: analysis.settings.noise_threshold_pct,
    variants: run.variants,
    metrics: analysis.metrics.filter((m) => used.has(m.name)).map((m) => ({ name: m.name, label: m.label, unit: m.unit, better: m.better })),
    summaries: run.summaries.map((s) => ({ metric: s.metric, variant: s.variant, estimate: s.estimate, ci_low: s.ci_low, ci_high: s.ci_high, n: s.n })),
    comparisons: analysis.comparisons
      .filter((c) => c.run === run.id && !c.baseline.run && !c.candidate.run)
      .map((c) => ({ metric: c.metric, baseline: c.baseline.variant, candidate: c.candidate.variant, change_pct: c.change_pct, verdict: c.verdict, reason: c.reason, design: designLabel(c) })),
  };
}

/**
 * The list of runs for the compare page's pickers.
 *
 * @example
 * runsListJson(analysis)[0] // { id: 'r1', slug: 'r1', label: 'v2.0', created_at: '…', host: 'bench1', variants: [...] }
 */
export function runsListJson(analysis: Analysis): { id: string; slug: string; label: string; created_at: string | null; host: string | null; variants: { name: string; label: string }[] }[] {
  return analysis.runs
    .filter((r) => r.status !== 'error' && r.summaries.length > 0)
    .map((r) => ({ id: r.id, slug: runSlug(r.id), label: r.label, created_at: r.created_at, host: r.machine?.hostname ?? null, variants: r.variants }));
}
