/**
 * `npx tsx hardening/fd-hygiene.ts`: descriptor hygiene of the gateway in every mode. Starts
 * native/build/gateway (2 workers), records the open descriptors of the gateway and of each worker,
 * drives 100,000 checked requests and 10,000 abrupt client disconnects at the same time (RST before,
 * during and right after a request, i.e. while the client fd is in flight to or held by a worker in
 * fdpass and fdpass-conn, mid-body, mid-response, after a half-close, during an exec request), waits (bounded)
 * for the counts to settle and fails unless every count equals its starting value.
 *
 *   npx tsx hardening/fd-hygiene.ts                                  the full check
 *   npx tsx hardening/fd-hygiene.ts --requests 5000 --disconnects 500 --mode proxy
 *   GATEBENCH_GATEWAY=native/build-asan/gateway npx tsx hardening/fd-hygiene.ts --json fd.json
 *   npx tsx hardening/fd-hygiene.ts --trace-workers   also strace the workers: counts the client fds they
 *                                                   received and their writes that failed because the
 *                                                   client had vanished (EPIPE/ECONNRESET)
 */
import { writeFileSync } from 'node:fs';
import { fdHygiene, type FdHygieneResult } from './lib/fd-hygiene.ts';
import { GATEWAY_MODES, type GatewayMode } from './lib/gateway-process.ts';
import { toolArgs } from './lib/tool-args.ts';

const USAGE = `usage: npx tsx hardening/fd-hygiene.ts [--requests N] [--disconnects N] [--mode ${GATEWAY_MODES.join('|')}] [--trace-workers] [--json FILE]

Open descriptors of the gateway and its workers before and after N requests (default 100000)
plus N abrupt disconnects (default 10000), in each mode; exit 1 on any difference.`;

const { fail, wholeNumber, mode } = toolArgs('fd-hygiene');

async function main(): Promise<number> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  let requests = 100000;
  let disconnects = 10000;
  let json: string | undefined;
  let trace = false;
  const modes: GatewayMode[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a === '--requests') requests = wholeNumber(a, argv[++i], 0);
    else if (a === '--disconnects') disconnects = wholeNumber(a, argv[++i], 0);
    else if (a === '--trace-workers') trace = true;
    else if (a === '--json') json = argv[++i] ?? fail('--json needs a file');
    else if (a === '--mode') modes.push(mode(a, argv[++i]));
    else fail(`unknown argument "${a}" (try --help)`);
  }
  if (!modes.length) modes.push(...GATEWAY_MODES);

  const results: FdHygieneResult[] = [];
  let failed = false;
  for (const mode of modes) {
    const t0 = Date.now();
    const r = await fdHygiene({ mode, requests, disconnects, traceWorkers: trace, onProgress: (s) => console.log(`fd-hygiene: ${s}`) });
    const cut = Object.values(r.disconnects.done).reduce((s, v) => s + v, 0);
    const errs = Object.entries(r.load.errors).map(([k, v]) => `${k}=${v}`).join(' ') || 'none';
    console.log(
      `fd-hygiene: ${mode}: ${r.load.sent} requests (${r.load.ok} correct, errors: ${errs}) + ${cut} abrupt disconnects ` +
        `(${Object.entries(r.disconnects.done).map(([k, v]) => `${k} ${v}`).join(', ')}), ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    console.log(`  gateway fds: ${r.before.gateway.count} before, ${r.after.gateway.count} after`);
    r.before.workers.forEach((w, i) => console.log(`  worker ${i} fds: ${w.count} before, ${r.after.workers[i]?.count ?? '?'} after`));
    if (r.workerTrace) {
      const t = r.workerTrace;
      console.log(
        `  workers (strace): ${t.recvmsg_with_fds} recvmsg with SCM_RIGHTS, ${t.sendmsg_ok} writes done, ` +
          `${t.sendmsg_epipe} EPIPE + ${t.sendmsg_econnreset} ECONNRESET (client gone while the worker held its fd)`,
      );
    }
    for (const d of r.differences) console.log(`  DIFFERENCE ${d}`);
    for (const s of r.load.samples) console.log(`  ${s}`);
    if (r.exit.code !== 0) console.log(`  gateway exit after SIGTERM: ${r.exit.code ?? r.exit.signal}`);
    if (r.orphans.length) console.log(`  orphan workers: ${r.orphans.join(' ')}`);
    if (r.differences.length || r.load.ok !== r.load.sent || r.exit.code !== 0 || r.orphans.length || r.disconnects.failed) failed = true;
    results.push(r);
  }
  if (json) {
    writeFileSync(
      json,
      `${JSON.stringify(
        results.map((r) => ({
          mode: r.mode,
          requests: r.load.sent,
          ok: r.load.ok,
          errors: r.load.errors,
          disconnects: r.disconnects.done,
          gateway_fds_before: r.before.gateway.count,
          gateway_fds_after: r.after.gateway.count,
          worker_fds_before: r.before.workers.map((w) => w.count),
          worker_fds_after: r.after.workers.map((w) => w.count),
          differences: r.differences,
          worker_trace: r.workerTrace,
        })),
        null,
        2,
      )}\n`,
    );
  }
  console.log(failed ? 'fd-hygiene: FAILED' : 'fd-hygiene: descriptor counts equal before and after in every mode');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`fd-hygiene: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
