/**
 * Raw HTTP/1.1 over loopback sockets, for talking to the gateway byte for byte: build a request, send bytes
 * and read until close or until N responses, keep a connection open for keep-alive and pipelining, and parse
 * Content-Length framed responses. No HTTP library: the point is to send what a library would refuse to.
 *
 * @example
 * const res = await request(gw.port, 'GET', '/api/hello');
 * res.status // -> 200
 * parseResponses(Buffer.from('HTTP/1.1 204 No Content\r\n\r\n')).responses[0].status // -> 204
 */
import net from 'node:net';

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
