/**
 * Reads `pidstat -o JSON` (sysstat 12.7.7+): `{"sysstat": {"hosts": [{nodename, sysname, release, machine,
 * number-of-cpus, date, statistics: [{timestamp, "task-cpu-load": [...], "task-memory": [...], "stack",
 * "io", "context-switch", "kernel", "realtime", "child-cpu-load", "child-memory"}]}]}}`. Each activity entry
 * names its task with `PID` (or `TGID` + `TID`, `""` on process rows of -t) and `UID` or `USER`, its metrics
 * under the text header's names (`usr`, `cpu`, `cpu_nr`, `MEM` are the exceptions), `cmd` and `leader`.
 * JSON output has no Average section. Pure: text in, plain rows out; the pidstat parser merges them.
 */
import { ParseError } from '../parse-error.ts';
import { jsonColumnSpec, type ColumnSpec } from './pidstat-columns.ts';

export interface PidstatJsonRow {
  /** the PID / TGID as printed (JSON prints ids as strings) */
  pid: string;
  /** the TID, or "" on a process row */
  tid: string;
  command: string;
  leader: string;
  values: Array<[ColumnSpec, unknown]>;
}

export interface PidstatJsonSample {
  timestamp: string;
  rows: PidstatJsonRow[];
}

export interface PidstatJsonDocument {
  os: string | null;
  kernel: string | null;
  hostname: string | null;
  arch: string | null;
  cpu_count: number | null;
  date_printed: string | null;
  samples: PidstatJsonSample[];
}

const ID_KEYS = new Set(['PID', 'TGID', 'TID', 'cmd', 'leader']);

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
  if (!Array.isArray(hosts) || hosts.length === 0) {
    throw new ParseError('pidstat -o JSON output has no "sysstat.hosts" array');
  }
  if (hosts.length > 1) throw new ParseError(`pidstat -o JSON output has ${hosts.length} hosts; expected one`);
  const host = hosts[0] as Record<string, unknown>;
  const statistics = host.statistics;
  if (!Array.isArray(statistics)) throw new ParseError('pidstat -o JSON output has no "statistics" array');
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const samples: PidstatJsonSample[] = statistics.map((stat, i) => readStatistics(stat, i));
  return {
    os: str(host.sysname),
    kernel: str(host.release),
    hostname: str(host.nodename),
    arch: str(host.machine),
    cpu_count: typeof host['number-of-cpus'] === 'number' ? (host['number-of-cpus'] as number) : null,
    date_printed: str(host.date),
    samples,
  };
}

function readStatistics(stat: unknown, index: number): PidstatJsonSample {
  if (stat === null || typeof stat !== 'object') {
    throw new ParseError(`pidstat -o JSON statistics[${index}] is not an object`);
  }
  const { timestamp, ...activities } = stat as Record<string, unknown>;
  if (typeof timestamp !== 'string') {
    throw new ParseError(`pidstat -o JSON statistics[${index}] has no "timestamp"`);
  }
  const rows: PidstatJsonRow[] = [];
  for (const [activity, entries] of Object.entries(activities)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (entry === null || typeof entry !== 'object') {
        throw new ParseError(`pidstat -o JSON statistics[${index}]."${activity}" holds a non-object`);
      }
      rows.push(readRow(entry as Record<string, unknown>, `statistics[${index}]."${activity}"`));
    }
  }
  return { timestamp, rows };
}

function readRow(entry: Record<string, unknown>, where: string): PidstatJsonRow {
  const pid = entry.TGID ?? entry.PID;
  if (typeof pid !== 'string' && typeof pid !== 'number') {
    throw new ParseError(`pidstat -o JSON ${where} has an entry without PID or TGID`);
  }
  const values: Array<[ColumnSpec, unknown]> = [];
  for (const [key, value] of Object.entries(entry)) {
    if (ID_KEYS.has(key)) continue;
    const spec = jsonColumnSpec(key);
    if (spec !== undefined) values.push([spec, value]);
  }
  return {
    pid: String(pid),
    tid: entry.TID === undefined ? '' : String(entry.TID),
    command: typeof entry.cmd === 'string' ? entry.cmd : '',
    leader: typeof entry.leader === 'string' ? entry.leader : '',
    values,
  };
}
