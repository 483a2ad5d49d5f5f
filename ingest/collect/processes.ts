/**
 * Child process supervision for the collector: every process it launches (gateway, wrk, pidstat, perf, strace,
 * bench-latency) goes through one `Supervisor`, in its own process group, so that stopping a child also stops
 * what it forked (the gateway's workers), and an interrupt can stop every one of them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { parseProcessStat, type ProcessInfo } from './process-table.ts';
import { descendantsOf } from './roles.ts';

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  /** set when the process could not be started at all (e.g. ENOENT) */
  error?: string;
}

export interface Child {
  role: string;
  argv: string[];
  pid: number;
  /** null while running */
  exit: ExitInfo | null;
  exited: Promise<ExitInfo>;
}

export interface StartOptions {
  role: string;
  /** file that receives stdout; default ignored */
  stdout?: string;
  /** file that receives stderr; default ignored */
  stderr?: string;
  cwd?: string;
  env?: Record<string, string>;
}

/**
 * Resolves after `ms`, or early when `signal` aborts.
 *
 * @example
 * await sleep(100) // ~100 ms later
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export class Supervisor {
  private readonly live = new Set<Child>();

  /** Children started and not yet reaped. */
  get running(): Child[] {
    return [...this.live];
  }

  /**
   * Start `argv` in a new process group, stdout/stderr to files.
   *
   * @example
   * const wrk = sup.start(['wrk', '-d1s', url], { role: 'wrk', stdout: 'out.txt' }); await wrk.exited // -> { code: 0, signal: null }
   */
  start(argv: string[], opts: StartOptions): Child {
    const fds: number[] = [];
    const target = (file?: string): number | 'ignore' => {
      if (!file) return 'ignore';
      const fd = openSync(file, 'a');
      fds.push(fd);
      return fd;
    };
    const out = target(opts.stdout);
    const err = opts.stderr === opts.stdout && typeof out === 'number' ? out : target(opts.stderr);
    let proc: ChildProcess;
    let child: Child;
    const exited = new Promise<ExitInfo>((resolve) => {
      proc = spawn(argv[0], argv.slice(1), {
        cwd: opts.cwd,
        env: { ...process.env, ...opts.env },
        stdio: ['ignore', out, err],
        detached: true,
      });
      proc.once('error', (e) => {
        const info = { code: 127, signal: null, error: `cannot start ${argv[0]}: ${(e as NodeJS.ErrnoException).code ?? e.message}` };
        if (typeof err === 'number') writeSync(err, `${info.error}\n`);
        finish(info);
      });
      proc.once('exit', (code, signal) => finish({ code, signal }));
      let finished = false;
      const finish = (info: ExitInfo) => {
        if (finished) return;
        finished = true;
        for (const fd of fds) closeSync(fd);
        child.exit = info;
        this.live.delete(child);
        resolve(info);
      };
    });
    child = { role: opts.role, argv, pid: proc!.pid ?? -1, exit: null, exited };
    if (child.pid > 0) this.live.add(child);
    return child;
  }

  /**
   * Stop a child and its process group: `signal` (SIGTERM), then SIGKILL after `graceMs`; anything left in the
   * group after the leader exits is killed too.
   *
   * @example
   * await sup.stop(gateway) // -> { code: 0, signal: null } for a gateway that exits cleanly on SIGTERM
   */
  async stop(child: Child, opts: { signal?: NodeJS.Signals; graceMs?: number; groupOnly?: boolean } = {}): Promise<ExitInfo> {
    const { signal = 'SIGTERM', graceMs = 5000 } = opts;
    if (child.pid <= 0) return child.exited;
    if (!child.exit) {
      killGroup(child.pid, signal);
      const timedOut = await Promise.race([child.exited.then(() => false), sleep(graceMs).then(() => true)]);
      if (timedOut) killGroup(child.pid, 'SIGKILL');
    }
    const info = await child.exited;
    // the leader is gone; its group may not be (a worker that ignored SIGTERM)
    for (let i = 0; i < 20 && killGroup(child.pid, 0); i++) await sleep(50);
    killGroup(child.pid, 'SIGKILL');
    return info;
  }

  /**
   * Stop every running child at once (SIGTERM, then SIGKILL after `graceMs`).
   *
   * @example
   * await sup.stopAll() // after it, sup.running.length === 0
   */
  async stopAll(graceMs = 3000): Promise<void> {
    await Promise.all(this.running.map((c) => this.stop(c, { graceMs })));
  }

  /** Last resort (second Ctrl-C, process exit): SIGKILL every group synchronously. */
  killAllNow(): void {
    for (const c of this.live) killGroup(c.pid, 'SIGKILL');
  }
}

