/**
 * Debian's nginx as a reference server for the bench clients' tests and `npm run bench:native`: a minimal
 * config in a temp dir, run in the foreground (`daemon off`), its error log and temp files kept in that dir.
 *
 *   return200  nginx answering `return 200 '{"status":"ok"}'` on a loopback port
 *   proxy      nginx on a loopback port proxying over a Unix socket (upstream keep-alive) to a second
 *              nginx that answers 200: what a user would deploy instead of a custom gateway
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type NginxKind = 'return200' | 'proxy';

export interface NginxOptions {
  kind: NginxKind;
  port: number;
  /** worker_processes of each nginx (default 1) */
  workers?: number;
  /** run under `taskset -c CPUS` (workers inherit the affinity), e.g. "0" */
  cpus?: string;
  /** upper bound for the port to accept connections (default 10 s) */
  readyTimeoutMs?: number;
}

export interface Nginx {
  port: number;
  /** master pid of every nginx started (proxy: front, then backend); workers are their children */
  pids: number[];
  dir: string;
  stop(): Promise<void>;
}

const BODY = '{"status":"ok"}';

/**
 * The nginx.conf text for one server of the reference setup. Pure.
 *
 * @example
 * nginxConfig({ dir: '/tmp/n', workers: 1, listen: '127.0.0.1:8081', body: 'return200', runAsRoot: false })
 * // -> 'worker_processes 1;\npid /tmp/n/front.pid;\n...location / { ... return 200 \'{"status":"ok"}\'; }...'
 */
export function nginxConfig(o: { dir: string; name?: string; workers: number; listen: string; body: 'return200' | { upstreamSocket: string }; runAsRoot: boolean }): string {
  const name = o.name ?? 'front';
  const location =
    o.body === 'return200'
      ? `location / { default_type application/json; return 200 '${BODY}'; }`
      : // HTTP/1.1 and an empty Connection header are what let nginx keep upstream connections alive
        `location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering on; }`;
  const upstream = o.body === 'return200' ? '' : `  upstream backend { server unix:${o.body.upstreamSocket}; keepalive 64; }\n`;
  return [
    // the master runs as root here; workers as nobody could not enter the 0700 temp dir
    o.runAsRoot ? 'user root;' : '',
    `worker_processes ${o.workers};`,
    `pid ${join(o.dir, `${name}.pid`)};`,
    `error_log ${join(o.dir, `${name}.error.log`)} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${join(o.dir, `${name}-body`)};`,
    `  proxy_temp_path ${join(o.dir, `${name}-proxy`)};`,
    `  fastcgi_temp_path ${join(o.dir, `${name}-fastcgi`)};`,
    `  uwsgi_temp_path ${join(o.dir, `${name}-uwsgi`)};`,
    `  scgi_temp_path ${join(o.dir, `${name}-scgi`)};`,
    '  keepalive_requests 1000000;',
    upstream,
    `  server { listen ${o.listen}; ${location} }`,
    '}',
    '',
  ].join('\n');
}

function waitForPort(port: number, timeoutMs: number, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const why = exited();
      if (why) return reject(new Error(why));
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`nginx did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function waitForFile(path: string, timeoutMs: number, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const why = exited();
      if (why) return reject(new Error(why));
      if (existsSync(path)) return resolve();
      if (Date.now() > deadline) return reject(new Error(`nginx did not create ${path} within ${timeoutMs} ms`));
      setTimeout(poll, 50);
    };
    poll();
  });
}

/** nginx is installed (Debian package nginx; `npm run setup` installs it). */
export function nginxAvailable(): boolean {
  return spawnSync('sh', ['-c', 'command -v nginx'], { stdio: 'ignore' }).status === 0;
}

/**
 * Start the reference nginx (and its backend for `proxy`) in the foreground; resolves when the port accepts.
 *
 * @example
 * const ngx = await startNginx({ kind: 'return200', port: await freePort(), cpus: '0' });
 * // ... load http://127.0.0.1:${ngx.port}/ ...
 * await ngx.stop();
 */
export async function startNginx(opts: NginxOptions): Promise<Nginx> {
  if (!nginxAvailable()) throw new Error('nginx is not installed (Debian package nginx; npm run setup installs it)');
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-nginx-'));
  const workers = opts.workers ?? 1;
  const runAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const timeoutMs = opts.readyTimeoutMs ?? 10000;
  const procs: { name: string; proc: ChildProcess; exit: string | null }[] = [];

  const launch = (name: string, conf: string) => {
    const file = join(dir, `${name}.conf`);
    writeFileSync(file, conf);
    const argv = ['nginx', '-e', join(dir, `${name}.error.log`), '-p', dir, '-c', file, '-g', 'daemon off;'];
    const full = opts.cpus ? ['taskset', '-c', opts.cpus, ...argv] : argv;
    const proc = spawn(full[0], full.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    const entry = { name, proc, exit: null as string | null };
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code, signal) => {
      let log = '';
      try {
        log = readFileSync(join(dir, `${name}.error.log`), 'utf8').trim().split('\n').slice(-3).join('\n');
      } catch {
        // no log written
      }
      entry.exit = `nginx (${name}) exited (code ${code}, signal ${signal}): ${(err.trim() || log).split('\n').slice(-3).join(' | ')}`;
    });
    procs.push(entry);
    return entry;
  };
  const failed = () => procs.find((p) => p.exit)?.exit ?? null;
  const stop = async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exit !== null || p.proc.exitCode !== null) return resolve();
            p.proc.once('exit', () => resolve());
            p.proc.kill('SIGTERM');
            setTimeout(() => p.proc.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    if (opts.kind === 'proxy') {
      const sock = join(dir, 'backend.sock');
      launch('backend', nginxConfig({ dir, name: 'backend', workers, listen: `unix:${sock}`, body: 'return200', runAsRoot }));
      await waitForFile(sock, timeoutMs, failed);
      launch('front', nginxConfig({ dir, name: 'front', workers, listen: `127.0.0.1:${opts.port}`, body: { upstreamSocket: sock }, runAsRoot }));
    } else {
      launch('front', nginxConfig({ dir, name: 'front', workers, listen: `127.0.0.1:${opts.port}`, body: 'return200', runAsRoot }));
    }
    await waitForPort(opts.port, timeoutMs, failed);
  } catch (e) {
    await stop();
    throw e;
  }
  // front first: it is the process a client talks to
  const ordered = [...procs].sort((a, b) => (a.name === 'front' ? -1 : b.name === 'front' ? 1 : 0));
  return { port: opts.port, pids: ordered.map((p) => p.proc.pid!), dir, stop };
}
