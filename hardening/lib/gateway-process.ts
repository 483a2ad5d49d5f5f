/**
 * Drive the built gateway (native/build/gateway) from TypeScript: start it in one of its modes on a free
 * loopback port, wait for its `ready` line, stop it. Used by the hardening tools (soak, fd hygiene), the
 * native bench (`npm run bench:native`) and the native and hardening tests.
 *
 * Nothing here asserts on durations: every wait is bounded and fails with a message saying what it waited for.
 *
 * @example
 * const gw = await startGateway({ mode: 'fdpass', workers: 2 });
 * gw.port; // e.g. 41327, serving 127.0.0.1
 * await gw.stop(); // { code: 0, signal: null }
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

/** The gateway's architectures (`--mode`), in the order of their labels v1.0, v2.0, v2.1. */
export const GATEWAY_MODES = ['proxy', 'fdpass', 'fdpass-conn'] as const;
export type GatewayMode = (typeof GATEWAY_MODES)[number];

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
export const NATIVE_DIR = path.join(REPO_ROOT, 'native');
export const BUILD_DIR = path.join(NATIVE_DIR, 'build');
/** The gateway binary to start: $GATEBENCH_GATEWAY (e.g. the ASan build) or native/build/gateway. */
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
