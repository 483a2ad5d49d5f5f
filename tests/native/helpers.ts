// Reusable helpers for driving native/build/gateway from TypeScript: start it on a
// free loopback port and wait for `ready`, talk raw HTTP over net sockets, and
// inspect its processes and descriptors through /proc. Used by the native
// integration tests, the collector and the bench scripts.
//
// Nothing here asserts on durations: every wait is a bounded poll that either
// sees the condition or fails with a message saying what it waited for.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The gateway's architectures (`--mode`), in the order of their labels v1.0, v2.0, v2.1. */
export const GATEWAY_MODES = ['proxy', 'fdpass', 'fdpass-conn'] as const;
export type GatewayMode = (typeof GATEWAY_MODES)[number];

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
export const NATIVE_DIR = path.join(REPO_ROOT, 'native');
export const BUILD_DIR = path.join(NATIVE_DIR, 'build');
/** The gateway binary tests use: $GATEBENCH_GATEWAY (e.g. the ASan build) or native/build/gateway. */
export const GATEWAY_BIN = process.env.GATEBENCH_GATEWAY ?? path.join(BUILD_DIR, 'gateway');

export interface GatewayOptions {
  mode: GatewayMode;
  workers?: number;
  /** routes file; the gateway's default (native/routes.conf) when omitted */
  routes?: string;
  /** more CLI flags, e.g. ['--idle-timeout', '1'] */
  extraArgs?: string[];
  /** gateway executable; GATEWAY_BIN when omitted */
  binary?: string;
  /** a fixed port; a free one when omitted */
  port?: number;
  /** upper bound for `ready` (default 20 s) */
  readyTimeoutMs?: number;
  /**
   * run the gateway through a wrapper command, e.g. ['prlimit', '--nofile=64:64'] or
   * ['taskset', '-c', '0']; the wrapper must exec the gateway so that pid is the gateway's
   */
  wrapper?: string[];
  /** more environment variables for the gateway (and its workers), on top of this process's */
  env?: Record<string, string>;
}

export interface StopResult {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Gateway {
  port: number;
  pid: number;
  proc: ChildProcess;
  /** everything the gateway and its workers wrote to stderr so far */
  stderr(): string;
  /** SIGTERM (or the given signal) and wait for exit; SIGKILL after timeoutMs (default 15 s). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<StopResult>;
  /** resolves when the process has exited (immediately if it already has) */
  exited: Promise<StopResult>;
}

/** Throws a readable error when the binary has not been built. */
export function assertBuilt(binary: string = GATEWAY_BIN): void {
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: build it first with \`make -C native\``);
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago (bind to port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * The first port of `count` consecutive ports that were free a moment ago, below the kernel's ephemeral
 * range (32768 and up), so no client connection of a concurrent test takes one as its local port. The
 * collector puts the embedded gateway's second variant on --port + 1.
 *
 * @example
 * await freePortRun(2) // -> 24117 (24117 and 24118 free)
 */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = 20000 + Math.floor(Math.random() * (32000 - 20000 - count));
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await canListen(first + i);
    if (ok) return first;
  }
  throw new Error(`no ${count} consecutive free ports found in 20000-32000`);
}

