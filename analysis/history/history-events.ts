/**
 * The events of one machine's timeline: what changed between a run and the run before it on the same
 * machine (same `machine.name`). A new kernel, CPU, memory size, tool version or load configuration does not
 * start a new machine: it is an event marked on the history charts, so a step that coincides with one is
 * read for what it may be.
 */
import type { HistoryEvent, RunResult } from '../schema.ts';

type Change = HistoryEvent['changes'][number];

/** What the events read of a run. */
export type TimelineRun = Pick<RunResult, 'id' | 'created_at' | 'machine' | 'tools' | 'config'>;

/** Config fields whose change alters what a run measures (the seed and the labels do not). */
const CONFIG_KEYS: [key: string, read: (c: Record<string, unknown>) => unknown][] = [
  ['blocks', (c) => c.repetitions],
  ['duration_s', (c) => c.duration_s],
  ['warmup_s', (c) => c.warmup_s],
  ['connections', (c) => c.connections],
  ['threads', (c) => c.threads],
  ['rate_rps', (c) => c.rate_rps],
  ['function', (c) => c.function],
  ['workers', (c) => c.workers],
  ['sut_cpus', (c) => (c.pinning as { sut_cpus?: unknown } | undefined)?.sut_cpus],
  ['load_cpus', (c) => (c.pinning as { load_cpus?: unknown } | undefined)?.load_cpus],
  ['config_file', (c) => c.config_file],
];

/**
 * MemTotal moves by a few hundred kB between boots of one VM (the kernel's own reservations): a change of
 * less than this share is not an event.
 */
const MEMORY_EVENT_FRACTION = 0.01;

const text = (x: unknown): string | null => (x === undefined || x === null ? null : typeof x === 'string' ? x : JSON.stringify(x));

function diff(keys: [string, unknown, unknown][]): Change[] {
  return keys.filter(([, a, b]) => text(a) !== text(b)).map(([key, a, b]) => ({ key, before: text(a), after: text(b) }));
}

/**
 * What changed from `before` to `after` (two runs of one machine, in time order), one event per kind.
 *
 * @example
 * eventsBetween(runA, runB)
 * // [{ run: 'B', created_at: '...', kind: 'kernel', changes: [{ key: 'kernel', before: '6.1.0-13', after: '6.1.0-17' }] }]
 */
export function eventsBetween(before: TimelineRun, after: TimelineRun): HistoryEvent[] {
  const a = before.machine;
  const b = after.machine;
  const out: HistoryEvent[] = [];
  const push = (kind: HistoryEvent['kind'], changes: Change[]) => {
    if (changes.length) out.push({ run: after.id, created_at: after.created_at, kind, changes });
  };
  if (a && b) {
    push('kernel', diff([['kernel', a.kernel, b.kernel]]));
    push('cpu', diff([['cpu_model', a.cpu_model, b.cpu_model], ['cpu_count', a.cpu_count, b.cpu_count]]));
    const moved = Math.abs(b.mem_kb - a.mem_kb) >= MEMORY_EVENT_FRACTION * Math.max(a.mem_kb, 1);
    push('memory', moved ? diff([['mem_kb', a.mem_kb, b.mem_kb]]) : []);
  }
  const tools = [...new Set([...Object.keys(before.tools), ...Object.keys(after.tools)])].sort();
  push('tools', diff(tools.map((t) => [t, before.tools[t], after.tools[t]])));
  if (before.config && after.config) {
    const ca = before.config;
    const cb = after.config;
    push('config', diff(CONFIG_KEYS.map(([key, read]) => [key, read(ca), read(cb)])));
  }
  return out;
}

/**
 * The events of a timeline: its runs in time order, each compared with the one before it.
 *
 * @example
 * timelineEvents([run1, run2, run3]).map((e) => [e.run, e.kind]) // [['run3', 'kernel']]
 */
export function timelineEvents(runs: TimelineRun[]): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (let i = 1; i < runs.length; i++) out.push(...eventsBetween(runs[i - 1], runs[i]));
  return out;
}

/**
 * An event in words, for reports, chart tooltips and tables.
 *
 * @example
 * describeEvent({ kind: 'kernel', changes: [{ key: 'kernel', before: '6.1.0-13', after: '6.1.0-17' }], ... }) // 'kernel 6.1.0-13 → 6.1.0-17'
 * describeEvent({ kind: 'tools', changes: [{ key: 'perf', before: '6.1.192', after: '6.1.187' }], ... }) // 'tools: perf 6.1.192 → 6.1.187'
 */
export function describeEvent(e: Pick<HistoryEvent, 'kind' | 'changes'>): string {
  const one = (c: Change) => `${c.key} ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`;
  if (e.kind === 'kernel') return e.changes.map(one).join('; ');
  return `${e.kind}: ${e.changes.map(one).join('; ')}`;
}
