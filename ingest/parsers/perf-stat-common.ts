/**
 * Pieces shared by the three perf stat layouts (text, CSV, JSON): the draft record, how -I intervals sum
 * into whole-run counters, and perf's failure messages. Pure.
 */
import type { PerfEvent, PerfInterval, PerfStatRecord } from '../records/perf-stat.ts';

/** A perf stat record before validation (the `format` literal is added by the dispatcher). */
export type PerfStatDraft = Omit<PerfStatRecord, 'format'>;

const FAILURE_RE =
  /^(Error:.*|Workload failed:.*|Problems finding threads of monitor.*|The sys_perf_event_open\(\) syscall returned.*|event syntax error:.*|Cannot find PMU.*|failed to .*|perf: '.*' is not a perf-command.*|Failed to .*|No permission to enable .*|Access to performance monitoring and observability operations is limited.*)$/;

/**
 * perf's own failure message when `line` is one, else null.
 * @example failureMessage("Workload failed: No such file or directory") // "Workload failed: No such file or directory"
 */
export function failureMessage(line: string): string | null {
  return FAILURE_RE.test(line.trim()) ? line.trim() : null;
}

/**
 * Whole-run counters from -I intervals: values summed (perf prints per-interval deltas), running_pct
 * averaged, status "counted" when any interval counted the event; events in first-seen order.
 *
 * @example
 * aggregateIntervals([{ time_s: 0.5, events: [cs(58)] }, { time_s: 1, events: [cs(51)] }])[0].value // 109
 */
export function aggregateIntervals(intervals: PerfInterval[]): PerfEvent[] {
  const byName = new Map<string, { first: PerfEvent; values: number[]; pcts: number[] }>();
  for (const interval of intervals) {
    for (const e of interval.events) {
      let acc = byName.get(e.event);
      if (!acc) byName.set(e.event, (acc = { first: e, values: [], pcts: [] }));
      if (e.status === 'counted' && e.value !== null) acc.values.push(e.value);
      if (e.status === 'counted' && e.running_pct !== null) acc.pcts.push(e.running_pct);
    }
  }
  return [...byName.values()].map(({ first, values, pcts }) => {
    const counted = values.length > 0;
    return {
      event: first.event,
      value: counted ? Number(values.reduce((a, b) => a + b, 0).toPrecision(15)) : null,
      unit: first.unit,
      status: counted ? 'counted' : first.status,
      running_pct: pcts.length ? Number((pcts.reduce((a, b) => a + b, 0) / pcts.length).toFixed(2)) : null,
    };
  });
}
