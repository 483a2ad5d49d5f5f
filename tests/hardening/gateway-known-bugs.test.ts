/**
 * KNOWN BUG in native/src/gateway.c (owner: the gateway engineer), found by tests/hardening/. This test
 * asserts the intended behaviour and FAILS until fixed.
 *
 * Slowloris by dribbling: the idle timeout is measured from the last byte received (client_read sets
 * c->last_ms = now on every recv, gateway.c:833; tick() closes READ connections when
 * now - c->last_ms >= idle_ms, gateway.c:1030). A client that sends its request head one byte at a
 * time, each byte just inside the idle timeout, is never closed until the 8 KiB head limit: with the
 * default 60 s timeout that is 8192 x 59 s, about 5.6 days per connection, and a few thousand such
 * clients hold every descriptor. A deadline for the whole head (e.g. the idle timeout counted from the
 * first byte of a request) would close it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import net from 'node:net';
import { startGateway, waitFor } from '../native/helpers.ts';

test('KNOWN BUG: native/src/gateway.c: a client dribbling its request head (1 byte / 300 ms, --idle-timeout 1) is never closed', async () => {
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

test.run();
