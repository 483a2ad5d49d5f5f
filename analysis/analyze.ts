/**
 * The whole analysis: every run under raw-results (as loaded inputs) to the analysis JSON value.
 * Pure and deterministic: the same inputs, settings and targets give the same JSON, byte for byte.
 */
import { analyzeRun, type RunAnalysis } from './analyze-run.ts';
import { calibrationOf } from './compare/calibration.ts';
import { byCreation, historyGroups } from './history/history.ts';
import type { RunInput } from './load/inputs.ts';
import { METRICS } from './metrics/metric-defs.ts';
import { ANALYSIS_SCHEMA_VERSION, type Analysis, type Settings } from './schema.ts';
import type { Target } from './compare/targets.ts';

export interface AnalysisResult {
  analysis: Analysis;
  /** per run, the analysis with its typed warnings and reductions (for reports and `compare`) */
  runs: RunAnalysis[];
}

/** What the assembly needs of each run's analysis (what the per-run cache keeps, see analyze-dirs.ts). */
export type RunPart = Pick<RunAnalysis, 'run' | 'comparisons' | 'targets'>;

/**
 * Put analyzed runs together: order by creation time, history across runs, latest run per machine (A/A
 * calibration runs only when a machine has nothing else), the A/A calibration.
 *
 * @example
 * assembleAnalysis(parts, DEFAULT_SETTINGS).history.groups.length
 */
export function assembleAnalysis(parts: RunPart[], settings: Settings): Analysis {
  const ordered = [...parts].sort((a, b) => byCreation(a.run, b.run));
  const comparisons = ordered.flatMap((r) => r.comparisons);
  const history = historyGroups(ordered.map((r) => r.run), comparisons, settings);
  // the overview's headline: the latest run per machine that is not an A/A calibration run (else the latest);
  // never a sweep, whose comparisons are per size (a machine with only sweeps has no headline run)
  const aa = new Set(ordered.filter((r) => r.run.aa).map((r) => r.run.id));
  const sweeps = new Set(ordered.filter((r) => r.run.sweep).map((r) => r.run.id));
  const latest: Record<string, string> = {};
  for (const g of history) {
    const runs = g.runs.filter((id) => !sweeps.has(id));
    if (runs.length) latest[g.name] = [...runs].reverse().find((id) => !aa.has(id)) ?? runs[runs.length - 1];
  }
  return {
    schema_version: ANALYSIS_SCHEMA_VERSION,
    settings,
    metrics: [...METRICS],
    runs: ordered.map((r) => r.run),
    comparisons,
    targets: ordered.flatMap((r) => r.targets),
    history: { groups: history },
    latest,
    calibration: calibrationOf(ordered.map((r) => r.run), comparisons),
  };
}

/**
 * @example
 * const { analysis } = analyzeAll(inputs, DEFAULT_SETTINGS, DEFAULT_TARGETS);
 * analysis.comparisons.filter((c) => c.verdict === 'regressed')
 */
export function analyzeAll(inputs: RunInput[], settings: Settings, targets: Target[]): AnalysisResult {
  const runs = inputs.map((input) => analyzeRun(input, settings, targets));
  return { analysis: assembleAnalysis(runs, settings), runs: [...runs].sort((a, b) => byCreation(a.run, b.run)) };
}
