/**
 * A run page (`/runs/<id>/`): machine and tool versions, plan and commands, verdicts, per-metric summaries,
 * charts, the machine's speed during the run, flame graphs and raw file downloads. A run that could not be loaded still gets a page that says why.
 */
import type { Analysis, RunResult } from '../../analysis/schema.ts';
import type { SiteInput } from './site-input.ts';
import { comparisonRows, verdictCounts, variantLabel, type ComparisonRow, type VerdictCounts } from './comparison-rows.ts';
import { runCharts, type RunCharts } from './run-charts.ts';
import { runSpeedView, type RunSpeedView } from './run-speed.ts';
import { warningList, type WarningList } from './warning-list.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { href, runHref, runSlug } from './href.ts';
import { shellQuote } from './shell-quote.ts';
import { isHeadline } from './headline-metrics.ts';
import { siteFraming } from './framing.ts';
import { sweepHref, sweepQuestion, sweepSection, type SweepSection } from './sweep.ts';
import { latestSweep } from '../../analysis/report/select.ts';
import { sizeLabel } from '../../ingest/byte-size.ts';

export interface RunView {
  layout: LayoutView;
  id: string;
  slug: string;
  label: string;
  status: string;
  ok: boolean;
  created_at: string | null;
  problems: string[];
  machine: { label: string; value: string }[];
  tools: { name: string; version: string }[];
  git: string;
  config: { key: string; value: string }[];
  warnings: WarningList;
  counts: VerdictCounts;
  baseline: string;
  candidate: string;
  rows: ComparisonRow[];
  other: { rows: ComparisonRow[]; baseline: string; candidate: string };
  has_rows: boolean;
  summaries: { label: string; unit: string; cells: { variant: string; estimate: number | null; ci_low: number | null; ci_high: number | null; n: number; cv_pct: number | null }[] }[];
  variant_labels: string[];
  charts: RunCharts | null;
  /** the "Machine speed during the run" section; null for a run that could not be loaded */
  speed: RunSpeedView | null;
  plan: { order: number; variant: string; repetition: number; status: string; error: string | null; phases: { name: string; timed: boolean; skipped: string | null; commands: { role: string; line: string; exit: string }[] }[] }[];
  skipped: { phase: string; reason: string }[];
  files: { path: string; href: string; size_bytes: number; sha256: string }[];
  load_errors: { where: string; reason: string }[];
  prev: { id: string; href: string } | null;
  next: { id: string; href: string } | null;
  compare_href: string;
  /** a sweep run's own section (break-even, change by size, cost curves); null for other runs */
  sweep: SweepSection | null;
  /** the sweep page when there is a sweep run, else null */
  sweep_href: string | null;
  sweep_question: string;
}

