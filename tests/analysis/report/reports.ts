/** Shared by the report tests: the analysis of the real fixture run (computed once). */
import { analyzeAll } from '../../../analysis/analyze.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import type { Analysis } from '../../../analysis/schema.ts';
import { parseTargets } from '../../../analysis/targets.ts';
import { readFileSync } from 'node:fs';
import { fixtureInput } from '../fixture.ts';

let cached: Promise<Analysis> | null = null;

export function fixtureAnalysis(): Promise<Analysis> {
  cached ??= fixtureInput().then((input) => analyzeAll([input], DEFAULT_SETTINGS, parseTargets(readFileSync('analysis/targets.json', 'utf8'), 'targets.json')).analysis);
  return cached;
}
