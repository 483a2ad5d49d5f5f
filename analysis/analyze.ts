/**
 * The whole analysis: every run under raw-results (as loaded inputs) to the analysis JSON value.
 * Pure and deterministic: the same inputs, settings and targets give the same JSON, byte for byte.
 */
import { analyzeRun, type RunAnalysis } from './analyze-run.ts';
import { byCreation, historyGroups } from './history.ts';
import type { RunInput } from './inputs.ts';
import { METRICS } from './metric-defs.ts';
import { ANALYSIS_SCHEMA_VERSION, type Analysis, type Settings } from './schema.ts';
import type { PlanCache } from './summarize.ts';
import type { Target } from './targets.ts';

export interface AnalysisResult {
  analysis: Analysis;
  /** per run, the analysis with its typed warnings and reductions (for reports and `compare`) */
  runs: RunAnalysis[];
}

/**
 * @example
 * const { analysis } = analyzeAll(inputs, DEFAULT_SETTINGS, DEFAULT_TARGETS);
 * analysis.comparisons.filter((c) => c.verdict === 'regressed')
 */
export function analyzeAll(inputs: RunInput[], settings: Settings, targets: Target[]): AnalysisResult {
  const plans: PlanCache = new Map();
  // resampling plans are shared by all runs (they depend on the side and n only)
  const runs = inputs.map((input) => analyzeRun(input, settings, targets, plans));
  const ordered = [...runs].sort((a, b) => byCreation(a.run, b.run));
  const comparisons = ordered.flatMap((r) => r.comparisons);
  const history = historyGroups(ordered.map((r) => r.run), comparisons, settings);
  const latest: Record<string, string> = {};
  for (const g of history) latest[g.fingerprint] = g.runs[g.runs.length - 1];
  return {
    analysis: {
      schema_version: ANALYSIS_SCHEMA_VERSION,
      settings,
      metrics: [...METRICS],
      runs: ordered.map((r) => r.run),
      comparisons,
      targets: ordered.flatMap((r) => r.targets),
      history: { groups: history },
      latest,
    },
    runs: ordered,
  };
}
