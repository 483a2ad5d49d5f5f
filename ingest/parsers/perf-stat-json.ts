/**
 * perf stat `--json` (perf 6.0+): one JSON object per line, `counter-value` a string ("<not supported>"
 * or "3805.723968"), `metric-value` a number or (later kernels) a string. Tolerates the trailing-comma
 * objects some perf versions printed (`..., }`). Pure.
 */
import { ParseError } from '../parse-error.ts';
import type { PerfEvent } from '../records/perf-stat.ts';
import { type PerfStatDraft, aggregateIntervals, failureMessage } from './perf-stat-common.ts';

/**
 * Parse perf stat --json lines.
 * @example
 * parsePerfStatJson('{"counter-value" : "14.000000", "unit" : "", "event" : "context-switches", "event-runtime" : 256023636, "pcnt-running" : 100.00}')
 * // -> { layout: 'json', events: [{ event: 'context-switches', value: 14, status: 'counted', running_pct: 100, ... }], ... }
 */
export function parsePerfStatJson(text: string): PerfStatDraft {
  const lines = text.split(/\r?\n/);
  const events: PerfEvent[] = [];
  const intervals: { time_s: number; events: PerfEvent[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i].trim();
    if (line === '') continue;
    if (!line.startsWith('{')) {
      const failure = failureMessage(line);
      if (failure) throw new ParseError(`perf stat failed: ${failure}`, n);
      throw new ParseError(`expected one JSON object per line (perf stat --json), got "${line.slice(0, 60)}"`, n);
    }
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line.replace(/,\s*}$/, '}')) as Record<string, unknown>;
    } catch {
      throw new ParseError('not a complete JSON object (truncated?)', n);
    }
    if ('cpu' in obj || 'socket' in obj || 'die' in obj || 'core' in obj || 'node' in obj) {
      throw new ParseError('per-CPU/socket/node aggregation (-A, --per-*) is not supported: use the default aggregation', n);
    }
    if (typeof obj['event'] !== 'string') throw new ParseError('JSON line has no "event" string', n);
    const event = toEvent(obj, n);
    if (typeof obj['interval'] === 'number') {
      const time = obj['interval'];
      const last = intervals[intervals.length - 1];
      if (last && last.time_s === time) last.events.push(event);
      else intervals.push({ time_s: time, events: [event] });
    } else {
      events.push(event);
    }
  }
  if (events.length === 0 && intervals.length === 0) throw new ParseError('no perf stat JSON lines', 1);
  const draft: PerfStatDraft = { layout: 'json', target: null, runs: null, events, elapsed_s: null, user_s: null, sys_s: null };
  if (intervals.length) {
    draft.intervals = intervals;
    draft.events = aggregateIntervals(intervals);
    draft.elapsed_s = intervals[intervals.length - 1].time_s;
  }
  return draft;
}

function toEvent(obj: Record<string, unknown>, n: number): PerfEvent {
  const raw = String(obj['counter-value'] ?? '');
  const status = raw === '<not supported>' ? 'not supported' : raw === '<not counted>' ? 'not counted' : 'counted';
  const value = status === 'counted' ? Number(raw) : null;
  if (status === 'counted' && (raw === '' || !Number.isFinite(value))) {
    throw new ParseError(`counter-value "${raw}" of ${String(obj['event'])} is not a number`, n);
  }
  const numberOrNull = (v: unknown): number | null => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return null;
  };
  const event: PerfEvent = {
    event: String(obj['event']),
    value,
    unit: typeof obj['unit'] === 'string' ? obj['unit'] : '',
    status,
    running_pct: numberOrNull(obj['pcnt-running']),
    runtime_ns: numberOrNull(obj['event-runtime']),
  };
  if ('variance' in obj) event.variance_pct = numberOrNull(obj['variance']);
  if ('metric-value' in obj || 'metric-unit' in obj) {
    event.metric_value = status === 'counted' ? numberOrNull(obj['metric-value']) : null;
    event.metric_unit = typeof obj['metric-unit'] === 'string' && obj['metric-unit'] !== '' ? obj['metric-unit'] : null;
  }
  return event;
}
