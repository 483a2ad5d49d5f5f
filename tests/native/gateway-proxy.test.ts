// Integration tests of native/build/gateway in proxy mode: the shared cases (gateway-cases.ts), then
// the streaming proxy's memory bound: an answer goes to the client as it arrives, and the gateway
// holds at most GB_FRAME_PART * GB_FRAME_WINDOW = 128 KiB of it per connection whose client does not
// read; the rest waits in the worker, which drops it when the client goes away.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { registerGatewayCases } from './gateway-cases.ts';
import { startGateway } from '../../hardening/lib/gateway-process.ts';
import { RawConnection, httpRequest } from '../../hardening/lib/raw-http.ts';
import { rssKb, workerPids } from '../../hardening/lib/proc-status.ts';
import { waitFor } from '../../hardening/lib/wait-for.ts';

registerGatewayCases(test, 'proxy');

const CLIENTS = 20;
const SIZE = 4 << 20;

test(`proxy: ${CLIENTS} clients that do not read their 4 MiB answers cost the gateway at most 128 KiB each`, async () => {
  // An ASan build keeps freed memory in quarantine; without one, freed answers leave RSS at once.
  const asan = `${process.env.ASAN_OPTIONS ? `${process.env.ASAN_OPTIONS}:` : ''}quarantine_size_mb=0`;
  const g = await startGateway({ mode: 'proxy', workers: 1, env: { ASAN_OPTIONS: asan } });
  const [w] = workerPids(g.pid);
  const paused: RawConnection[] = [];
  try {
    const c0 = await RawConnection.open(g.port);
    c0.write(httpRequest('GET', `/api/payload?size=${SIZE}`)); // warm up: buffers, the payload pages
    assert.is((await c0.read(1, 60000))[0].body.length, SIZE);
    c0.close();
    const gatewayBefore = rssKb(g.pid);
    const workerBefore = rssKb(w!);
    for (let i = 0; i < CLIENTS; i++) {
      const c = await RawConnection.open(g.port);
      c.socket.pause();
      c.write(httpRequest('GET', `/api/payload?size=${SIZE}`));
      paused.push(c);
    }
    // Each answer is more than the socket buffers take: the rest waits in the worker (a gateway that
    // buffered whole answers would grow by megabytes instead, and fail below).
    const limitKb = CLIENTS * 164; // the 128 KiB bound, and the 36 KiB of slack the 64 KiB bound had
    await waitFor(
      () => rssKb(w!) - workerBefore > CLIENTS * 2 * 1024 || rssKb(g.pid) - gatewayBefore >= limitKb,
      `the rest of ${CLIENTS} answers to wait somewhere`,
      { attempts: 600, intervalMs: 100 },
    );
    const grewKb = rssKb(g.pid) - gatewayBefore;
    assert.ok(grewKb < limitKb, `the gateway grew by ${grewKb} KiB for ${CLIENTS} stalled answers`);
    // Half of them read after all, and get every byte.
    const readers = paused.slice(0, CLIENTS / 2);
    for (const c of readers) c.socket.resume();
    for (const c of readers) {
      const [r] = await c.read(1, 120000);
      assert.is(r.status, 200);
      assert.is(r.body.length, SIZE);
      assert.ok(r.body.every((b) => b === 0x78));
    }
    // The other half go away: the worker is told and gives their answers' memory back.
    for (const c of paused.slice(CLIENTS / 2)) c.close();
    await waitFor(() => rssKb(w!) - workerBefore < 4 * 1024, 'the worker to drop the answers of clients that left', {
      attempts: 600,
      intervalMs: 100,
    });
    assert.is(workerPids(g.pid)[0], w);
  } finally {
    for (const c of paused) c.close();
    assert.is((await g.stop()).code, 0);
  }
});

test.run();
