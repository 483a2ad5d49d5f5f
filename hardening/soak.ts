/**
 * `npx tsx hardening/soak.ts [--requests N]`: the sanitizer soak. Builds the ASan + UBSan gateway
 * (`make -C native asan`), then in each mode drives N checked requests (a mix of hello, echo, payload,
 * errors, pipelining, Connection: close, malformed requests and the exec runtime) plus N/100 abrupt
 * client disconnects, stops the gateway with SIGTERM so LeakSanitizer runs in it and in every worker,
 * and fails on any sanitizer report, wrong answer, unclean exit or orphan worker.
 *
 *   npx tsx hardening/soak.ts                     20,000 requests per mode (the short version)
 *   npx tsx hardening/soak.ts --requests 1000000  the full soak
 *   npx tsx hardening/soak.ts --mode fdpass --json soak.json
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sanitizerSoak, type SoakResult } from './lib/sanitizer-soak.ts';
import { GATEWAY_MODES, type GatewayMode } from './lib/gateway-process.ts';
import { toolArgs } from './lib/tool-args.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `usage: npx tsx hardening/soak.ts [--requests N] [--mode ${GATEWAY_MODES.join('|')}] [--workers N] [--json FILE]

ASan + UBSan gateway under N checked requests per mode (default 20000) plus N/100 abrupt
disconnects; exit 1 on any sanitizer report, wrong answer, unclean exit or orphan worker.`;

const { fail, wholeNumber, mode } = toolArgs('soak');

async function main(): Promise<number> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  let requests = 20000;
  let workers = 2;
  let json: string | undefined;
  const modes: GatewayMode[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a === '--requests') requests = wholeNumber(a, argv[++i], 1);
    else if (a === '--workers') workers = wholeNumber(a, argv[++i], 1);
    else if (a === '--json') json = argv[++i] ?? fail('--json needs a file');
    else if (a === '--mode') modes.push(mode(a, argv[++i]));
    else fail(`unknown argument "${a}" (try --help)`);
  }
  if (!modes.length) modes.push(...GATEWAY_MODES);

  console.log('soak: building the ASan + UBSan gateway (make -C native asan)');
  const make = spawnSync('make', ['-C', path.join(ROOT, 'native'), '-s', 'asan'], { stdio: 'inherit' });
  if (make.status !== 0) {
    process.stderr.write('soak: make -C native asan failed\n');
    return 1;
  }
  const results: SoakResult[] = [];
  for (const mode of modes) {
    const t0 = Date.now();
    let last = 0;
    const r = await sanitizerSoak({
      mode,
      requests,
      workers,
      onProgress: (n) => {
        if (n - last >= Math.max(10000, requests / 20)) {
          last = n;
          console.log(`soak: ${mode}: ${n} answered`);
        }
      },
    });
    const secs = (Date.now() - t0) / 1000;
    const errs = Object.entries(r.load.errors).map(([k, v]) => `${k}=${v}`).join(' ') || 'none';
    const cut = Object.values(r.disconnects.done).reduce((s, v) => s + v, 0);
    console.log(
      `soak: ${mode}: ${r.load.sent} requests (${r.load.ok} answered correctly, errors: ${errs}), ` +
        `${cut} abrupt disconnects, ${r.corpus.inputs} fuzz corpus inputs (${r.corpus.answered} answered, ${r.corpus.closed_silently} closed, ${r.corpus.stuck.length} stuck), ${secs.toFixed(0)} s; exit ${r.exit.code ?? r.exit.signal}; ` +
        `${r.reports.length} sanitizer reports; ${r.orphans.length} orphan workers`,
    );
    for (const s of r.load.samples) console.log(`  ${s}`);
    for (const s of r.corpus.stuck.slice(0, 10)) console.log(`  STUCK ${s}`);
    for (const line of r.reports) console.log(`  REPORT ${line}`);
    if (r.reports.length || r.load.ok !== r.load.sent || r.disconnects.failed) {
      // the gateway's own lines (a worker down, and why) explain failed requests too
      const log = path.join(ROOT, 'native', 'build-asan', `soak-${mode}.log`);
      writeFileSync(log, r.stderr);
      console.log(`  full stderr in ${path.relative(ROOT, log)}`);
    }
    results.push(r);
  }
  const bad = results.filter(
    (r) => r.reports.length || r.load.ok !== r.load.sent || r.exit.code !== 0 || r.orphans.length || r.disconnects.failed || r.corpus.stuck.length,
  );
  if (json) {
    writeFileSync(
      json,
      `${JSON.stringify(
        results.map((r) => ({ mode: r.mode, requests: r.load.sent, ok: r.load.ok, statuses: r.load.statuses, errors: r.load.errors, disconnects: r.disconnects.done, corpus: { inputs: r.corpus.inputs, answered: r.corpus.answered, closed: r.corpus.closed_silently, stuck: r.corpus.stuck }, sanitizer_reports: r.reports, exit: r.exit, orphans: r.orphans })),
        null,
        2,
      )}\n`,
    );
  }
  console.log(bad.length ? `soak: FAILED (${bad.map((r) => r.mode).join(', ')})` : `soak: ${requests} requests per mode, zero sanitizer reports`);
  return bad.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`soak: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
