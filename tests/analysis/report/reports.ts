/** Shared by the report tests: the analysis of the real fixture run (computed once). */
import { analyzeAll } from '../../../analysis/analyze.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import type { Analysis } from '../../../analysis/schema.ts';
import { csvRowsOfRun } from '../../../analysis/report/csv.ts';
import type { RenderedRuns } from '../../../analysis/report/rendered-runs.ts';
import { parseTargets } from '../../../analysis/compare/targets.ts';
import { readFileSync } from 'node:fs';
import { fixtureInput } from '../fixture.ts';

let cached: Promise<Analysis> | null = null;

export function fixtureAnalysis(): Promise<Analysis> {
  cached ??= fixtureInput().then((input) => analyzeAll([input], DEFAULT_SETTINGS, parseTargets(readFileSync('analysis/compare/targets.json', 'utf8'), 'targets.json')).analysis);
  return cached;
}

/** Per-run report pieces of an analysis, as analyzeDirsRendered makes them (JSON of each run part, CSV rows). */
export function renderedOf(analysis: Analysis): RenderedRuns {
  return new Map(
    analysis.runs.map((run) => [
      run.id,
      {
        json: JSON.stringify({ run, comparisons: analysis.comparisons.filter((c) => c.run === run.id), targets: analysis.targets.filter((t) => t.run === run.id) }),
        csv: csvRowsOfRun(run, analysis.metrics),
      },
    ]),
  );
}
