import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { countWorkerTrace } from '../../hardening/lib/worker-trace.ts';

// Captured with strace 6.1 on this machine: see fixtures/PROVENANCE.md (counts there from grep).
const TRACE = readFileSync(new URL('./fixtures/worker-strace-fdpass.txt', import.meta.url), 'utf8');

test('counts fds received and client writes that failed, including resumed calls', () => {
  assert.equal(countWorkerTrace(TRACE), { recvmsg_with_fds: 73, sendmsg_ok: 19, sendmsg_epipe: 14, sendmsg_econnreset: 50 });
});

test('an empty trace counts nothing', () => {
  assert.equal(countWorkerTrace(''), { recvmsg_with_fds: 0, sendmsg_ok: 0, sendmsg_epipe: 0, sendmsg_econnreset: 0 });
});

test.run();
