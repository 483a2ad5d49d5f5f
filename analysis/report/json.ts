/** The analysis JSON as text (reports/analysis.json and `--format json`). */
import type { Analysis } from '../schema.ts';

/**
 * Stable, deterministic JSON: key order as built, two-space indentation, trailing newline.
 *
 * @example
 * renderJson(analysis).startsWith('{\n  "schema_version": 1') // true
 */
export function renderJson(analysis: Analysis): string {
  return `${JSON.stringify(analysis, null, 2)}\n`;
}
