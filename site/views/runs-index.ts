/**
 * The runs page (`/runs/`): every run, newest first, with machine, status and its verdict counts.
 */
import type { SiteInput } from './site-input.ts';
import { verdictCounts } from './comparison-rows.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { runHref } from './href.ts';
import { siteFraming } from './framing.ts';

export interface RunsIndexView {
  layout: LayoutView;
  runs: { id: string; label: string; href: string; created_at: string | null; host: string; status: string; counts: ReturnType<typeof verdictCounts>; error: string | null }[];
}

/**
 * Build the runs index model.
 *
 * @example
 * runsIndexView(input).runs[0].href // '/runs/2025-11-22T18-00-00Z-v2.0/'
 */
export function runsIndexView(input: SiteInput): RunsIndexView {
  const { analysis, base } = input;
  const byRun = new Map<string, { verdict: string }[]>();
  for (const c of analysis.comparisons) {
    if (c.baseline.run || c.candidate.run) continue;
    if (!byRun.has(c.run)) byRun.set(c.run, []);
    byRun.get(c.run)!.push(c);
  }
  const runs = analysis.runs
    .map((r) => ({
      id: r.id,
      label: r.label,
      href: runHref(base, r.id),
      created_at: r.created_at,
      host: r.machine?.hostname ?? '—',
      status: r.status,
      counts: verdictCounts(byRun.get(r.id) ?? []),
      error: r.error?.reason ?? null,
    }))
    .sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || a.id.localeCompare(b.id));
  return { layout: layoutView({ base, title: 'Runs', section: 'runs', generated_at: input.generated_at, charts: false, description: siteFraming(input.analysis).meta }), runs };
}
