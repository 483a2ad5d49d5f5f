/**
 * perf stat output in any of its layouts -> PerfStatRecord. Pure. Picks the layout from the content:
 * `--json` lines start with `{"`, `-x<sep>` lines are separator-delimited fields, everything else is
 * the human-readable text perf writes on stderr (ingest/parsers/perf-stat-text.ts).
 */
import type { Format } from '../formats.ts';
import { PerfStatRecord } from '../records/perf-stat.ts';
import { validatedRecord } from '../validated-record.ts';
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
  return validatedRecord(PerfStatRecord, { format: 'perf-stat', ...draft }, 'perf stat');
}

/** A text counter line: `[time] value [msec] event [# metric] [(pct%)]`, value grouped in threes. */
const COUNTER_LINE_RE =
  /^\s*(?:\d+\.\d+\s+)?(?:<not supported>|<not counted>|\d+(?:[.,'\u2019\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?)\s+(?:msec\s+)?[A-Za-z][\w.:/=,@-]*\s*(?:#.*|\(.*\)|\[.*\])?$/gm;

/**
 * True when `head` looks like perf stat output in any layout.
 * @example sniffPerfStat(" Performance counter stats for 'ls':\n") // true
 */
export function sniffPerfStat(head: string): boolean {
  // plain substrings first: most texts sniffed here are other tools' output (pidstat's above all)
  if (head.includes('Performance counter stats for ')) return true;
  if (head.includes('counts') && /^#\s+time\s+counts\s+unit\s+events\s*$/m.test(head)) return true;
  const first = firstDataLine(head);
  if (/^\{\s*("interval"\s*:\s*[\d.]+,\s*)?"counter-value"\s*:/.test(first)) return true;
  if (csvSeparator(first) !== null) return true;
  // text counter lines without the header (pasted excerpts): "value [unit] event [# metric] [(pct)]"
  // two such lines at least: one alone is too weak (BSD `time -l` has `0  swaps`)
  return countCounterLines(head, 2) >= 2;
}

/** COUNTER_LINE_RE tried only where it can match: at a line start, sticky. */
const COUNTER_LINE_AT = new RegExp(COUNTER_LINE_RE.source, 'my');

/**
 * How many matches of COUNTER_LINE_RE `head` has, counted up to `atLeast`. The same count as
 * `head.match(COUNTER_LINE_RE).length`, found by trying the pattern at each line start only (a match of a `^`
 * pattern starts at one) instead of letting the regex engine try every character of the text.
 */
function countCounterLines(head: string, atLeast: number): number {
  // line starts found by `\n` only: a text with another line terminator takes the plain way
  if (head.includes('\r') || head.includes('\u2028') || head.includes('\u2029')) {
    return (head.match(COUNTER_LINE_RE) ?? []).length;
  }
  let count = 0;
  let from = 0; // the end of the last match: the next one starts at or after it
  for (let p = 0; ; ) {
    if (p >= from) {
      COUNTER_LINE_AT.lastIndex = p;
      if (COUNTER_LINE_AT.test(head)) {
        if (++count >= atLeast) return count;
        from = COUNTER_LINE_AT.lastIndex;
      }
    }
    const nl = head.indexOf('\n', p);
    if (nl === -1) break;
    p = nl + 1;
  }
  return count;
}

/** The perf stat entry of the format registry (ingest/formats.ts). */
export const perfStatFormat: Format<PerfStatRecord> = { name: 'perf-stat', sniff: sniffPerfStat, parse: parsePerfStat };

/** The first of the first 200 lines that is neither blank nor a `#` comment, trimmed; '' when none is. */
function firstDataLine(text: string): string {
  // line by line without splitting the whole text (a CR before a newline is trimmed with the line)
  let start = 0;
  for (let i = 0; i < 200 && start <= text.length; i++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const t = text.slice(start, end).trim();
    if (t !== '' && !t.startsWith('#')) return t;
    start = end + 1;
  }
  return '';
}
