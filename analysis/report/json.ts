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
 * renderJson(analysis).startsWith('{"schema_version":2,') // true
 */
export function renderJson(analysis: Analysis, rendered?: RenderedRuns): string {
  return renderJsonChunks(analysis, rendered).join('');
}

/**
 * The text of renderJson as consecutive pieces, for the writer (write.ts) to put on disk without making one
 * string of them: a long history's analysis.json is over 100 MB, and joining, then encoding it whole cost
 * most of a second more than encoding the pieces one by one into a reused buffer.
 *
 * @example
 * renderJsonChunks(analysis, rendered).join('') === renderJson(analysis) // true
 */
export function renderJsonChunks(analysis: Analysis, rendered?: RenderedRuns): string[] {
  const pieces = rendered ? piecesOf(analysis, rendered) : null;
  if (pieces === null) return [`${JSON.stringify(analysis)}\n`];
  const out: string[] = [];
  let first = true;
  const list = (texts: string[]): void => {
    out.push('[');
    let any = false;
    for (const t of texts) {
      if (t === '') continue;
      if (any) out.push(',');
      out.push(t);
      any = true;
    }
    out.push(']');
  };
  out.push('{');
  for (const [key, value] of Object.entries(analysis)) {
    const text = key === 'runs' || key === 'comparisons' || key === 'targets' ? null : JSON.stringify(value);
    if (text === undefined) continue;
    out.push(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (key === 'runs') list(pieces.map((p) => p.run));
    else if (key === 'comparisons') list(pieces.map((p) => p.comparisons));
    else if (key === 'targets') list(pieces.map((p) => p.targets));
    else out.push(text as string);
  }
  out.push('}\n');
  return out;
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
