/**
 * The methodology page, generated from the latest run's manifest and the analysis settings where possible:
 * tools and versions, load parameters, pinning, warm-up, interleaving, statistics, metric definitions, and
 * the exact commands of one repetition.
 */
import type { SiteInput } from './site-input.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { runHref } from './href.ts';
import { shellQuote } from './shell-quote.ts';
import { formatNumber } from '../helpers/format-number.ts';

export interface MethodologyView {
  layout: LayoutView;
  source: { id: string; href: string } | null;
  tools: { name: string; version: string }[];
  load: { key: string; value: string }[];
  pinning: { sut: string; load: string; pinned: boolean };
  order: string;
  seed: string;
  repetitions: string;
  warmup_s: string;
  duration_s: string;
  rate_rps: number | null;
  settings: { resamples: number; confidence_pct: number; noise_threshold_pct: number; cv_threshold_pct: number; load_saturation_pct: number; change_point_threshold_pct: number; permutations: number; seed: number };
  metrics: { label: string; name: string; unit: string; better: string; statistic: string; phase: string; description: string; compared: boolean }[];
  commands: { phase: string; timed: boolean; role: string; line: string }[];
}

/**
 * Build the methodology model.
 *
 * @example
 * methodologyView(input).settings.resamples // 10000
 */
export function methodologyView(input: SiteInput): MethodologyView {
  const { analysis, base } = input;
  const candidates = analysis.runs.filter((r) => input.extras.get(r.id)?.manifest).sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? ''));
  const run = candidates[0];
  const manifest = run ? input.extras.get(run.id)!.manifest! : null;
  const c = manifest?.config;
  const s = analysis.settings;
  const firstRep = manifest?.repetitions.slice().sort((a, b) => a.order - b.order)[0];
  return {
    layout: layoutView({ base, title: 'Methodology', section: 'methodology', generated_at: input.generated_at, charts: false }),
    source: run ? { id: run.id, href: runHref(base, run.id) } : null,
    tools: Object.entries(manifest?.tools ?? run?.tools ?? {}).map(([name, version]) => ({ name, version: version ?? 'not installed' })),
    load: c
      ? [
          { key: 'closed-loop load (wrk)', value: `${c.threads} threads, ${c.connections} connections, ${c.duration_s} s per repetition` },
          { key: 'fixed-rate phase', value: `${formatNumber(c.rate_rps, 0)} req/s, open loop` },
          { key: 'function', value: c.function },
          { key: 'workers', value: c.workers === undefined ? 'default' : String(c.workers) },
          { key: 'variants', value: c.variants.map((v) => `${v.label} = ${v.name}`).join(', ') },
          { key: 'A/A calibration run', value: c.aa ? 'yes' : 'no' },
        ]
      : [],
    pinning: { sut: c?.pinning.sut_cpus ?? 'not pinned', load: c?.pinning.load_cpus ?? 'not pinned', pinned: !!(c?.pinning.sut_cpus || c?.pinning.load_cpus) },
    order: c ? (c.order === 'abab' ? 'alternating (ABAB…)' : 'randomized') : 'unknown',
    seed: c ? String(c.seed) : '—',
    repetitions: c ? String(c.repetitions) : '—',
    warmup_s: c ? String(c.warmup_s) : '—',
    duration_s: c ? String(c.duration_s) : '—',
    rate_rps: c?.rate_rps ?? null,
    settings: {
      resamples: s.resamples,
      confidence_pct: s.confidence * (s.confidence <= 1 ? 100 : 1),
      noise_threshold_pct: s.noise_threshold_pct,
      cv_threshold_pct: s.cv_threshold_pct,
      load_saturation_pct: s.load_saturation_pct,
      change_point_threshold_pct: s.change_point_threshold_pct,
      permutations: s.permutations,
      seed: s.seed,
    },
    metrics: analysis.metrics.map((m) => ({ label: m.label, name: m.name, unit: m.unit, better: m.better, statistic: m.statistic, phase: m.phase, description: m.description, compared: m.compared })),
    commands: (firstRep?.phases ?? []).flatMap((p) => p.commands.map((cmd) => ({ phase: p.name, timed: p.timed, role: cmd.role, line: shellQuote(cmd.argv) }))),
  };
}
