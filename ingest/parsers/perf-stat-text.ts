/**
 * perf stat's human-readable output (what it writes on stderr), perf 3.x to 6.x, any locale. Pure.
 *
 * Reads the `Performance counter stats for ...` header (target, `(N runs)`), counter lines
 * (`value [unit] event [# metric] [( +- x% )] [(pct%)]`, old perf's `[83.43%]`), `<not supported>` and
 * `<not counted>`, `-I` interval lines (a leading timestamp), and the footer (`seconds time elapsed`,
 * `-r`'s `x +- y seconds time elapsed`, `seconds user`, `seconds sys`). The decimal mark is decided once
 * per file from the numbers that can only be read one way (ingest/parsers/perf-number.ts).
 */
import { ParseError } from '../parse-error.ts';
import type { PerfEvent } from '../records/perf-stat.ts';
import { detectDecimalMark, parseLocaleNumber, type DecimalMark } from './perf-number.ts';
import { type PerfStatDraft, aggregateIntervals, failureMessage } from './perf-stat-common.ts';

/** A counter value as perf prints it: grouped digits, an optional fraction. */
const VALUE = String.raw`\d+(?:[.,'\u2019\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?`;
const COUNTER_RE = new RegExp(String.raw`^(?:(\d+[.,]\d+)\s+)?(<not supported>|<not counted>|${VALUE})(?:\s+(.*))?$`);
const HEADER_RE = /^Performance counter stats for (.+?)(?: \((\d+) runs\))?:$/;
/** A msec counter value at the start of a line (made once: a RegExp built per line cost more than the line). */
const MSEC_RE = new RegExp(String.raw`^(${VALUE}) msec `);
const ELAPSED_RE = /^([\d.,'\u00a0\u202f]+)(?: \+- ([\d.,'\u00a0\u202f]+))? seconds time elapsed(?:\s+\(\s*\+-\s*[\d.,]+%\s*\))?$/;
/** Advice perf prints after the counters; not data. */
const NOTE_RE =
  /^(Some events weren't counted|echo [01] > |perf stat |The events in group usually|Consider tweaking|\/proc\/sys\/kernel\/nmi_watchdog|or$|Using \S+ for |Please |Note: )/;

/**
 * Parse perf stat text output.
 * @example
 * parsePerfStatText(' Performance counter stats for process id \'5835\':\n\n  1098.89 msec task-clock  #  0.544 CPUs utilized\n...')
 * // -> { layout: 'text', target: "process id '5835'", pids: [5835], events: [{ event: 'task-clock', value: 1098.89, unit: 'msec', ... }], ... }
 */
export function parsePerfStatText(text: string): PerfStatDraft {
  const lines = text.split(/\r?\n/);
  const mark = detectDecimalMark(evidence(lines));

  const draft: PerfStatDraft = { layout: 'text', target: null, runs: null, events: [], elapsed_s: null, user_s: null, sys_s: null };
  const intervals: { time_s: number; events: PerfEvent[] }[] = [];
  let intervalMode = false;
  let sawCounter = false;

  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i].trim();
    if (line === '') continue;
    let m: RegExpExecArray | null;
    if ((m = HEADER_RE.exec(line))) {
      draft.target = m[1];
      const pids = /^process id '([\d,]+)'$/.exec(m[1]);
      if (pids) draft.pids = pids[1].split(',').map(Number);
      if (m[2]) draft.runs = Number(m[2]);
      continue;
    }
    if (/^#\s+time\s+counts\s+unit\s+events\s*$/.test(line)) {
      intervalMode = true;
      continue;
    }
    if ((m = ELAPSED_RE.exec(line))) {
      draft.elapsed_s = readNumber(mark, m[1], n, 'elapsed time');
      if (m[2]) draft.elapsed_stdev_s = readNumber(mark, m[2], n, 'elapsed time deviation');
      continue;
    }
    if ((m = /^([\d.,]+) seconds (user|sys)$/.exec(line))) {
      draft[m[2] === 'user' ? 'user_s' : 'sys_s'] = readNumber(mark, m[1], n, `${m[2]} time`);
      continue;
    }
    if (line.startsWith('#')) {
      // a metric continuation line (old perf); its trailing [pct%] belongs to the counter above
      const pct = /(?:\(\s*([\d.,]+)%\s*\)|\[\s*([\d.,]+)%\s*\])$/.exec(line);
      const target = intervalMode ? intervals[intervals.length - 1]?.events.at(-1) : draft.events.at(-1);
      if (pct && target && target.status === 'counted') target.running_pct = readNumber(mark, pct[1] ?? pct[2], n, 'running percentage');
      continue;
    }
    const failure = failureMessage(line);
    if (failure) throw new ParseError(`perf stat failed: ${failure}`, n);
    if (/^(CPU\d+|S\d+(-D\d+)?(-C\d+)?|N\d+)\s/.test(line)) {
      throw new ParseError('per-CPU/socket/node aggregation (-A, --per-*) is not supported: use the default aggregation', n);
    }
    if ((m = COUNTER_RE.exec(line))) {
      const [, stamp, valueToken, rest = ''] = m;
      if (stamp && !intervalMode && !sawCounter) intervalMode = true;
      if (stamp === undefined && intervalMode) throw new ParseError('interval (-I) line without its timestamp', n);
      const event = counter(valueToken, rest, n, mark);
      sawCounter = true;
      if (intervalMode) {
        const time = Number(stamp!.replace(',', '.'));
        const last = intervals[intervals.length - 1];
        if (last && last.time_s === time) last.events.push(event);
        else intervals.push({ time_s: time, events: [event] });
      } else {
        draft.events.push(event);
      }
      continue;
    }
    if (NOTE_RE.test(line)) continue;
    throw new ParseError(`unreadable perf stat line: "${line.length > 80 ? `${line.slice(0, 77)}...` : line}"`, n);
  }

  if (!sawCounter) {
    if (draft.target !== null) throw new ParseError('truncated perf stat output: a header but no counter lines', lastLine(lines));
    throw new ParseError('no perf stat counter lines', 1);
  }
  if (intervalMode) {
    draft.intervals = intervals;
    draft.events = aggregateIntervals(intervals);
    draft.elapsed_s ??= intervals[intervals.length - 1].time_s;
  } else if (draft.target !== null && draft.elapsed_s === null) {
    throw new ParseError('truncated perf stat output: no "seconds time elapsed" line after the counters', lastLine(lines));
  }
  return draft;
}

