// Real clients against native/build/gateway in every mode: curl (several requests on one kept-alive
// connection, a POST with Expect: 100-continue) and wrk (short, few connections: a correctness check of
// keep-alive under a real load generator - every answer 2xx and complete - not a measurement).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseWrk } from '../../ingest/parsers/wrk.ts';
import { GATEWAY_MODES, startGateway } from '../../hardening/lib/gateway-process.ts';
import { countFds, workerPids } from '../../hardening/lib/proc-status.ts';
import { waitFor } from '../../hardening/lib/wait-for.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'gatebench-clients-'));
const body = path.join(tmp, 'body.bin');
writeFileSync(body, Buffer.alloc(300000, 0x61));

for (const mode of GATEWAY_MODES) {
  test(`${mode}: curl keeps one connection for three requests and gets each answer`, async () => {
    const g = await startGateway({ mode, workers: 2 });
    try {
      const base = `http://127.0.0.1:${g.port}`;
      const out = execFileSync(
        'curl',
        ['-s', '-o', '/dev/null', '-o', '/dev/null', '-o', '/dev/null', '-w', '%{http_code} %{size_download} %{num_connects}\\n', `${base}/api/hello`, `${base}/api/payload?size=100000`, `${base}/missing`],
        { encoding: 'utf8' },
      );
      assert.equal(out.trim().split('\n'), ['200 15 1', '200 100000 0', '404 35 0']);
      const echoed = execFileSync('curl', ['-s', '-H', 'Expect: 100-continue', '--data-binary', `@${body}`, `${base}/api/echo`]);
      assert.is(echoed.length, 300000);
      assert.ok(echoed.every((b) => b === 0x61));
    } finally {
      assert.is((await g.stop()).code, 0);
    }
  });

  test(`${mode}: wrk (4 connections, 1 s) gets only complete 2xx answers, and every descriptor comes back`, async () => {
    const g = await startGateway({ mode, workers: 2 });
    try {
      const fds = countFds(g.pid);
      const workers = workerPids(g.pid);
      for (const [target, size] of [['/api/hello', 15], ['/api/payload?size=65536', 65536]] as const) {
        const r = parseWrk(execFileSync('wrk', ['-t1', '-c4', '-d1s', `http://127.0.0.1:${g.port}${target}`], { encoding: 'utf8' }));
        assert.ok(r.requests > 0, `${target}: ${r.requests} requests`);
        assert.equal(r.errors, { connect: 0, read: 0, write: 0, timeout: 0, non_2xx_3xx: 0 }, target);
        // wrk prints what it read rounded to three figures ("1.06GB read"): allow 1% for that.
        assert.ok(r.bytes_read >= r.requests * size * 0.99, `${target}: ${r.bytes_read} bytes for ${r.requests} answers`);
      }
      await waitFor(() => countFds(g.pid) === fds, `gateway fds back to ${fds}`, { attempts: 300, intervalMs: 100 });
      assert.equal(workerPids(g.pid), workers);
    } finally {
      assert.is((await g.stop()).code, 0);
    }
  });
}

test.run();