function str(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Neighbouring runs on the same machine, by time. */
function neighbours(analysis: Analysis, run: RunResult): { prev: RunResult | null; next: RunResult | null } {
  const group = analysis.history.groups.find((g) => g.runs.includes(run.id));
  if (!group) return { prev: null, next: null };
  const i = group.runs.indexOf(run.id);
  const find = (id: string | undefined) => (id ? analysis.runs.find((r) => r.id === id) ?? null : null);
  return { prev: find(group.runs[i - 1]), next: find(group.runs[i + 1]) };
}

/**
 * Build the model of one run page.
 *
 * @example
 * runView(input, input.analysis.runs[0]).slug // '2025-11-22T18-00-00Z-v2.0'
 */
export function runView(input: SiteInput, run: RunResult): RunView {
  const { analysis, base } = input;
  const extras = input.extras.get(run.id);
  const manifest = extras?.manifest ?? null;
  const all = comparisonRows(analysis, run.id);
  const rows = all.filter((r) => isHeadline(r.metric));
  const problems: string[] = [];
  if (run.error) problems.push(`${run.error.file ?? 'run'}${run.error.line ? `:${run.error.line}` : ''}: ${run.error.reason}`);
  if (extras?.manifest_error && !run.error) problems.push(`manifest.json: ${extras.manifest_error}`);
  if (run.status === 'failed' || run.status === 'incomplete') problems.push(`the collector marked this run ${run.status}`);
  const variantNames = [...new Set([run.baseline, run.candidate, ...run.variants.map((v) => v.name)].filter((v): v is string => !!v))];
  const metricOrder = analysis.metrics.map((m) => m.name);
  const summaryMetrics = metricOrder.filter((m) => run.summaries.some((s) => s.metric === m));
  const m = run.machine;
  const { prev, next } = neighbours(analysis, run);
  const loadErrors = run.repetitions.flatMap((r) =>
    r.errors.map((e) => ({ where: `${variantLabel(run, r.variant)} rep ${r.repetition}: ${e.file ?? ''}${e.line ? `:${e.line}` : ''}`, reason: e.reason })),
  );
  return {
    layout: layoutView({ base, title: `Run ${run.id}`, section: 'runs', generated_at: run.created_at ?? input.generated_at, charts: run.status !== 'error', description: siteFraming(input.analysis).meta }),
    id: run.id,
    slug: runSlug(run.id),
    label: run.label,
    status: run.status,
    ok: run.status !== 'error',
    created_at: run.created_at,
    problems,
    machine: m
      ? [
          { label: 'machine', value: m.name },
          { label: 'host', value: m.hostname },
          { label: 'CPU', value: `${m.cpu_model} (${m.cpu_count} cores)` },
          { label: 'memory', value: `${Math.round(m.mem_kb / 1024).toLocaleString('en-US')} MiB` },
          { label: 'kernel', value: m.kernel },
          { label: 'fingerprint', value: m.fingerprint },
        ]
      : [],
    tools: Object.entries(run.tools).map(([name, version]) => ({ name, version: version ?? 'not installed' })),
    git: run.git?.commit ? `${run.git.commit.slice(0, 12)}${run.git.dirty ? ' (dirty)' : ''}` : 'unknown',
    config: Object.entries(run.config ?? {})
      .filter(([k]) => k !== 'variants')
      .map(([key, value]) => ({ key, value: str(value) })),
    warnings: warningList(run.warnings, 4),
    counts: verdictCounts(all),
    baseline: variantLabel(run, run.baseline ?? ''),
    candidate: variantLabel(run, run.candidate ?? ''),
    rows,
    other: { rows: all.filter((r) => !isHeadline(r.metric)), baseline: variantLabel(run, run.baseline ?? ''), candidate: variantLabel(run, run.candidate ?? '') },
    has_rows: all.length > 0,
    variant_labels: variantNames.map((v) => variantLabel(run, v)),
    summaries: summaryMetrics.map((metric) => {
      const def = analysis.metrics.find((d) => d.name === metric);
      return {
        label: def?.label ?? metric,
        unit: def?.unit ?? '',
        cells: variantNames.map((v) => {
          const s = run.summaries.find((x) => x.metric === metric && x.variant === v);
          return { variant: variantLabel(run, v), estimate: s?.estimate ?? null, ci_low: s?.ci_low ?? null, ci_high: s?.ci_high ?? null, n: s?.n ?? 0, cv_pct: s?.cv_pct ?? null };
        }),
      };
    }),
    // a sweep's trials are at different sizes: its per-block charts would mix them (its section has its own)
    charts: run.status === 'error' || run.sweep ? null : runCharts(analysis, run, extras),
    speed: run.status === 'error' ? null : runSpeedView(analysis, run),
    plan: (manifest?.repetitions ?? [])
      .slice()
      .sort((a, b) => a.order - b.order)
      .map((r) => ({
        order: r.order + 1,
        variant: `${variantLabel(run, r.variant)}${r.point !== undefined ? ` at ${sizeLabel(run.sweep?.points.find((p) => p.point === r.point)?.size_bytes ?? 0)}` : ''}`,
        repetition: r.repetition,
        status: r.status,
        error: r.error ?? null,
        phases: r.phases.map((p) => ({
          name: p.name,
          timed: p.timed,
          skipped: p.skipped_reason ?? null,
          commands: p.commands.map((c) => ({ role: c.role, line: shellQuote(c.argv), exit: c.signal ? `signal ${c.signal}` : c.exit_code === null ? '—' : String(c.exit_code) })),
        })),
      })),
    skipped: manifest?.skipped ?? [],
    files: (extras?.files ?? []).map((f) => ({ path: f.path, size_bytes: f.size_bytes, sha256: f.sha256, href: href(base, `runs/${runSlug(run.id)}/raw/${f.path.split('/').map(encodeURIComponent).join('/')}`) })),
    load_errors: loadErrors,
    prev: prev ? { id: prev.id, href: runHref(base, prev.id) } : null,
    next: next ? { id: next.id, href: runHref(base, next.id) } : null,
    compare_href: `${href(base, 'compare/')}?a=${encodeURIComponent(run.id)}`,
    sweep: run.sweep && run.status !== 'error' ? sweepSection(analysis, run, base) : null,
    sweep_href: sweepHref(analysis, base),
    sweep_question: sweepQuestion(latestSweep(analysis)),
  };
}
