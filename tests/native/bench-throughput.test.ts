import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startGateway, type Gateway } from '../../hardening/lib/gateway-process.ts';
import { freePort } from '../../hardening/lib/free-port.ts';
import { startNginx, type Nginx } from '../../bench/lib/nginx.ts';
import { benchClientPath, runClient } from '../../bench/lib/bench-clients.ts';
import { parseBenchThroughput } from '../../ingest/parsers/bench-throughput.ts';

const BIN = benchClientPath('bench-throughput');
let nginx: Nginx;
let proxy: Gateway;
let fdpass: Gateway;

test.before(async () => {
  nginx = await startNginx({ kind: 'return200', port: await freePort() });
  proxy = await startGateway({ mode: 'proxy', workers: 2 });
  fdpass = await startGateway({ mode: 'fdpass', workers: 2 });
});

test.after(async () => {
  await nginx?.stop();
  await proxy?.stop();
  await fdpass?.stop();
});

async function run(args: string[]) {
  const r = await runClient(BIN, args);
  assert.is(r.code, 0, r.stderr);
  return parseBenchThroughput(r.stdout);
}

test('keep-alive load on nginx: no errors, every response sampled, rate = requests / duration', async () => {
  const r = await run(['-t', '2', '-c', '8', '-d', '1s', `http://127.0.0.1:${nginx.port}/api/hello`]);
  assert.is(r.threads, 2);
  assert.is(r.connections, 8);
  assert.is(r.keepalive, true);
  assert.ok(r.requests > 0);
  assert.equal(r.errors, { connect: 0, read: 0, write: 0, timeout: 0, status: 0, parse: 0, total: 0 });
  assert.is(r.latency_us.samples, r.requests);
  assert.ok(r.latency_us.p50 <= r.latency_us.p99 && r.latency_us.p99 <= r.latency_us.max);
  assert.ok(Math.abs(r.requests_per_s - r.requests / r.duration_s) < 1);
  // nginx's 200 is 15 bytes of body plus a head of ~150 bytes, the same for every response
  assert.is(r.response_bytes % r.requests, 0);
});

test('Connection: close and a POST body on nginx: no errors', async () => {
  const r = await run(['-t', '1', '-c', '4', '-d', '1s', '--close', '-m', 'POST', '-b', '{"a":1}', `http://127.0.0.1:${nginx.port}/api/hello`]);
  assert.is(r.keepalive, false);
  assert.is(r.body_bytes, 7);
  assert.ok(r.requests > 0);
  assert.is(r.errors.total, 0);
});

for (const mode of ['proxy', 'fdpass'] as const) {
  test(`gateway ${mode}: hello with no errors, a 1 MB payload with every byte counted`, async () => {
    const gw = mode === 'proxy' ? proxy : fdpass;
    const hello = await run(['-t', '2', '-c', '16', '-d', '1s', `http://127.0.0.1:${gw.port}/api/hello`]);
    assert.ok(hello.requests > 0);
    assert.is(hello.errors.total, 0);
    const big = await run(['-t', '1', '-c', '2', '-d', '1s', `http://127.0.0.1:${gw.port}/api/payload?size=1048576`]);
    assert.ok(big.requests > 0);
    assert.is(big.errors.total, 0);
    assert.ok(big.response_bytes >= big.requests * 1048576);
    assert.ok(big.response_bytes < big.requests * (1048576 + 1024));
  });
}

test('gateway echo: POST bodies round-trip (response bytes include the body each time)', async () => {
  const body = 'x'.repeat(4000);
  const r = await run(['-t', '1', '-c', '2', '-d', '1s', '-m', 'POST', '-b', body, `http://127.0.0.1:${fdpass.port}/api/echo`]);
  assert.ok(r.requests > 0);
  assert.is(r.errors.total, 0);
  assert.ok(r.response_bytes >= r.requests * 4000);
});

test('an unknown route: every response counted as a status error', async () => {
  const r = await run(['-t', '1', '-c', '2', '-d', '500ms', `http://127.0.0.1:${proxy.port}/api/nope`]);
  assert.ok(r.requests > 0);
  assert.is(r.errors.status, r.requests);
  assert.is(r.errors.total, r.requests);
});

test('a closed port: one line on stderr, exit 1, nothing on stdout', async () => {
  const port = await freePort();
  const r = await runClient(BIN, ['-d', '1s', `http://127.0.0.1:${port}/`]);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.is(r.stderr, `bench-throughput: cannot connect to 127.0.0.1:${port}: Connection refused\n`);
});

test('usage errors: exit 2 with a one-line reason', async () => {
  const bad = await runClient(BIN, ['-c', 'many', 'http://127.0.0.1:1/']);
  assert.is(bad.code, 2);
  assert.is(bad.stderr, "bench-throughput: invalid --connections 'many': expected an integer from 1 to 100000\n");
  const fewer = await runClient(BIN, ['-t', '4', '-c', '2', 'http://127.0.0.1:1/']);
  assert.is(fewer.code, 2);
  assert.is(fewer.stderr, 'bench-throughput: --connections (2) must be at least --threads (4)\n');
  const host = await runClient(BIN, ['http://example.com/']);
  assert.is(host.code, 2);
  assert.is(host.stderr, "bench-throughput: URL host 'example.com' must be an IPv4 address or localhost (no DNS lookups)\n");
  const none = await runClient(BIN, []);
  assert.is(none.code, 2);
  assert.is(none.stderr, 'bench-throughput: missing URL (e.g. http://127.0.0.1:8080/api/hello)\n');
});

test.run();
