/**
 * Reads `pidstat -o JSON` (sysstat 12.7.7+): `{"sysstat": {"hosts": [{nodename, sysname, release, machine,
 * number-of-cpus, date, statistics: [{timestamp, "task-cpu-load": [...], "task-memory": [...], "stack",
 * "io", "context-switch", "kernel", "realtime", "child-cpu-load", "child-memory"}]}]}}`. Each activity entry
 * names its task with `PID` (or `TGID` + `TID`, `""` on process rows of -t) and `UID` or `USER`, its metrics
 * under the text header's names (`usr`, `cpu`, `cpu_nr`, `MEM` are the exceptions), `cmd` and `leader`.
 * JSON output has no Average section. Pure: text in, one record per task and timestamp out (the entries of
 * a task's activities merged); the pidstat parser gives them their time fields.
 */
import { ParseError } from '../parse-error.ts';
import type { PidstatHeader } from '../records/pidstat.ts';
import { columnSpec, newSample } from './pidstat-columns.ts';
import { invalidValue, parsePidstatNumber } from './pidstat-locale.ts';

/** The host's description, in the record header's terms, and its statistics objects in order. */
export type PidstatJsonDocument = Pick<PidstatHeader, 'os' | 'kernel' | 'hostname' | 'arch' | 'cpu_count' | 'date_printed' | 'threads'> & {
  samples: Array<{ timestamp: string; tasks: Array<Record<string, unknown>> }>;
};

/**
 * Parses the JSON document into per-timestamp task records.
 *
 * @example
 * readPidstatJson('{"sysstat": {"hosts": [{"nodename": "h", "statistics": [{"timestamp": "12:53:22",
 *   "task-cpu-load": [{"UID": "0", "PID": "1", "usr": 0.5, "cmd": "init"}]}]}]}}').samples[0].tasks[0].usr_pct // 0.5
 */
export function readPidstatJson(text: string): PidstatJsonDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ParseError(`pidstat -o JSON output is not valid JSON (truncated?): ${(e as Error).message}`);
  }
  const hosts = (doc as { sysstat?: { hosts?: unknown } })?.sysstat?.hosts;
  if (!Array.isArray(hosts) || hosts.length === 0) throw new ParseError('pidstat -o JSON output has no "sysstat.hosts" array');
  if (hosts.length > 1) throw new ParseError(`pidstat -o JSON output has ${hosts.length} hosts; expected one`);
  const host = hosts[0] as Record<string, unknown>;
  if (!Array.isArray(host.statistics)) throw new ParseError('pidstat -o JSON output has no "statistics" array');
  const samples = host.statistics.map((stat: unknown, i: number) => {
    if (stat === null || typeof stat !== 'object') throw new ParseError(`pidstat -o JSON statistics[${i}] is not an object`);
    const { timestamp, ...activities } = stat as Record<string, unknown>;
    if (typeof timestamp !== 'string') throw new ParseError(`pidstat -o JSON statistics[${i}] has no "timestamp"`);
    const tasks = new Map<number, Task>(); // by pid, or -1 - tid
    for (const [activity, entries] of Object.entries(activities)) {
      for (const entry of Array.isArray(entries) ? entries : []) readEntry(entry, `statistics[${i}]."${activity}"`, tasks);
    }
    return { timestamp, tasks: [...tasks.values()] };
  });
  const hostText = (key: string) => (typeof host[key] === 'string' ? (host[key] as string) : null);
  const [cpus, threads] = [host['number-of-cpus'], samples.some((s) => s.tasks.some((t) => t.tid !== undefined))];
  return {
    os: hostText('sysname'), kernel: hostText('release'), hostname: hostText('nodename'), arch: hostText('machine'),
    cpu_count: typeof cpus === 'number' ? cpus : null, date_printed: hostText('date'), threads, samples,
  };
}

type Task = Record<string, unknown>;

/** Merges one activity entry into its task's record in `tasks`, made on the task's first entry. */
function readEntry(entry: unknown, where: string, tasks: Map<number, Task>): void {
  if (entry === null || typeof entry !== 'object') throw new ParseError(`pidstat -o JSON ${where} holds a non-object`);
  const e = entry as Record<string, unknown>;
  const pidValue = e.TGID ?? e.PID;
  if (typeof pidValue !== 'string' && typeof pidValue !== 'number') throw new ParseError(`pidstat -o JSON ${where} has an entry without PID or TGID`);
  const tidText = e.TID === undefined ? '' : String(e.TID); // "" on a process row of -t
  const [pid, tid] = [+pidValue, tidText === '' ? undefined : +tidText];
  if (!Number.isInteger(pid) || (tid !== undefined && !Number.isInteger(tid))) {
    throw new ParseError(`pidstat -o JSON has a non-integer PID/TID ("${pidValue}", "${tidText}")`);
  }
  const key = tid === undefined ? pid : -1 - tid;
  const leader = tid !== undefined && typeof e.leader === 'string' && e.leader !== '' ? e.leader : undefined;
  if (!tasks.has(key)) tasks.set(key, newSample(pid, tid, typeof e.cmd === 'string' ? e.cmd : '', leader));
  const rec = tasks.get(key)!;
  for (const [name, value] of Object.entries(e)) {
    const spec = columnSpec(name);
    if (spec.kind === 'number' || spec.kind === 'uid') {
      const v = typeof value !== 'number' ? parsePidstatNumber(String(value), spec.unit) : value === -1 ? null : value >= 0 ? value : undefined;
      if (v === undefined) throw new ParseError(`pidstat -o JSON key "${name}" has ${invalidValue(String(value), false)}`);
      rec[spec.field] = v;
    } else if (spec.kind === 'unknown' && name !== 'cmd' && name !== 'leader') ((rec.extra ??= {}) as Task)[name] = String(value);
    else if (spec.kind === 'user' || spec.kind === 'string') rec[spec.field] = String(value); // the ids are read above
  }
}
