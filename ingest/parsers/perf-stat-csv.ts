/**
 * perf stat `-x<sep>` output. Fields: `[time,] value, unit, event, [variance%,] runtime, pct[, metric,
 * metric-unit]`: `-I` adds the leading time, `-r` the variance after the event; perf 4.x printed only the
 * first five. Positions are found by anchoring on the event name, not by index. Under a decimal-comma
 * locale with `-x,` perf's own separator splits the numbers (`1240,82,msec,task-clock,...,100,00,...`):
 * that is detected and the numbers re-joined (the derived metric value is lost there: perf truncates it).
 * Pure.
 */
import { ParseError } from '../parse-error.ts';
import type { PerfEvent } from '../records/perf-stat.ts';
import { detectDecimalMark, parseLocaleNumber, type DecimalMark } from './perf-number.ts';
import { type PerfStatDraft, aggregateIntervals, failureMessage } from './perf-stat-common.ts';

const SEPARATORS = [',', ';', '\t', '|', ':'];
const NOT_COUNTED = /^<not (supported|counted)>$/;

/**
 * The separator a perf stat -x line uses, or null when the line is not one.
 * @example csvSeparator('338.41,msec,task-clock,338413049,100.00,0.750,CPUs utilized') // ','
 */
export function csvSeparator(line: string): string | null {
  for (const sep of SEPARATORS) {
    // five fields need four separators: most lines sniffed (other tools' text) have fewer, and are not split
    if (!hasAtLeast(line, sep, 4)) continue;
    let t = line.split(sep).map(trimmed);
    if (/^(CPU\d+|S\d+(-D\d+)?(-C\d+)?|N\d+)$/.test(t[0])) t = t.slice(1); // aggregation prefix: recognised, refused by the parser
    if (t.length < 5) continue;
    const first = t[0];
    const second = t[1];
    if (valueLike(first) && (valueLike(second) || second === '' || /^[A-Za-z%/]+$/.test(second))) {
      if (anchor(t)) return sep;
    }
  }
  return null;
}

/** A perf value field: a number or `<not counted>`/`<not supported>`. */
function valueLike(s: string): boolean {
  return NOT_COUNTED.test(s) || /^\d+([.,]\d+)?$/.test(s);
}

function trimmed(s: string): string {
  return s.trim();
}

/** True when `sep` occurs at least `n` times in `line`. */
function hasAtLeast(line: string, sep: string, n: number): boolean {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = line.indexOf(sep, at + 1);
    if (at === -1) return false;
  }
  return true;
}

/**
 * Parse perf stat -x output.
 * @example
 * parsePerfStatCsv('338.41,msec,task-clock,338413049,100.00,0.750,CPUs utilized\n')
 * // -> { layout: 'csv', events: [{ event: 'task-clock', value: 338.41, unit: 'msec', running_pct: 100, runtime_ns: 338413049, ... }], ... }
 */
