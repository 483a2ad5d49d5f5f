/**
 * Slowloris by dribbling (found by tests/hardening/, fixed in native/src/gateway.c): the idle timeout
 * restarts on every byte received, so a client sending its request head one byte at a time, each byte
 * just inside the idle timeout, used to hold its slot until the 8 KiB head limit (8192 x 59 s with the
 * default 60 s timeout). The gateway now also gives the whole head a deadline: the idle timeout counted
 * from the head's first byte. The same holds for a later request on a kept-alive connection, which in
 * fdpass-conn mode the worker holding the connection reads and times itself.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import net from 'node:net';
import { GATEWAY_MODES, startGateway } from '../../hardening/lib/gateway-process.ts';
import { RawConnection, httpRequest } from '../../hardening/lib/raw-http.ts';
import { waitFor } from '../../hardening/lib/wait-for.ts';

test('a client dribbling its request head (1 byte / 300 ms, --idle-timeout 1) is closed by the head deadline', async () => {
  const gw = await startGateway({ mode: 'proxy', workers: 1, extraArgs: ['--idle-timeout', '1'] });
  const sock = net.connect({ port: gw.port, host: '127.0.0.1' });
  let closed = false;
  sock.on('close', () => (closed = true));
  sock.on('error', () => undefined);
  await new Promise<void>((resolve) => sock.once('connect', () => resolve()));
  const head = `GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(4000)}`;
  let sent = 0;
  const dribble = setInterval(() => {
    if (!closed) sock.write(head[sent++] ?? 'a');
  }, 300);
  try {
    // 10x the idle timeout: a head deadline of any sensible length has closed the connection by then.
    await waitFor(() => closed, 'the gateway to close a connection whose head never completes', { attempts: 100, intervalMs: 100 });
    assert.ok(closed);
  } finally {
    clearInterval(dribble);
    sock.destroy();
    await gw.stop();
  }
});

for (const mode of GATEWAY_MODES) {
  test(`${mode}: after a first request, dribbling the next head (1 byte / 300 ms, --idle-timeout 1) gets the connection closed`, async () => {
    const gw = await startGateway({ mode, workers: 1, extraArgs: ['--idle-timeout', '1'] });
    const c = await RawConnection.open(gw.port);
    const head = `GET /api/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(4000)}`;
    let sent = 0;
    let dribble: NodeJS.Timeout | undefined;
    try {
      c.write(httpRequest('GET', '/api/hello'));
      assert.is((await c.read(1))[0].status, 200);
      dribble = setInterval(() => {
        if (!c.isClosed) c.write(head[sent++] ?? 'a');
      }, 300);
      await c.waitClosed(10000);
      assert.ok(c.isClosed);
      assert.ok(sent < head.length, `closed after ${sent} bytes, before the head could complete`);
    } finally {
      clearInterval(dribble);
      c.close();
      await gw.stop();
    }
  });
}

test.run();
