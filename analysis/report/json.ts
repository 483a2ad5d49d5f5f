/** The analysis JSON as text (reports/analysis.json and `--format json`). */
import type { Analysis } from '../schema.ts';

/**
 * Stable, deterministic JSON: key order as built, compact (a long history is large: indentation would
 * nearly double it; pipe through `jq .` to read it), trailing newline.
 *
 * @example
 * renderJson(analysis).startsWith('{"schema_version":1,') // true
 */
export function renderJson(analysis: Analysis): string {
  return `${JSON.stringify(analysis)}\n`;
}