/** `token` read with the file's decimal `mark`; a ParseError naming `what` and line `n` when it is not a number. */
function readNumber(mark: DecimalMark, token: string, n: number, what: string): number {
  const v = parseLocaleNumber(token, mark);
  if (v === undefined) throw new ParseError(`${what} "${token}" is not a number`, n);
  return v;
}

/** One counter line, after its value: `[unit] event [# metric] [( +- x% )] [(pct%)]`. */
function counter(valueToken: string, rest: string, n: number, mark: DecimalMark): PerfEvent {
  let tail = rest.trim();
  let running: number | null = null;
  let variance: number | null = null;
  let m: RegExpExecArray | null;
  if ((m = /(?:\(\s*([\d.,]+)%\s*\)|\[\s*([\d.,]+)%\s*\])$/.exec(tail))) {
    running = readNumber(mark, m[1] ?? m[2], n, 'running percentage');
    tail = tail.slice(0, m.index).trim();
  }
  if ((m = /\(\s*\+-\s*([\d.,]+)%\s*\)$/.exec(tail))) {
    variance = readNumber(mark, m[1], n, 'variance');
    tail = tail.slice(0, m.index).trim();
  }
  let metricValue: number | null = null;
  let metricUnit: string | null = null;
  const hash = tail.indexOf('#');
  if (hash >= 0) {
    const metric = tail.slice(hash + 1).trim();
    tail = tail.slice(0, hash).trim();
    const mm = /^([+-]?[\d.,'\u00a0\u202f]*\d)\s*(.*)$/.exec(metric);
    if (mm) {
      metricValue = readNumber(mark, mm[1], n, 'metric value');
      metricUnit = mm[2] || null;
    } else if (metric) {
      metricUnit = metric;
    }
  }
  const names = tail.split(/\s+/).filter(Boolean);
  if (names.length === 0 || names.length > 2) {
    throw new ParseError(`expected "[unit] event" after the value, got "${tail}"`, n);
  }
  const [unit, event] = names.length === 2 ? names : ['', names[0]];
  const status = valueToken === '<not supported>' ? 'not supported' : valueToken === '<not counted>' ? 'not counted' : 'counted';
  const counted = status === 'counted';
  return {
    event,
    value: counted ? readNumber(mark, valueToken, n, `${event} value`) : null,
    // perf < 4.x printed task-clock without its unit column; it has always been msec
    unit: unit === '' && /^(task-clock|cpu-clock)$/.test(event) ? 'msec' : unit,
    status,
    running_pct: running ?? (counted ? 100 : null),
    ...(variance !== null ? { variance_pct: variance } : {}),
    ...(metricValue !== null || metricUnit !== null ? { metric_value: metricValue, metric_unit: metricUnit } : {}),
  };
}

/** Number tokens that tell the decimal mark: footer times, msec values, percentages, metric values. */
function evidence(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([\d.,]+)(?: \+- ([\d.,]+))? seconds (time elapsed|user|sys)/.exec(line))) {
      out.push(m[1]);
      if (m[2]) out.push(m[2]);
      continue;
    }
    const body = line.replace(/^\d+\.\d{9}\s+/, ''); // -I timestamps are always printed with '.'
    if ((m = MSEC_RE.exec(body))) out.push(m[1]);
    for (const p of body.matchAll(/\(\s*(?:\+-\s*)?([\d.,]+)%\s*\)/g)) out.push(p[1]);
    if ((m = /#\s+([\d.,]+)\s/.exec(body))) out.push(m[1]);
  }
  return out;
}

function lastLine(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim() !== '') return i + 1;
  return 1;
}
