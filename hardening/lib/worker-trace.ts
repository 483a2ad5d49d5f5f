/**
 * Evidence that clients vanished while a worker held their descriptor (fdpass mode): strace the
 * workers' sendmsg/recvmsg during a run and count the client fds received (SCM_RIGHTS) and the writes
 * to a client that failed with EPIPE or ECONNRESET. Needs strace and ptrace rights (root here).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface WorkerTraceCounts {
  /** recvmsg calls that carried SCM_RIGHTS descriptors */
  recvmsg_with_fds: number;
  /** worker writes (sendmsg) that completed */
  sendmsg_ok: number;
  sendmsg_epipe: number;
  sendmsg_econnreset: number;
}

/**
 * Counts the interesting calls in strace output. Pure.
 * @example countWorkerTrace('[pid 7] sendmsg(9, {...}, MSG_NOSIGNAL|MSG_DONTWAIT) = -1 EPIPE (Broken pipe)\n').sendmsg_epipe // 1
 */
export function countWorkerTrace(text: string): WorkerTraceCounts {
  const c: WorkerTraceCounts = { recvmsg_with_fds: 0, sendmsg_ok: 0, sendmsg_epipe: 0, sendmsg_econnreset: 0 };
  for (const l of text.split('\n')) {
    // with -f, a call interrupted by another thread's is split: "sendmsg(... <unfinished ...>" then
    // "<... sendmsg resumed>...) = result"; the result is on the second line.
    if (/(recvmsg\(|<\.\.\. recvmsg resumed>).*SCM_RIGHTS/.test(l)) c.recvmsg_with_fds++;
    else if (/(sendmsg\(|<\.\.\. sendmsg resumed>).*= -1 EPIPE\b/.test(l)) c.sendmsg_epipe++;
    else if (/(sendmsg\(|<\.\.\. sendmsg resumed>).*= -1 ECONNRESET\b/.test(l)) c.sendmsg_econnreset++;
    else if (/(sendmsg\(|<\.\.\. sendmsg resumed>).*= \d+\s*$/.test(l)) c.sendmsg_ok++;
  }
  return c;
}

/** A running strace on some pids; stop() ends it and returns the counts. */
export interface WorkerTrace {
  stop(): Promise<WorkerTraceCounts>;
}

/**
 * Starts tracing sendmsg/recvmsg of the given pids (resolves once strace has attached).
 * @example const t = await traceWorkers(workerPids(gw.pid)); ...; (await t.stop()).sendmsg_epipe
 */
export async function traceWorkers(pids: number[]): Promise<WorkerTrace> {
  const st: ChildProcess = spawn('strace', ['-f', '-qq', '-e', 'trace=sendmsg,recvmsg', '-e', 'signal=none', ...pids.flatMap((p) => ['-p', String(p)])], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  st.stderr!.setEncoding('utf8');
  st.stderr!.on('data', (d: string) => (log += d));
  const exited = new Promise<void>((resolve) => st.once('exit', () => resolve()));
  // strace prints nothing on attach with -qq: give it a moment, bounded, then go on either way.
  await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
  return {
    async stop() {
      st.kill('SIGINT');
      await exited;
      return countWorkerTrace(log);
    },
  };
}
