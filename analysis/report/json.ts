/** The analysis JSON as text (reports/analysis.json and `--format json`). */
import type { Analysis } from '../schema.ts';
import { runJsonPieces, type RenderedRuns, type RunJsonPieces } from './rendered-runs.ts';

/**
 * Stable, deterministic JSON: key order as built, compact (a long history is large: indentation would
 * nearly double it; pipe through `jq .` to read it), trailing newline. With `rendered` (each run's JSON
 * from where it was analyzed), the runs, comparisons and targets are put together from those pieces: the
 * same text, without serializing them again.
 *
 * @example
 * renderJson(analysis).startsWith('{"schema_version":1,') // true
 */
export function renderJson(analysis: Analysis, rendered?: RenderedRuns): string {
  const pieces = rendered ? piecesOf(analysis, rendered) : null;
  if (pieces === null) return `${JSON.stringify(analysis)}\n`;
  const fields: string[] = [];
  for (const [key, value] of Object.entries(analysis)) {
    let text: string | undefined;
    if (key === 'runs') text = `[${pieces.map((p) => p.run).join(',')}]`;
    else if (key === 'comparisons') text = `[${pieces.map((p) => p.comparisons).filter((s) => s !== '').join(',')}]`;
    else if (key === 'targets') text = `[${pieces.map((p) => p.targets).filter((s) => s !== '').join(',')}]`;
    else text = JSON.stringify(value);
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${fields.join(',')}}\n`;
}

/**
 * The pieces of every run in the analysis' order, or null when one is missing or does not account for its
 * run's comparisons and targets (then the whole is serialized as usual).
 */
function piecesOf(analysis: Analysis, rendered: RenderedRuns): RunJsonPieces[] | null {
  const out: RunJsonPieces[] = [];
  let comparisons = 0;
  let targets = 0;
  const counts = new Map<string, [number, number]>();
  for (const c of analysis.comparisons) counts.set(c.run, [(counts.get(c.run)?.[0] ?? 0) + 1, counts.get(c.run)?.[1] ?? 0]);
  for (const t of analysis.targets) counts.set(t.run, [counts.get(t.run)?.[0] ?? 0, (counts.get(t.run)?.[1] ?? 0) + 1]);
  for (const run of analysis.runs) {
    const json = rendered.get(run.id)?.json;
    const p = json === undefined ? null : runJsonPieces(json);
    if (p === null) return null;
    out.push(p);
    const [nc, nt] = counts.get(run.id) ?? [0, 0];
    comparisons += nc;
    targets += nt;
    if ((p.comparisons === '') !== (nc === 0) || (p.targets === '') !== (nt === 0)) return null;
  }
  return comparisons === analysis.comparisons.length && targets === analysis.targets.length ? out : null;
}
