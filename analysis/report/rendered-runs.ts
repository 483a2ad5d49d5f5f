/**
 * Report text rendered per run, where the run was analyzed (a worker thread, or the per-run cache), so the
 * reports of a long history are put together from pieces instead of re-serialized on one thread at the end:
 * the run's part of the analysis JSON (`{"run":...,"comparisons":[...],"targets":[...]}`, exactly
 * JSON.stringify of the RunPart) and its rows of metrics.csv. Renderers given these produce byte for byte
 * the text they produce without them.
 */

export interface RenderedRun {
  /** JSON.stringify of the run's RunPart ({ run, comparisons, targets }, in that key order) */
  json: string;
  /** the run's metrics.csv rows (each ending with a newline; empty when it has none) */
  csv: string;
}

/** Rendered pieces by run id. */
export type RenderedRuns = Map<string, RenderedRun>;

export interface RunJsonPieces {
  run: string;
  /** the comparisons array's elements, without the brackets ('' when none) */
  comparisons: string;
  /** the targets array's elements, without the brackets ('' when none) */
  targets: string;
}

const RUN_KEY = '{"run":';
const COMPARISONS_KEY = ',"comparisons":[';
const TARGETS_KEY = ',"targets":[';

/**
 * The three values of a RunPart's JSON. A quote inside a JSON string is escaped, so `,"targets":[` can only be
 * structure; the last one is the part's own (comparisons and targets hold no such key; the run's free-form
 * config may, and comes first). Null when the text is not shaped like a RunPart.
 *
 * @example
 * runJsonPieces('{"run":{"id":"a"},"comparisons":[{"m":1},{"m":2}],"targets":[]}')
 * // { run: '{"id":"a"}', comparisons: '{"m":1},{"m":2}', targets: '' }
 */
export function runJsonPieces(json: string): RunJsonPieces | null {
  if (!json.startsWith(RUN_KEY) || !json.endsWith(']}')) return null;
  const t = json.lastIndexOf(TARGETS_KEY);
  if (t < 0) return null;
  const c = json.lastIndexOf(COMPARISONS_KEY, t);
  if (c < RUN_KEY.length || json[t - 1] !== ']') return null;
  return {
    run: json.slice(RUN_KEY.length, c),
    comparisons: json.slice(c + COMPARISONS_KEY.length, t - 1),
    targets: json.slice(t + TARGETS_KEY.length, json.length - 2),
  };
}
