/**
 * The short sanitizer soak (the full one is `npx tsx hardening/soak.ts --requests 1000000`): the ASan +
 * UBSan gateway serves 20,000 checked requests plus 200 abrupt disconnects per mode, then exits on
 * SIGTERM; the HTTP fuzz corpus goes through it too; the gateway's and workers' stderr must hold no sanitizer report (LeakSanitizer included).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { GATEWAY_MODES, NATIVE_DIR } from '../../hardening/lib/gateway-process.ts';
import { sanitizerSoak } from '../../hardening/lib/sanitizer-soak.ts';

const REQUESTS = 20000;

test('the ASan + UBSan gateway builds (make -C native asan)', () => {
  const r = spawnSync('make', ['-C', NATIVE_DIR, '-s', 'asan'], { encoding: 'utf8' });
  assert.is(r.status, 0, `${r.stdout}${r.stderr}`);
});

for (const mode of GATEWAY_MODES) {
  test(`${mode}: ${REQUESTS} requests and ${REQUESTS / 100} abrupt disconnects, zero sanitizer reports`, async () => {
    const r = await sanitizerSoak({ mode, requests: REQUESTS });
    assert.equal(r.reports, [], `sanitizer reports:\n${r.stderr.slice(-6000)}`);
    assert.is(r.load.sent, REQUESTS);
    assert.equal(r.load.errors, {}, r.load.samples.join('\n'));
    assert.is(r.load.ok, REQUESTS);
    assert.is(r.disconnects.failed, 0, r.disconnects.samples.join('\n'));
    assert.ok(r.corpus.inputs >= 20, `${r.corpus.inputs} corpus inputs`);
    assert.equal(r.corpus.stuck, [], 'every fuzz corpus input is answered or closed');
    assert.is(r.corpus.answered + r.corpus.closed_silently, r.corpus.inputs);
    assert.equal(r.exit, { code: 0, signal: null });
    assert.equal(r.orphans, []);
  });
}

test.run();
