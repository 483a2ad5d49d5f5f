/**
 * What /proc says about a running gateway and its workers: open descriptors, resident memory, child
 * processes (Linux only). Whether a process is still alive is the collector's `isAlive`
 * (ingest/collect/processes.ts).
 *
 * @example
 * countFds(gw.pid) // -> 11
 * workerPids(gw.pid) // -> [41330, 41331]
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Number of open descriptors of a process (entries of /proc/PID/fd). */
export function countFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/**
 * A memory figure of a process from /proc/PID/status, in KiB: `VmRSS` (resident now) or `VmHWM` (the
 * peak resident size since it started).
 *
 * @example
 * rssKb(gw.pid, 'VmHWM') // -> 2544
 */
export function rssKb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]);
}

/** Child process ids of pid: /proc/PID/task/<tid>/children, else a /proc/<n>/stat scan. */
export function workerPids(gatewayPid: number): number[] {
  const pids = new Set<number>();
  try {
    for (const tid of readdirSync(`/proc/${gatewayPid}/task`)) {
      const txt = readFileSync(`/proc/${gatewayPid}/task/${tid}/children`, 'utf8');
      for (const p of txt.split(/\s+/)) if (p) pids.add(Number(p));
    }
    return [...pids].sort((a, b) => a - b);
  } catch {
    // children files need CONFIG_PROC_CHILDREN; fall back to parent ids.
  }
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(after[1]) === gatewayPid) pids.add(Number(name));
    } catch {
      // the process went away while we looked
    }
  }
  return [...pids].sort((a, b) => a - b);
}
