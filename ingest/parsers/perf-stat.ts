/**
 * perf stat output in any of its layouts -> PerfStatRecord. Pure. Picks the layout from the content:
 * `--json` lines start with `{"`, `-x<sep>` lines are separator-delimited fields, everything else is
 * the human-readable text perf writes on stderr (ingest/parsers/perf-stat-text.ts).
 */
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { PerfStatRecord } from '../records/perf-stat.ts';
import { csvSeparator, parsePerfStatCsv } from './perf-stat-csv.ts';
import { parsePerfStatJson } from './perf-stat-json.ts';
import { parsePerfStatText } from './perf-stat-text.ts';

/**
 * Parse perf stat output (text, -x CSV or --json).
 * @example
 * parsePerfStat(readFileSync('perf.stderr', 'utf8')).events.find((e) => e.event === 'context-switches')?.value // 18238
 */
export function parsePerfStat(text: string): PerfStatRecord {
  const first = firstDataLine(text);
  const draft = first.startsWith('{"') || first.startsWith('{ "')
    ? parsePerfStatJson(text)
    : csvSeparator(first) !== null
      ? parsePerfStatCsv(text)
      : parsePerfStatText(text);
  const checked = PerfStatRecord.safeParse({ format: 'perf-stat', ...draft });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ParseError(`perf stat record invalid at ${issue.path.join('.')}: ${issue.message}`);
  }
  return checked.data;
}

/** A text counter line: `[time] value [msec] event [# metric] [(pct%)]`, value grouped in threes. */
const COUNTER_LINE_RE =
  /^\s*(?:\d+\.\d+\s+)?(?:<not supported>|<not counted>|\d+(?:[.,'\u2019\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?)\s+(?:msec\s+)?[A-Za-z][\w.:/=,@-]*\s*(?:#.*|\(.*\)|\[.*\])?$/gm;

/**
 * True when `head` looks like perf stat output in any layout.
 * @example sniffPerfStat(" Performance counter stats for 'ls':\n") // true
 */
export function sniffPerfStat(head: string): boolean {
  if (/Performance counter stats for /.test(head)) return true;
  if (/^#\s+time\s+counts\s+unit\s+events\s*$/m.test(head)) return true;
  const first = firstDataLine(head);
  if (/^\{\s*("interval"\s*:\s*[\d.]+,\s*)?"counter-value"\s*:/.test(first)) return true;
  if (csvSeparator(first) !== null) return true;
  // text counter lines without the header (pasted excerpts): "value [unit] event [# metric] [(pct)]"
  // two such lines at least: one alone is too weak (BSD `time -l` has `0  swaps`)
  return (head.match(COUNTER_LINE_RE) ?? []).length >= 2;
}

/** The perf stat entry of the format registry (ingest/formats.ts). */
export const perfStatFormat: Format<PerfStatRecord> = { name: 'perf-stat', sniff: sniffPerfStat, parse: parsePerfStat };

function firstDataLine(text: string): string {
  for (const line of text.split(/\r?\n/, 200)) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) return t;
  }
  return '';
}
