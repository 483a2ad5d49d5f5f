/**
 * The methodology page, generated from the latest run's manifest and the analysis settings where possible:
 * tools and versions, load parameters, pinning, warm-up, interleaving, the paired statistics and their
 * gates, the speed probe, CPU per request, the calibration of the verdicts (real A/A runs from the analysis
 * JSON beside the simulated figures), metric definitions, and the exact commands of one repetition.
 */

/** One row of the calibration table: what was checked, on what, and the figure. */
export interface CalibrationRow {
  check: string;
  source: string;
  value: string;
}

/**
 * The simulated properties of the paired method (tests/analysis/stats/paired-log-ratio.test.ts and sign-flip-test.test.ts, seeded: lognormal noise, a 0.5x machine-speed step mid-run): the
 * signed-rank interval's coverage and the sign-flip test's false-positive rate, by number of blocks.
 */
export const SIMULATED_CALIBRATION: { blocks: number; coverage_pct: number | null; false_positive_pct: number | null }[] = [
  { blocks: 5, coverage_pct: 93.3, false_positive_pct: null },
  { blocks: 10, coverage_pct: 94.9, false_positive_pct: 4.85 },
  { blocks: 20, coverage_pct: 95.7, false_positive_pct: 5.0 },
];

/**
 * The calibration rows: the verdicts' false-positive rate on the committed real A/A runs (when the analysis
 * JSON has them), then the simulated figures.
 *
 * @example
 * calibrationRows({ aa_runs: ['a', 'b'], comparisons: 44, improved_or_regressed: 1, no_significant_difference: 42, invalid: 1, false_positive_pct: 2.27 })[0]
 * // { check: 'false positives (improved or regressed) on real A/A runs', source: '2 A/A runs, 44 comparisons (42 no significant difference, 1 invalid)', value: '2.3% (1 of 44)' }
 */
export function calibrationRows(cal: Calibration | null | undefined): CalibrationRow[] {
  const rows: CalibrationRow[] = [];
  if (cal) {
    const runs = `${cal.aa_runs.length} A/A run${cal.aa_runs.length === 1 ? '' : 's'}`;
    rows.push({
      check: 'false positives (improved or regressed) on real A/A runs',
      source: `${runs}, ${cal.comparisons} comparisons (${cal.no_significant_difference} no significant difference, ${cal.invalid} invalid)`,
      value: cal.false_positive_pct === null ? '—' : `${formatPercent(cal.false_positive_pct)} (${cal.improved_or_regressed} of ${cal.comparisons})`,
    });
  }
  for (const r of SIMULATED_CALIBRATION) {
    if (r.coverage_pct !== null) rows.push({ check: 'signed-rank 95% interval: coverage', source: `simulated, ${r.blocks} blocks`, value: formatPercent(r.coverage_pct) });
  }
  for (const r of SIMULATED_CALIBRATION) {
    if (r.false_positive_pct !== null) rows.push({ check: 'sign-flip test at p < 0.05: false-positive rate', source: `simulated, ${r.blocks} blocks`, value: formatPercent(r.false_positive_pct) });
  }
  return rows;
}
import type { SiteInput } from './site-input.ts';
import type { Manifest } from '../../ingest/manifest.ts';
import type { Calibration } from '../../analysis/schema.ts';
import { layoutView, type LayoutView } from './layout.ts';
import { runHref } from './href.ts';
import { shellQuote } from './shell-quote.ts';
import { formatNumber, formatPercent } from '../helpers/format-number.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { siteFraming, type Framing } from './framing.ts';

export interface MethodologyView {
  layout: LayoutView;
  /** what is compared: gatebench's own gateway, or a --config's comparison (framing.ts) */
  framing: Framing;
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
  settings: {
    confidence_pct: number;
    noise_threshold_pct: number;
    cv_threshold_pct: number;
    load_saturation_pct: number;
    change_point_threshold_pct: number;
    seed: number;
    min_blocks: number;
    ratio_spread_threshold_pct: number;
    speed_change_threshold_pct: number;
  };
  /** the real A/A runs' figures when the analysis JSON has them */
  calibration: { aa_runs: number; comparisons: number; false_positive_pct: number | null } | null;
  calibration_rows: CalibrationRow[];
  metrics: { label: string; name: string; unit: string; better: string; statistic: string; phase: string; description: string; compared: boolean }[];
  commands: { phase: string; timed: boolean; role: string; line: string }[];
}