/** Starts the gateway and resolves once it printed `ready` on stdout. */
export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const binary = opts.binary ?? GATEWAY_BIN;
  assertBuilt(binary);
  const port = opts.port ?? (await freePort());
  const args = ['--mode', opts.mode, '--port', String(port), '--listen', '127.0.0.1'];
  if (opts.workers !== undefined) args.push('--workers', String(opts.workers));
  if (opts.routes) args.push('--routes', opts.routes);
  args.push(...(opts.extraArgs ?? []));

  const argv = [...(opts.wrapper ?? []), binary, ...args];
  const proc = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  let err = '';
  let out = '';
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<StopResult>((resolve) => {
    proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let isExited = false;
  void exited.then(() => {
    isExited = true;
  });

  const timeoutMs = opts.readyTimeoutMs ?? 20000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`gateway not ready after ${timeoutMs} ms: ${args.join(' ')}\n${err}`));
    }, timeoutMs);
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (d: string) => {
      out += d;
      if (/^ready$/m.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((r) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited before ready (code ${r.code}, signal ${r.signal})\n${err}`));
    });
  });

  const pid = proc.pid!;
  return {
    port,
    pid,
    proc,
    exited,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = 'SIGTERM', stopTimeoutMs = 15000) {
      if (!isExited) proc.kill(signal);
      const timer = setTimeout(() => {
        if (!isExited) proc.kill('SIGKILL');
      }, stopTimeoutMs);
      const r = await exited;
      clearTimeout(timer);
      return r;
    },
  };
}

/** One parsed HTTP response. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** bytes of this response on the wire */
  raw: Buffer;
}

/**
 * Parses as many complete HTTP/1.1 responses (Content-Length framed) as buf holds.
 * `rest` is what follows the last complete one.
 */
export function parseResponses(buf: Buffer): { responses: HttpResponse[]; rest: Buffer; needed: number } {
  const responses: HttpResponse[] = [];
  let off = 0;
  let needed = 0;
  for (;;) {
    const end = buf.indexOf('\r\n\r\n', off, 'latin1');
    if (end < 0) break;
    const head = buf.subarray(off, end).toString('latin1');
    const lines = head.split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
    if (!m) throw new Error(`not an HTTP response: ${JSON.stringify(head.slice(0, 80))}`);
    const headers: Record<string, string> = {};
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':');
      if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
    }
    const len = Number(headers['content-length'] ?? '0');
    const bodyStart = end + 4;
    if (buf.length < bodyStart + len) {
      needed = bodyStart + len;
      break;
    }
    responses.push({
      status: Number(m[1]),
      headers,
      body: buf.subarray(bodyStart, bodyStart + len),
      raw: buf.subarray(off, bodyStart + len),
    });
    off = bodyStart + len;
  }
  return { responses, rest: buf.subarray(off), needed };
}

export interface RawRequestOptions {
  /** resolve once this many complete responses arrived (default: wait for the server to close) */
  responses?: number;
  /** reject after this long (default 15 s) */
  timeoutMs?: number;
  /** half-close (FIN) after writing */
  end?: boolean;
}

/**
 * Connects to 127.0.0.1:port, writes bytes, and resolves with everything read: until the
 * server closes the connection, or until opts.responses complete responses were received.
 */
export function rawRequest(
  port: number,
  bytes: Buffer | string,
  opts: RawRequestOptions = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let done = false;
    const sock = net.connect({ port, host: '127.0.0.1' });
    const finish = (e?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (e) reject(e);
      else resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(
      () => finish(new Error(`rawRequest: no ${opts.responses ?? 'close'} within ${opts.timeoutMs ?? 15000} ms`)),
      opts.timeoutMs ?? 15000,
    );
    sock.on('connect', () => {
      sock.write(bytes);
      if (opts.end) sock.end();
    });
    sock.on('data', (d: Buffer) => {
      chunks.push(d);
      if (opts.responses !== undefined) {
        const { responses } = parseResponses(Buffer.concat(chunks));
        if (responses.length >= opts.responses) finish();
      }
    });
    sock.on('end', () => finish());
    sock.on('close', () => finish());
    // A reset after the server answered still leaves the answer in chunks.
    sock.on('error', (e) => (chunks.length ? finish() : finish(e)));
  });
}

/** A persistent connection for keep-alive and pipelining tests. */
export class RawConnection {
  readonly socket: net.Socket;
  // Chunks are joined lazily: joining on every 'data' event is quadratic for
  // multi-megabyte answers.
  private chunks: Buffer[] = [];
  private total = 0;
  private needed = 0;
  private closed = false;
  private waiters: Array<() => void> = [];

  private get buf(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.total)];
    return this.chunks[0];
  }

  private set buf(b: Buffer) {
    this.chunks = [b];
    this.total = b.length;
    this.needed = 0;
  }

  private constructor(sock: net.Socket) {
    this.socket = sock;
    sock.on('data', (d: Buffer) => {
      this.chunks.push(d);
      this.total += d.length;
      if (this.total >= this.needed) this.wake();
    });
    sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
    sock.on('error', () => {
      this.closed = true;
      this.wake();
    });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ port, host: '127.0.0.1' });
      s.once('connect', () => resolve(new RawConnection(s)));
      s.once('error', reject);
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async waitUntil(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`RawConnection: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** Waits for n complete responses and removes them from the buffer. */
  async read(n = 1, timeoutMs = 15000): Promise<HttpResponse[]> {
    let parsed = parseResponses(this.buf);
    await this.waitUntil(
      () => {
        if (this.total < this.needed && !this.closed) return false;
        parsed = parseResponses(this.buf);
        this.needed = parsed.needed;
        return parsed.responses.length >= n || this.closed;
      },
      timeoutMs,
      `${n} responses`,
    );
    if (parsed.responses.length < n) {
      throw new Error(`connection closed after ${parsed.responses.length} of ${n} responses`);
    }
    const take = parsed.responses.slice(0, n);
    const used = take.reduce((s, r) => s + r.raw.length, 0);
    this.buf = this.buf.subarray(used);
    return take;
  }

  /** Resolves when the server has closed the connection (rejects after timeoutMs). */
  async waitClosed(timeoutMs = 15000): Promise<void> {
    await this.waitUntil(() => this.closed, timeoutMs, 'close');
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Unread bytes received so far. */
  get pending(): Buffer {
    return this.buf;
  }

  close(): void {
    this.socket.destroy();
  }

  /** Abortive close: RST instead of FIN. */
  reset(): void {
    this.socket.resetAndDestroy();
  }
}

/** Builds a request. A body sets Content-Length. */
export function httpRequest(
  method: string,
  target: string,
  opts: { body?: Buffer | string; headers?: Record<string, string>; close?: boolean; version?: string } = {},
): Buffer {
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  let head = `${method} ${target} HTTP/${opts.version ?? '1.1'}\r\nHost: 127.0.0.1\r\n`;
  for (const [k, v] of Object.entries(opts.headers ?? {})) head += `${k}: ${v}\r\n`;
  if (body) head += `Content-Length: ${body.length}\r\n`;
  if (opts.close) head += 'Connection: close\r\n';
  head += '\r\n';
  return body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1');
}

/** Sends one request with Connection: close and returns the parsed response. */
export async function request(
  port: number,
  method: string,
  target: string,
  body?: Buffer | string,
): Promise<HttpResponse> {
  const raw = await rawRequest(port, httpRequest(method, target, { body, close: true }));
  const { responses } = parseResponses(raw);
  if (!responses[0]) throw new Error(`no complete response: ${JSON.stringify(raw.toString('latin1').slice(0, 200))}`);
  return responses[0];
}

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

/** True while /proc/PID exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Polls fn until it returns a truthy value (returned) or attempts run out (throws with `what`).
 * Waits are upper bounds only: the condition is what passes or fails.
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  what: string,
  opts: { attempts?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const attempts = opts.attempts ?? 200;
  const interval = opts.intervalMs ?? 50;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`gave up waiting for ${what} (last: ${last instanceof Error ? last.message : String(last)})`);
}
