/**
 * A closed-loop load generator that checks every answer: `connections` raw keep-alive connections share
 * a budget of `requests` and cycle through a fixed mix (GET/POST hello, echo with bodies of varied
 * sizes, payload of varied sizes, 404, 405, pipelined bursts, Connection: close, malformed requests,
 * and the exec runtime now and then). Wrong status, wrong body, a reset or a stall are counted, never
 * thrown, so a soak reports everything it saw. Used by hardening/soak.ts, hardening/fd-hygiene.ts and the
 * tests under tests/hardening/.
 */
import net from 'node:net';
import { httpRequest, parseResponses, type HttpResponse } from './raw-http.ts';

export interface LoadOptions {
  port: number;
  /** requests to send in total (a pipelined burst of 3 counts 3) */
  requests: number;
  /** concurrent connections (default 8) */
  connections?: number;
  /** one exec-runtime request every this many steps; 0 = none (default 500) */
  execEvery?: number;
  /** a step with no complete answer after this long counts as a stall (default 30 s) */
  stepTimeoutMs?: number;
  /** checked before each step: true ends the run early (e.g. the gateway exited) */
  stop?: () => boolean;
  /** called with the number of requests answered so far, about every 1000 */
  onProgress?: (done: number) => void;
}

export interface LoadResult {
  /** requests written */
  sent: number;
  /** answers with the expected status and body */
  ok: number;
  /** answers by status code */
  statuses: Record<string, number>;
  /** problems by kind: reset, stall, wrong_status, wrong_body, closed_early */
  errors: Record<string, number>;
  /** the first few problems, described */
  samples: string[];
}

interface Step {
  bytes: Buffer;
  expect: Array<{ status: number; body?: Buffer; bodyLength?: number }>;
  /** the server closes the connection after answering */
  closes: boolean;
}

const HELLO = Buffer.from('{"status":"ok"}');

/**
 * The i-th step of the mix. Deterministic: the same i always gives the same request.
 * @example mixStep(0, 0).expect[0].status // 200
 */
export function mixStep(i: number, execEvery: number): Step {
  if (execEvery > 0 && i % execEvery === execEvery - 1) {
    return { bytes: httpRequest('GET', '/api/hello-exec'), expect: [{ status: 200 }], closes: false };
  }
  switch (i % 16) {
    case 0:
    case 1:
    case 2:
    case 3:
      return { bytes: httpRequest('GET', '/api/hello'), expect: [{ status: 200, body: HELLO }], closes: false };
    case 4:
      return { bytes: httpRequest('POST', '/api/hello', { body: 'x' }), expect: [{ status: 200, body: HELLO }], closes: false };
    case 5:
    case 6: {
      const n = (i * 7919) % 70000;
      const body = Buffer.alloc(n, String.fromCharCode(97 + (i % 26)));
      return { bytes: httpRequest('POST', '/api/echo', { body }), expect: [{ status: 200, body }], closes: false };
    }
    case 7: {
      const size = [0, 1, 16, 1000, 4096, 65536, 200000][i % 7]!;
      return { bytes: httpRequest('GET', `/api/payload?size=${size}`), expect: [{ status: 200, bodyLength: size }], closes: false };
    }
    case 8:
      return { bytes: httpRequest('GET', '/no/such/route'), expect: [{ status: 404 }], closes: false };
    case 9:
      return { bytes: httpRequest('DELETE', '/api/hello'), expect: [{ status: 405 }], closes: false };
    case 10:
      return {
        bytes: Buffer.concat([httpRequest('GET', '/api/hello'), httpRequest('POST', '/api/echo', { body: 'pipelined' }), httpRequest('GET', '/api/hello')]),
        expect: [{ status: 200, body: HELLO }, { status: 200, body: Buffer.from('pipelined') }, { status: 200, body: HELLO }],
        closes: false,
      };
    case 11:
      return { bytes: httpRequest('GET', '/api/hello', { close: true }), expect: [{ status: 200, body: HELLO }], closes: true };
    case 12:
      return { bytes: httpRequest('GET', '/api/hello', { version: '1.0' }), expect: [{ status: 200, body: HELLO }], closes: true };
    case 13:
      return { bytes: Buffer.from('GET /api/hello HTTP/1.1\r\nBad Header\r\n\r\n'), expect: [{ status: 400 }], closes: true };
    case 14:
      return { bytes: httpRequest('POST', '/api/echo', { headers: { 'Content-Length': '99999999' } }), expect: [{ status: 413 }], closes: true };
    default:
      return { bytes: httpRequest('GET', '/api/hello?a=1&b=2', { headers: { 'X-Filler': 'y'.repeat(i % 3000) } }), expect: [{ status: 200, body: HELLO }], closes: false };
  }
}