/**
 * The fixed-rate client's connection count in a run's trial (the first, whose commands the page lists), from
 * its command line: the `-c` after the bench-latency binary (a `taskset -c` may come before it); null when
 * the trial has no fixed-rate phase. Runs since 2026-12-06 open at most one connection per 20 requests of a
 * trial, older ones `--connections`.
 *
 * @example
 * fixedRateConnectionCount(firstRep) // 8 for `taskset -c 1 bench-latency -R 32 -c 8 -d 5 ...`
 */
export function fixedRateConnectionCount(rep: Manifest['repetitions'][number] | undefined): number | null {
  for (const cmd of rep?.phases.find((p) => p.name === 'fixed-rate')?.commands ?? []) {
    const binary = cmd.argv.findIndex((a) => a.endsWith('bench-latency'));
    const c = binary < 0 ? -1 : cmd.argv.indexOf('-c', binary + 1);
    if (c >= 0 && Number.isInteger(Number(cmd.argv[c + 1]))) return Number(cmd.argv[c + 1]);
  }
  return null;
}

/**
 * Build the methodology model.
 *
 * @example
 * methodologyView(input).settings.confidence // 0.95
 */
export function methodologyView(input: SiteInput): MethodologyView {
  const { analysis, base } = input;
  // the latest run of one load describes the method (a sweep's settings are its own), else the latest sweep
  const candidates = analysis.runs.filter((r) => input.extras.get(r.id)?.manifest).sort((a, b) => Number(!!a.sweep) - Number(!!b.sweep) || (b.created_at ?? '').localeCompare(a.created_at ?? ''));
  const run = candidates[0];
  const manifest = run ? input.extras.get(run.id)!.manifest! : null;
  const c = manifest?.config;
  const s = analysis.settings;
  const firstRep = manifest?.repetitions.slice().sort((a, b) => a.order - b.order)[0];
  const fixedRateConnections = fixedRateConnectionCount(firstRep);
  return {
    framing: siteFraming(input.analysis),
    layout: layoutView({ base, title: 'Methodology', section: 'methodology', generated_at: input.generated_at, charts: false, description: siteFraming(input.analysis).meta }),
    source: run ? { id: run.id, href: runHref(base, run.id) } : null,
    tools: Object.entries(manifest?.tools ?? run?.tools ?? {}).map(([name, version]) => ({ name, version: version ?? 'not installed' })),
    load: c
      ? [
          { key: 'closed-loop load (wrk)', value: `${c.threads} threads, ${c.connections} connections, ${c.duration_s} s per repetition` },
          { key: 'fixed-rate phase', value: `${formatNumber(c.rate_rps, 0)} req/s, open loop${fixedRateConnections === null ? '' : `, ${fixedRateConnections} connections`}` },
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
      confidence_pct: s.confidence * (s.confidence <= 1 ? 100 : 1),
      noise_threshold_pct: s.noise_threshold_pct,
      cv_threshold_pct: s.cv_threshold_pct,
      load_saturation_pct: s.load_saturation_pct,
      change_point_threshold_pct: s.change_point_threshold_pct,
      seed: s.seed,
      min_blocks: s.min_blocks ?? DEFAULT_SETTINGS.min_blocks!,
      ratio_spread_threshold_pct: s.ratio_spread_threshold_pct ?? DEFAULT_SETTINGS.ratio_spread_threshold_pct!,
      speed_change_threshold_pct: s.speed_change_threshold_pct ?? DEFAULT_SETTINGS.speed_change_threshold_pct!,
    },
    calibration: analysis.calibration
      ? { aa_runs: analysis.calibration.aa_runs.length, comparisons: analysis.calibration.comparisons, false_positive_pct: analysis.calibration.false_positive_pct }
      : null,
    calibration_rows: calibrationRows(analysis.calibration),
    metrics: analysis.metrics.map((m) => ({ label: m.label, name: m.name, unit: m.unit, better: m.better, statistic: m.statistic, phase: m.phase, description: m.description, compared: m.compared })),
    commands: (firstRep?.phases ?? []).flatMap((p) => p.commands.map((cmd) => ({ phase: p.name, timed: p.timed, role: cmd.role, line: shellQuote(cmd.argv) }))),
  };
}
