/**
 * Reads `pidstat -o JSON` (sysstat 12.7.7+): `{"sysstat": {"hosts": [{nodename, sysname, release, machine,
 * number-of-cpus, date, statistics: [{timestamp, "task-cpu-load": [...], "task-memory": [...], "stack",
 * "io", "context-switch", "kernel", "realtime", "child-cpu-load", "child-memory"}]}]}}`. Each activity entry
 * names its task with `PID` (or `TGID` + `TID`, `""` on process rows of -t) and `UID` or `USER`, its metrics
 * under the text header's names (`usr`, `cpu`, `cpu_nr`, `MEM` are the exceptions), `cmd` and `leader`.
 * JSON output has no Average section. Pure: text in, plain rows out; the pidstat parser merges them.
 */
import { ParseError } from '../parse-error.ts';
import type { PidstatHeader } from '../records/pidstat.ts';
import { jsonColumnSpec, type ColumnSpec } from './pidstat-columns.ts';

/** One activity entry: ids as printed (JSON prints them as strings; `tid` "" on a process row), metric values. */
export interface PidstatJsonRow {
  pid: string;
  tid: string;
  command: string;
  leader: string;
  values: Array<[ColumnSpec, unknown]>;
}

/** The host's description, in the record header's terms, and its statistics objects in order. */
export type PidstatJsonDocument = Pick<PidstatHeader, 'os' | 'kernel' | 'hostname' | 'arch' | 'cpu_count' | 'date_printed'> & {
  samples: Array<{ timestamp: string; rows: PidstatJsonRow[] }>;
};

/**
 * Parses the JSON document into per-timestamp task rows.
 *
 * @example
 * readPidstatJson('{"sysstat": {"hosts": [{"nodename": "h", "statistics": [{"timestamp": "12:53:22",
 *   "task-cpu-load": [{"UID": "0", "PID": "1", "usr": 0.5, "cmd": "init"}]}]}]}}').samples[0].rows[0].pid // '1'
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
    const rows = Object.entries(activities).flatMap(([activity, entries]) =>
      Array.isArray(entries) ? entries.map((entry) => readRow(entry, `statistics[${i}]."${activity}"`)) : [],
    );
    return { timestamp, rows };
  });
  const textOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
  const cpus = host['number-of-cpus'];
  return {
    os: textOrNull(host.sysname),
    kernel: textOrNull(host.release),
    hostname: textOrNull(host.nodename),
    arch: textOrNull(host.machine),
    cpu_count: typeof cpus === 'number' ? cpus : null,
    date_printed: textOrNull(host.date),
    samples,
  };
}

function readRow(entry: unknown, where: string): PidstatJsonRow {
  if (entry === null || typeof entry !== 'object') throw new ParseError(`pidstat -o JSON ${where} holds a non-object`);
  const e = entry as Record<string, unknown>;
  const pid = e.TGID ?? e.PID;
  if (typeof pid !== 'string' && typeof pid !== 'number') throw new ParseError(`pidstat -o JSON ${where} has an entry without PID or TGID`);
  const values: Array<[ColumnSpec, unknown]> = [];
  for (const [key, value] of Object.entries(e)) {
    const spec = jsonColumnSpec(key); // the ids are read above
    if (spec !== undefined && spec.kind !== 'pid' && spec.kind !== 'tid') values.push([spec, value]);
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { pid: String(pid), tid: e.TID === undefined ? '' : String(e.TID), command: text(e.cmd), leader: text(e.leader), values };
}
