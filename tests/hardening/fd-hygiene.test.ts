/**
 * The short descriptor-hygiene check (the full one is `npx tsx hardening/fd-hygiene.ts`: 100,000 requests
 * and 10,000 disconnects): 5,000 checked requests and 500 abrupt disconnects per mode, then the gateway
 * and every worker must hold exactly as many descriptors as before.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GATEWAY_MODES } from '../../hardening/lib/gateway-process.ts';
import { fdHygiene } from '../../hardening/lib/fd-hygiene.ts';

for (const mode of GATEWAY_MODES) {
  test(`${mode}: descriptor counts equal before and after 5,000 requests + 500 abrupt disconnects`, async () => {
    const r = await fdHygiene({ mode, requests: 5000, disconnects: 500 });
    assert.equal(r.differences, [], r.differences.join('\n'));
    assert.is(r.after.gateway.count, r.before.gateway.count);
    assert.equal(
      r.after.workers.map((w) => w.count),
      r.before.workers.map((w) => w.count),
    );
    assert.is(r.before.workers.length, 2);
    assert.is(r.load.ok, 5000, r.load.samples.join('\n'));
    assert.is(Object.values(r.disconnects.done).reduce((s, v) => s + v, 0), 500);
    assert.equal(r.exit, { code: 0, signal: null });
    assert.equal(r.orphans, []);
  });
}

test.run();
