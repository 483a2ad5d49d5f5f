/**
 * Which processes of a variant play which role (pure): the **front** (what clients connect to; its figures
 * are the gateway_* metrics) and the **workers** (what works behind it; the workers_* metrics), chosen by the
 * config's `monitor.front` and `monitor.workers` selectors (config.ts) from a snapshot of the process table.
 * The main process (what the start command runs, or the pid file's) anchors the selectors; it is not
 * monitored unless a selector names it: nginx's master idles while its workers serve, so the nginx example
 * makes the workers its front.
 */
import type { RoleSelector } from '../role-selector.ts';
import type { MonitorSpec } from './config.ts';
import type { ProcessInfo } from './process-table.ts';

/** The pids of each role in one repetition, as the manifest records them. */
export interface Roles {
  /** the gateway's main process: started and stopped by the collector */
  main: number;
  front: number[];
  workers: number[];
}

/**
 * Every descendant of `pid` in `table` (children, grandchildren...), sorted.
 *
 * @example
 * descendantsOf([{ pid: 10, ppid: 1, pgid: 10, comm: 'nginx' }, { pid: 11, ppid: 10, pgid: 10, comm: 'nginx' }], 10) // -> [11]
 */
export function descendantsOf(table: readonly ProcessInfo[], pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      if (out.includes(c)) continue;
      out.push(c);
      queue.push(c);
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * The pids a selector names, sorted; `pidInFile` reads a pid file (null when it holds no pid).
 *
 * @example
 * selectPids('group', [{ pid: 10, ppid: 1, pgid: 10, comm: 'nginx' }, { pid: 11, ppid: 10, pgid: 10, comm: 'nginx' }], 10, () => null) // -> [10, 11]
 * selectPids({ process_names: ['gw-worker'] }, table, 10, () => null) // -> the pids whose comm is gw-worker
 */
export function selectPids(sel: RoleSelector, table: readonly ProcessInfo[], mainPid: number, pidInFile: (path: string) => number | null): number[] {
  if (sel === 'none') return [];
  if (sel === 'main') return [mainPid];
  if (sel === 'descendants') return descendantsOf(table, mainPid);
  if (sel === 'group') {
    const pgid = table.find((p) => p.pid === mainPid)?.pgid ?? mainPid;
    return table.filter((p) => p.pgid === pgid).map((p) => p.pid).sort((a, b) => a - b);
  }
  if ('process_names' in sel) return table.filter((p) => sel.process_names.includes(p.comm)).map((p) => p.pid).sort((a, b) => a - b);
  const pid = pidInFile(sel.pid_file);
  return pid === null ? [] : [pid];
}

/**
 * A selector in words, for messages.
 *
 * @example
 * describeSelector({ process_names: ['a', 'b'] }) // -> 'processes named a, b'
 */
export function describeSelector(sel: RoleSelector): string {
  if (typeof sel === 'string') return { main: 'the main process', descendants: "the main process's descendants", group: "the main process's group", none: 'no process' }[sel];
  return 'process_names' in sel ? `processes named ${sel.process_names.join(', ')}` : `the pid in ${sel.pid_file}`;
}

/**
 * The front and the workers of a variant; a pid in both is the front's.
 *
 * @example
 * // nginx: master 10 (what the start command runs), worker 11
 * resolveRoles({ ...monitor, front: 'descendants', workers: 'descendants' }, table, 10, () => null) // -> { main: 10, front: [11], workers: [] }
 */
export function resolveRoles(monitor: Pick<MonitorSpec, 'front' | 'workers'>, table: readonly ProcessInfo[], mainPid: number, pidInFile: (path: string) => number | null): Roles {
  const front = selectPids(monitor.front, table, mainPid, pidInFile);
  const workers = selectPids(monitor.workers, table, mainPid, pidInFile).filter((p) => !front.includes(p));
  return { main: mainPid, front, workers };
}

/**
 * The pids perf record profiles: the front, or the front and the workers (`monitor.profile`).
 *
 * @example
 * profiledPids('all', { main: 10, front: [11], workers: [12, 13] }) // -> [11, 12, 13]
 */
export function profiledPids(profile: MonitorSpec['profile'], roles: Pick<Roles, 'front' | 'workers'>): number[] {
  return profile === 'all' ? [...roles.front, ...roles.workers] : roles.front;
}
