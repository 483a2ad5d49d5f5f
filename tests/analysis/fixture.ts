/** Shared by the analysis tests: the real nginx run directory of tests/fixtures/analysis (see its PROVENANCE.md). */
import { loadInput } from '../../analysis/load/load-inputs.ts';
import type { RunInput } from '../../analysis/load/inputs.ts';

export const FIXTURE_RUNS = 'tests/fixtures/analysis/runs';
export const FIXTURE_ID = '2026-11-22T19-15-00Z-nginx';

let cached: Promise<RunInput> | null = null;

/** The fixture run, loaded and parsed once per test file. */
export function fixtureInput(): Promise<RunInput> {
  cached ??= loadInput(`${FIXTURE_RUNS}/${FIXTURE_ID}`);
  return cached;
}
