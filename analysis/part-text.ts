/**
 * A run's part of the analysis (RunPart) as JSON text, with where its per-repetition results sit in it, and
 * back. The repetitions (per-second series, process statistics, files) are about 60% of a part and are
 * needed by the assembly of a long history only for the one run the reports describe: the thread that
 * assembles keeps them as text and parses them on first access. Fewer live objects on that thread means
 * less garbage-collection work while it analyzes runs of its own (a long history held as objects made its
 * young-generation collections three times as costly as a worker's), and a worker's part is parsed in 40%
 * of the time.
 */
import type { RunPart } from './analyze.ts';
import type { RepetitionResult } from './schema.ts';

/** A RunPart's JSON and the span of its `run.repetitions` value in it ([start, end) offsets). */
export interface PartText {
  json: string;
  repetitions: [number, number];
}

/** Stands for the repetitions while the rest of the run is serialized (a string no real value holds). */
const MARK = '\u0000gatebench:repetitions\u0000';
const MARK_KEY = `"repetitions":${JSON.stringify(MARK)}`;

/**
 * Exactly `JSON.stringify(part)`, serialized in pieces so the repetitions' span is known. The run's keys keep
 * their order (`repetitions` is replaced in place).
 *
 * @example
 * const t = partText(part);
 * t.json === JSON.stringify(part) // true
 * JSON.parse(t.json.slice(...t.repetitions)) // part.run.repetitions
 */
export function partText(part: RunPart): PartText {
  const shell = JSON.stringify({ ...part.run, repetitions: MARK });
  // the run's own key comes after its free-form config; keys after it (syscalls, open_loop) hold no such text
  const at = shell.lastIndexOf(MARK_KEY);
  if (at < 0) throw new Error(`run ${part.run.id}: no repetitions key in its JSON`);
  const reps = JSON.stringify(part.run.repetitions);
  const head = `{"run":${shell.slice(0, at)}"repetitions":`;
  const json = `${head}${reps}${shell.slice(at + MARK_KEY.length)},"comparisons":${JSON.stringify(part.comparisons)},"targets":${JSON.stringify(part.targets)}}`;
  return { json, repetitions: [head.length, head.length + reps.length] };
}

/**
 * The part from its text, the repetitions parsed only when first read (then kept). JSON.stringify of the
 * result gives the text back.
 *
 * @example
 * const p = parsePartText(partText(part));
 * p.run.id // parsed now; p.run.repetitions parsed here, on first access
 */
export function parsePartText(text: PartText): RunPart {
  const [start, end] = text.repetitions;
  const part = JSON.parse(`${text.json.slice(0, start)}[]${text.json.slice(end)}`) as RunPart;
  deferRepetitions(part, text);
  return part;
}

/**
 * Replaces `part.run.repetitions` (in place, same key position) by a getter that parses them from `text` on
 * first access: for a part this thread made itself, whose repetitions need not stay live as objects.
 *
 * @example
 * deferRepetitions(part, partText(part)); // part.run.repetitions still reads the same
 */
export function deferRepetitions(part: RunPart, text: PartText): void {
  const [start, end] = text.repetitions;
  const json = text.json;
  const run = part.run;
  Object.defineProperty(run, 'repetitions', {
    configurable: true,
    enumerable: true,
    get(): RepetitionResult[] {
      const value = JSON.parse(json.slice(start, end)) as RepetitionResult[];
      Object.defineProperty(run, 'repetitions', { value, configurable: true, enumerable: true, writable: true });
      return value;
    },
    set(value: RepetitionResult[]) {
      Object.defineProperty(run, 'repetitions', { value, configurable: true, enumerable: true, writable: true });
    },
  });
}
