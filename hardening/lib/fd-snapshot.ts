/**
 * Open descriptors of the gateway and each of its workers, read from /proc/PID/fd, with what each
 * descriptor points at (socket:[inode], pipe:[inode], /dev/null, anon_inode:[eventpoll], ...) so a
 * difference can be shown, not just counted.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { workerPids } from './proc-status.ts';

export interface ProcessFds {
  pid: number;
  count: number;
  /** descriptor number -> link target */
  fds: Record<string, string>;
}

export interface FdSnapshot {
  gateway: ProcessFds;
  workers: ProcessFds[];
}

/**
 * Descriptors of one process.
 * @example processFds(process.pid).count > 2 // true
 */
export function processFds(pid: number): ProcessFds {
  const fds: Record<string, string> = {};
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      fds[fd] = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      fds[fd] = '(closed while read)';
    }
  }
  return { pid, count: Object.keys(fds).length, fds };
}

/**
 * The gateway's descriptors and its workers' (ordered by pid).
 * @example fdSnapshot(gw.pid).workers.length // the --workers count
 */
export function fdSnapshot(gatewayPid: number): FdSnapshot {
  return { gateway: processFds(gatewayPid), workers: workerPids(gatewayPid).map(processFds) };
}

/** Link targets with the inode numbers blanked, so "socket:[123]" and "socket:[456]" compare equal. */
function kinds(p: ProcessFds): string[] {
  return Object.values(p.fds)
    .map((t) => t.replace(/\[\d+\]/, '[]'))
    .sort();
}

/**
 * Empty when both snapshots hold the same processes with the same number of descriptors; otherwise one
 * line per difference, naming the process and the descriptors gained or lost.
 * @example fdDifferences(a, a) // []
 */
export function fdDifferences(before: FdSnapshot, after: FdSnapshot): string[] {
  const out: string[] = [];
  const cmp = (label: string, a: ProcessFds, b: ProcessFds) => {
    if (a.count === b.count) return;
    const ka = kinds(a);
    const kb = kinds(b);
    const gained = kb.filter((k, i) => kb.indexOf(k) === i).flatMap((k) => {
      const d = kb.filter((x) => x === k).length - ka.filter((x) => x === k).length;
      return d > 0 ? [`+${d} ${k}`] : d < 0 ? [`${d} ${k}`] : [];
    });
    const lost = ka.filter((k, i) => ka.indexOf(k) === i && !kb.includes(k)).map((k) => `-${ka.filter((x) => x === k).length} ${k}`);
    out.push(`${label} (pid ${b.pid}): ${a.count} fds before, ${b.count} after (${[...gained, ...lost].join(', ')})`);
  };
  cmp('gateway', before.gateway, after.gateway);
  const bp = before.workers.map((w) => w.pid).join(',');
  const ap = after.workers.map((w) => w.pid).join(',');
  if (bp !== ap) {
    out.push(`workers changed (pids ${bp} -> ${ap}): a worker died or was respawned, so its descriptors cannot be compared`);
  } else {
    before.workers.forEach((w, i) => cmp(`worker ${i}`, w, after.workers[i]!));
  }
  return out;
}