/**
 * Stop every child on SIGINT/SIGTERM: calls `onSignal` once (the collector aborts and marks the run incomplete),
 * stops the children; a second signal kills them at once and exits 130. Returns the uninstaller.
 *
 * @example
 * const uninstall = installInterruptHandler(sup, (sig) => controller.abort(sig));
 */
export function installInterruptHandler(sup: Supervisor, onSignal: (signal: NodeJS.Signals) => void): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals) => {
    count++;
    if (count === 1) {
      onSignal(signal);
      void sup.stopAll();
    } else {
      sup.killAllNow();
      process.exit(130);
    }
  };
  const onExit = () => sup.killAllNow();
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  process.on('exit', onExit);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    process.off('exit', onExit);
  };
}

/**
 * One HTTP request; resolves with the status code, or null when nothing answered.
 *
 * @example
 * await probeHttp('http://127.0.0.1:8080/api/hello') // -> 200
 */
export function probeHttp(url: string, timeoutMs = 1000): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}

export class ReadyError extends Error {
  override name = 'ReadyError';
}

/**
 * Poll `url` until it answers with a status below 500; fails early when `child` exits first.
 *
 * @example
 * await waitReady('http://127.0.0.1:8080/api/hello', gateway, 15000) // throws ReadyError "... exited with code 1 before answering ..."
 */
export async function waitReady(url: string, child: Child, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) throw new ReadyError('interrupted');
    if (child.exit) {
      const how = child.exit.error ?? (child.exit.signal ? `was killed by ${child.exit.signal}` : `exited with code ${child.exit.code}`);
      throw new ReadyError(`${child.role} ${how} before answering ${url}`);
    }
    const status = await probeHttp(url, 500);
    if (status !== null && status < 500) return;
    if (Date.now() > deadline) throw new ReadyError(`${child.role} did not answer ${url} within ${timeoutMs / 1000} s`);
    await sleep(100, signal);
  }
}

/**
 * True when `port` on `host` cannot be bound (some process listens on it).
 *
 * @example
 * await portInUse('127.0.0.1', 8080) // -> false on a quiet machine
 */
export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

/**
 * Every live process: pid, parent, process group and name, from /proc/PID/stat (a snapshot; processes
 * that exit while it is read are left out).
 *
 * @example
 * readProcessTable().find((p) => p.pid === process.pid)?.comm // -> 'node'
 */
export function readProcessTable(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const info = parseProcessStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (info) out.push(info);
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/**
 * Every live descendant of `pid` (children, grandchildren...), sorted.
 *
 * @example
 * descendantPids(gateway.pid) // -> [4312, 4313] (the workers)
 */
export function descendantPids(pid: number): number[] {
  return descendantsOf(readProcessTable(), pid);
}

/**
 * The pid in a pid file, or null when the file is missing or holds no pid.
 *
 * @example
 * readPidFile('/run/gw.pid') // -> 4311
 */
export function readPidFile(path: string): number | null {
  try {
    const m = /^\s*(\d+)/.exec(readFileSync(path, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * True when process `pid` exists and is not a zombie.
 *
 * @example
 * isAlive(process.pid) // -> true
 */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