class Client {
  private sock: net.Socket | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private closed = true;
  private wake: (() => void) | undefined;

  constructor(private readonly port: number) {}

  private connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ port: this.port, host: '127.0.0.1' });
      this.buf = Buffer.alloc(0);
      this.closed = false;
      s.once('connect', () => resolve());
      s.once('error', (e) => reject(e));
      s.on('data', (d: Buffer) => {
        this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
        this.wake?.();
      });
      s.on('close', () => {
        this.closed = true;
        this.wake?.();
      });
      s.on('error', () => undefined);
      this.sock = s;
    });
  }

  /** Sends a step and waits for its answers (and the close it implies). */
  async run(step: Step, timeoutMs: number): Promise<{ responses: HttpResponse[]; closed: boolean; stalled: boolean }> {
    if (this.closed || !this.sock) await this.connect();
    this.sock!.write(step.bytes);
    const want = step.expect.length;
    const deadline = Date.now() + timeoutMs;
    let responses: HttpResponse[] = [];
    for (;;) {
      ({ responses } = parseResponses(this.buf));
      const done = responses.length >= want && (!step.closes || this.closed);
      if (done || this.closed) break;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.reset();
        return { responses, closed: true, stalled: true };
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          this.wake = undefined;
          resolve();
        };
      });
    }
    const used = responses.slice(0, want).reduce((s, r) => s + r.raw.length, 0);
    this.buf = this.buf.subarray(used);
    return { responses: responses.slice(0, want), closed: this.closed, stalled: false };
  }

  reset(): void {
    this.sock?.destroy();
    this.closed = true;
  }

  /** Destroys the socket and resolves once its handle is closed (bounded). */
  async close(): Promise<void> {
    const s = this.sock;
    this.reset();
    if (!s || s.closed) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => s.once('close', () => resolve())),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000))),
    ]);
    clearTimeout(timer);
  }
}

/**
 * Runs the mix against 127.0.0.1:port until `requests` requests were sent; resolves with the tally.
 * @example const r = await runLoad({ port, requests: 1000 }); r.ok === r.sent // when nothing went wrong
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { sent: 0, ok: 0, statuses: {}, errors: {}, samples: [] };
  const execEvery = opts.execEvery ?? 500;
  const timeoutMs = opts.stepTimeoutMs ?? 30000;
  let nextStep = 0;
  let lastProgress = 0;
  const problem = (kind: string, what: string) => {
    result.errors[kind] = (result.errors[kind] ?? 0) + 1;
    if (result.samples.length < 10) result.samples.push(`${kind}: ${what}`);
  };
  const lane = async () => {
    const c = new Client(opts.port);
    while (result.sent < opts.requests && !opts.stop?.()) {
      const i = nextStep++;
      const step = mixStep(i, execEvery);
      result.sent += step.expect.length;
      let r;
      try {
        r = await c.run(step, timeoutMs);
      } catch (e) {
        problem('connect', (e as Error).message);
        c.reset();
        continue;
      }
      const what = step.bytes.subarray(0, step.bytes.indexOf('\r\n')).toString('latin1');
      if (r.stalled) problem('stall', `${what}: ${r.responses.length} of ${step.expect.length} answers after ${timeoutMs} ms`);
      else if (r.responses.length < step.expect.length) problem('closed_early', `${what}: ${r.responses.length} of ${step.expect.length} answers`);
      for (let k = 0; k < r.responses.length && k < step.expect.length; k++) {
        const got = r.responses[k]!;
        const exp = step.expect[k]!;
        result.statuses[got.status] = (result.statuses[got.status] ?? 0) + 1;
        if (got.status !== exp.status) problem('wrong_status', `${what}: ${got.status}, expected ${exp.status}`);
        else if (exp.body && !got.body.equals(exp.body)) problem('wrong_body', `${what}: ${got.body.length} bytes differ from the ${exp.body.length} expected`);
        else if (exp.bodyLength !== undefined && got.body.length !== exp.bodyLength) problem('wrong_body', `${what}: ${got.body.length} bytes, expected ${exp.bodyLength}`);
        else result.ok++;
      }
      if (step.closes && !r.closed) problem('not_closed', `${what}: connection left open`);
      if (r.closed) c.reset();
      const done = result.ok;
      if (opts.onProgress && done - lastProgress >= 1000) {
        lastProgress = done;
        opts.onProgress(done);
      }
    }
    await c.close();
  };
  await Promise.all(Array.from({ length: opts.connections ?? 8 }, lane));
  return result;
}
