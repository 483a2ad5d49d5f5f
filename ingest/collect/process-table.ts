/**
 * One line of `/proc/PID/stat` as the collector needs it to find a variant's processes (pure): pid, parent,
 * process group and name. The loader that reads every process is `readProcessTable` (processes.ts).
 */

/** One live process, as /proc/PID/stat shows it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** process group id */
  pgid: number;
  /** the name, as in /proc/PID/comm (at most 15 bytes) */
  comm: string;
}

/**
 * Parse `/proc/PID/stat`: `pid (comm) state ppid pgrp ...`; the name may hold spaces and parentheses, so it
 * runs to the last `)`. Null when the text is not such a line.
 *
 * @example
 * parseProcessStat('12978 (nginx) S 12973 12973 12973 0 -1 4194624 ...') // -> { pid: 12978, ppid: 12973, pgid: 12973, comm: 'nginx' }
 */
export function parseProcessStat(text: string): ProcessInfo | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const [, ppid, pgid] = text.slice(close + 2).split(' ');
  const info = { pid: Number(text.slice(0, open)), ppid: Number(ppid), pgid: Number(pgid), comm: text.slice(open + 1, close) };
  return Number.isInteger(info.pid) && Number.isInteger(info.ppid) && Number.isInteger(info.pgid) && info.pid > 0 ? info : null;
}
