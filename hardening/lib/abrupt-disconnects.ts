/**
 * Clients that vanish at the worst moments: before sending anything, mid-head, mid-body, right after a
 * complete request (in fdpass mode the client fd is then in flight to a worker or held by it), while a
 * worker is writing a large response, and after a half-close. Each ends with a TCP RST
 * (resetAndDestroy), which is what a crashed or impatient client produces. Used by the fd-hygiene and
 * soak scripts and tests.
 */
import net from 'node:net';
import { httpRequest } from './raw-http.ts';

export const DISCONNECT_KINDS = [
  'rst_before_request',
  'rst_mid_head',
  'rst_after_request',
  'rst_mid_response',
  'rst_mid_body',
  'fin_then_rst',
  'rst_after_exec_request',
] as const;
export type DisconnectKind = (typeof DISCONNECT_KINDS)[number];

export interface DisconnectResult {
  /** disconnects done, by kind */
  done: Record<DisconnectKind, number>;
  /** connections that could not be opened or never reached the point to cut */
  failed: number;
  samples: string[];
}

function once(sock: net.Socket, event: 'connect' | 'data', timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const t = setTimeout(() => finish(false), timeoutMs);
    const finish = (v: boolean) => {
      clearTimeout(t);
      sock.off(event, onEvent);
      sock.off('close', onClose);
      resolve(v);
    };
    const onEvent = () => finish(true);
    const onClose = () => finish(false);
    sock.once(event, onEvent);
    sock.once('close', onClose);
  });
}

/**
 * One disconnect of the given kind; resolves true when the cut happened where intended.
 * @example await abruptDisconnect(port, 'rst_after_request') // true
 */
export async function abruptDisconnect(port: number, kind: DisconnectKind, timeoutMs = 15000): Promise<boolean> {
  const sock = net.connect({ port, host: '127.0.0.1' });
  sock.on('error', () => undefined);
  if (!(await once(sock, 'connect', timeoutMs))) {
    sock.destroy();
    return false;
  }
  let ok = true;
  switch (kind) {
    case 'rst_before_request':
      break;
    case 'rst_mid_head':
      sock.write('GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ');
      break;
    case 'rst_after_request':
      sock.write(httpRequest('GET', '/api/hello'));
      break;
    case 'rst_mid_response':
      // 1 MB answer: the writer (gateway in proxy mode, worker in fdpass mode) is cut mid-write.
      sock.write(httpRequest('GET', '/api/payload?size=1000000'));
      ok = await once(sock, 'data', timeoutMs);
      break;
    case 'rst_mid_body':
      sock.write(httpRequest('POST', '/api/echo', { headers: { 'Content-Length': '10000' } }));
      sock.write(Buffer.alloc(100, 0x62));
      break;
    case 'fin_then_rst':
      // Wait until the FIN went out: a reset while Node's shutdown request is pending leaves the
      // handle open for good (no 'close' event, and the process spins at exit).
      sock.end(httpRequest('POST', '/api/echo', { body: 'bye' }));
      ok = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), timeoutMs);
        sock.once('finish', () => {
          clearTimeout(t);
          resolve(true);
        });
      });
      break;
    case 'rst_after_exec_request':
      sock.write(httpRequest('GET', '/api/hello-exec'));
      break;
  }
  // Let the bytes leave before the RST (a write then an immediate RST can drop them in our own kernel
  // buffer): wait until Node handed them to the kernel.
  if (sock.writableLength > 0 && !sock.destroyed) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      const done = () => {
        clearTimeout(t);
        resolve();
      };
      sock.once('drain', done);
      sock.once('close', done);
    });
  }
  // Wait for the handle to be fully closed: a process that exits with hundreds of sockets still
  // closing can spin in Node's exit-time handle cleanup.
  const closed = sock.closed ? Promise.resolve() : new Promise<void>((resolve) => sock.once('close', () => resolve()));
  sock.resetAndDestroy();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
  return ok;
}

/**
 * `n` disconnects cycling through every kind, `concurrency` at a time.
 * @example (await abruptDisconnects(port, 70)).done.rst_mid_head // 10
 */
export async function abruptDisconnects(port: number, n: number, concurrency = 16): Promise<DisconnectResult> {
  const done = Object.fromEntries(DISCONNECT_KINDS.map((k) => [k, 0])) as Record<DisconnectKind, number>;
  const res: DisconnectResult = { done, failed: 0, samples: [] };
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const kind = DISCONNECT_KINDS[next++ % DISCONNECT_KINDS.length]!;
      let ok = false;
      try {
        ok = await abruptDisconnect(port, kind);
      } catch (e) {
        if (res.samples.length < 10) res.samples.push(`${kind}: ${(e as Error).message}`);
      }
      if (ok) done[kind]++;
      else res.failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return res;
}