export function parsePerfStatCsv(text: string): PerfStatDraft {
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== '' && !l.trim().startsWith('#') && !failureMessage(l));
  const sep = first !== undefined ? csvSeparator(first) : null;
  if (sep === null) {
    const failed = lines.find((l) => failureMessage(l));
    if (failed) throw new ParseError(`perf stat failed: ${failed.trim()}`, lines.indexOf(failed) + 1);
    throw new ParseError('not perf stat -x output: no line with a value, unit, event, runtime and percentage', 1);
  }
  const splitComma = sep === ',' && lines.some((l) => pctSplit(l.split(sep).map((s) => s.trim())));
  const mark: DecimalMark = splitComma
    ? '.' // numbers are re-joined with '.'
    : detectDecimalMark(lines.flatMap((l) => l.split(sep).map((s) => s.trim()).filter((s) => /^\d+[.,]\d+%?$/.test(s)).map((s) => s.replace('%', ''))));

  const events: PerfEvent[] = [];
  const intervals: { time_s: number; events: PerfEvent[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i];
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const failure = failureMessage(line);
    if (failure) throw new ParseError(`perf stat failed: ${failure}`, n);
    const t = line.split(sep).map((s) => s.trim());
    if (/^(CPU\d+|S\d+(-D\d+)?(-C\d+)?|N\d+)$/.test(t[0])) {
      throw new ParseError('per-CPU/socket/node aggregation (-A, --per-*) is not supported: use the default aggregation', n);
    }
    const a = anchor(t);
    if (!a) throw new ParseError(`unreadable perf stat -x line (no event name after the value): "${line.trim().slice(0, 80)}"`, n);
    const num = (token: string, what: string): number => {
      const v = parseLocaleNumber(token, mark);
      if (v === undefined) throw new ParseError(`${what} "${token}" is not a number`, n);
      return v;
    };

    // before the unit: [time] value (value split in two when the locale's decimal comma is the separator)
    let pre = t.slice(0, a.unitIdx);
    let time: number | null = null;
    if (pre.length >= 2 && /^\d+\.\d+$/.test(pre[0]) && (!splitComma || pre.length === 3 || /^\d+\.\d{6,}$/.test(pre[0]))) {
      time = Number(pre[0]);
      pre = pre.slice(1);
    }
    if (pre.length === 0 || pre.length > (splitComma ? 2 : 1)) throw new ParseError(`cannot tell the value in "${line.trim().slice(0, 80)}"`, n);
    const valueToken = splitComma ? pre.join('.') : pre[0];

    // after the event: [variance%] runtime pct [metric metric-unit]
    let post = t.slice(a.eventIdx + 1);
    let variance: number | null = null;
    if (splitComma && post.length >= 2 && /^\d+$/.test(post[0]) && /^\d+%$/.test(post[1])) {
      variance = num(`${post[0]}.${post[1].slice(0, -1)}`, 'variance');
      post = post.slice(2);
    } else if (post[0]?.endsWith('%')) {
      variance = num(post[0].slice(0, -1), 'variance');
      post = post.slice(1);
    }
    if (post.length < 2) throw new ParseError(`truncated perf stat -x line (no runtime and percentage): "${line.trim().slice(0, 80)}"`, n);
    const runtime = num(post[0], 'runtime');
    let pct: number;
    let metric: string[];
    if (splitComma && /^\d+$/.test(post[1]) && /^\d\d$/.test(post[2] ?? '')) {
      pct = num(`${post[1]}.${post[2]}`, 'running percentage');
      metric = post.slice(3);
    } else {
      pct = num(post[1], 'running percentage');
      metric = post.slice(2);
    }
    const status = valueToken === '<not supported>' ? 'not supported' : valueToken === '<not counted>' ? 'not counted' : 'counted';
    const event: PerfEvent = {
      event: t[a.eventIdx],
      value: status === 'counted' ? num(valueToken, `${t[a.eventIdx]} value`) : null,
      // perf has always counted task-clock/cpu-clock in msec; perf 4.x left the unit field empty
      unit: t[a.unitIdx] === '' && /^(task-clock|cpu-clock)$/.test(t[a.eventIdx]) ? 'msec' : t[a.unitIdx],
      status,
      running_pct: pct,
      runtime_ns: runtime,
    };
    if (variance !== null) event.variance_pct = variance;
    if (metric.length >= 2) {
      const metricValue = splitComma ? null : metric[0] === '' ? null : (parseLocaleNumber(metric[0], mark) ?? null);
      event.metric_value = status === 'counted' ? metricValue : null;
      event.metric_unit = metric[metric.length - 1] || null;
    }
    if (time !== null) {
      const last = intervals[intervals.length - 1];
      if (last && last.time_s === time) last.events.push(event);
      else intervals.push({ time_s: time, events: [event] });
    } else {
      if (intervals.length) throw new ParseError('a line without the -I timestamp among interval lines', n);
      events.push(event);
    }
  }
  const draft: PerfStatDraft = { layout: 'csv', target: null, runs: null, events, elapsed_s: null, user_s: null, sys_s: null };
  if (intervals.length) {
    draft.intervals = intervals;
    draft.events = aggregateIntervals(intervals);
    draft.elapsed_s = intervals[intervals.length - 1].time_s;
  }
  if (draft.events.length === 0) throw new ParseError('no perf stat counter lines', 1);
  return draft;
}

/**
 * Where the unit and the event are: the first name-like field is the event, unless the field after it
 * is name-like too (then it was the unit, e.g. `msec`). With an empty unit the field before the event is ''.
 */
function anchor(t: string[]): { unitIdx: number; eventIdx: number } | null {
  const nameLike = (s: string | undefined) => s !== undefined && /[A-Za-z_]/.test(s) && !NOT_COUNTED.test(s) && !/^[\d.,]+%$/.test(s);
  for (let w = 1; w < t.length; w++) {
    if (!nameLike(t[w])) continue;
    if (nameLike(t[w + 1])) return { unitIdx: w, eventIdx: w + 1 };
    if (t[w - 1] === '') return { unitIdx: w - 1, eventIdx: w };
    return null;
  }
  return null;
}

/** True for a -x, line whose `100.00` percentage was split by a decimal comma into `100`,`00`. */
function pctSplit(t: string[]): boolean {
  const a = anchor(t);
  if (!a) return false;
  let post = t.slice(a.eventIdx + 1);
  if (post.length >= 2 && /^\d+$/.test(post[0]) && /^\d+%$/.test(post[1])) post = post.slice(2);
  else if (post[0]?.endsWith('%')) post = post.slice(1);
  return post.length >= 3 && /^\d+$/.test(post[0]) && /^\d+$/.test(post[1]) && /^\d\d$/.test(post[2]);
}
