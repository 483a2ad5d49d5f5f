/**
 * `npm run bench:native`: how fast the reference gateway is, measured side by side with Debian's nginx.
 *
 * Servers (all on CPU 0, load generator and monitors on CPU 1):
 *   a       nginx `return 200`, 1 worker: what one process can serve
 *   b       nginx reverse proxy over a Unix socket (upstream keep-alive) to a second nginx returning 200,
 *           1 worker each: what a user would deploy instead of a custom gateway
 *   proxy   native/build/gateway --mode proxy --workers 1, GET /api/hello
 *   fdpass  native/build/gateway --mode fdpass --workers 1, GET /api/hello
 * Each run is `wrk -t2 -c100 -d<S>s --latency`, inside bench-cpu (CPU of the server's processes from /proc)
 * inside bench-memory (their RSS). Servers run in turn, then again in reverse order, for every round, so
 * that drift on a shared machine hits all of them alike; figures are medians over the rounds, and the goals
 * are ratios of figures measured side by side. Then a payload sweep (/api/payload?size=N) for both modes.
 *
 *   npm run bench:native [-- --duration S] [--rounds N] [--quick] [--json FILE]
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_BIN, NATIVE_DIR, startGateway, type Gateway } from '../hardening/lib/gateway-process.ts';
import { freePort } from '../hardening/lib/free-port.ts';
import { parseBenchCpu } from '../ingest/parsers/bench-cpu.ts';
import { parseBenchMemory } from '../ingest/parsers/bench-memory.ts';
import { parseWrk } from '../ingest/parsers/wrk.ts';
import type { BenchCpuProcess } from '../ingest/records/bench-cpu.ts';
import type { BenchMemoryProcess } from '../ingest/records/bench-memory.ts';
import { benchClientPath, benchClientsMissing, runClient } from './lib/bench-clients.ts';
import {
  breakEven,
  checkGoals,
  humanBytes,
  renderServerTable,
  renderSweepTable,
  summarize,
  unsaturated,
  type NativeRun,
  type SweepPoint,
} from './lib/bench-native-report.ts';
import { startNginx, type Nginx } from './lib/nginx.ts';

interface Options {
  duration_s: number;
  rounds: number;
  quick: boolean;
  json: string | null;
}

const USAGE = 'usage: npm run bench:native [-- --duration S] [--rounds N] [--quick] [--json FILE]';

function parseOptions(argv: string[]): Options {
  const o: Options = { duration_s: 10, rounds: 2, quick: false, json: null };
  let durationGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value\n${USAGE}`, 2);
      return v;
    };
    if (a === '--duration') {
      const v = value();
      o.duration_s = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || o.duration_s < 1) fail(`--duration must be a number of seconds >= 1, got "${v}"`, 2);
      durationGiven = true;
    } else if (a === '--rounds') {
      const v = value();
      o.rounds = Number(v);
      if (!/^\d+$/.test(v) || o.rounds < 2) fail(`--rounds must be an integer >= 2 (each server is measured in both orders), got "${v}"`, 2);
    } else if (a === '--quick') {
      o.quick = true;
    } else if (a === '--json') {
      o.json = value();
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      fail(`unknown option "${a}"\n${USAGE}`, 2);
    }
  }
  if (o.quick && !durationGiven) o.duration_s = 3;
  return o;
}

function fail(message: string, code = 1): never {
  console.error(`bench:native: ${message}`);
  process.exit(code);
}

function have(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

interface Target {
  name: string;
  port: number;
  /** pids given to bench-cpu / bench-memory (their children are found in /proc) */
  roots: number[];
  /** the processes that count as "front": the gateway itself, or the nginx clients connect to */
  isFront(p: { pid: number; ppid: number }): boolean;
}

const pinned = cpus().length >= 2;
const SUT_CPUS = pinned ? '0' : undefined;
const LOAD_PREFIX = pinned ? ['taskset', '-c', '1'] : [];

/** One wrk run inside bench-cpu inside bench-memory, parsed. */
async function measure(t: Target, path: string, seconds: number, round: number, dir: string): Promise<NativeRun> {
  const cpuOut = join(dir, 'cpu.txt');
  const wrkOut = join(dir, 'wrk.txt');
  const roots = t.roots.flatMap((p) => ['-p', String(p)]);
  const argv = [
    ...LOAD_PREFIX,
    benchClientPath('bench-memory'), ...roots, '-i', '250ms', '--load-output', cpuOut, '--',
    benchClientPath('bench-cpu'), ...roots, '--load-output', wrkOut, '--',
    'wrk', '-t2', '-c100', `-d${seconds}s`, '--latency', `http://127.0.0.1:${t.port}${path}`,
  ];
  const r = await runClient(argv[0], argv.slice(1), (seconds + 60) * 1000);
  if (r.code !== 0) fail(`${t.name}: ${argv.join(' ')} exited with ${r.code ?? r.signal}: ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  const mem = parseBenchMemory(r.stdout);
  const cpu = parseBenchCpu(readFileSync(cpuOut, 'utf8'));
  const wrk = parseWrk(readFileSync(wrkOut, 'utf8'));
  const perReq = (procs: BenchCpuProcess[]) => (wrk.requests > 0 ? procs.reduce((s, p) => s + p.cpu_us, 0) / wrk.requests : null);
  const rss = (procs: BenchMemoryProcess[]) => procs.reduce((s, p) => s + p.rss_peak_kb, 0);
  const e = wrk.errors;
  return {
    server: t.name,
    round,
    requests: wrk.requests,
    requests_per_s: wrk.requests_per_s,
    latency_p99_ms: wrk.latency_ms.p99 ?? null,
    errors: e.connect + e.read + e.write + e.timeout + e.non_2xx_3xx,
    front_cpu_us_per_req: perReq(cpu.processes.filter((p) => t.isFront(p))),
    rest_cpu_us_per_req: perReq(cpu.processes.filter((p) => !t.isFront(p))),
    server_cpu_pct: cpu.total_cpu_pct,
    front_rss_peak_kb: rss(mem.processes.filter((p) => t.isFront(p))),
    total_rss_peak_kb: rss(mem.processes),
  };
}

async function warmup(t: Target, path: string): Promise<void> {
  const argv = [...LOAD_PREFIX, 'wrk', '-t2', '-c100', '-d1s', `http://127.0.0.1:${t.port}${path}`];
  const r = await runClient(argv[0], argv.slice(1), 60_000);
  if (r.code !== 0) fail(`warm-up of ${t.name} failed: ${r.stderr.trim() || r.stdout.trim()}`);
}

function describe(run: NativeRun): string {
  const p99 = run.latency_p99_ms === null ? 'n/a' : `${run.latency_p99_ms.toFixed(2)} ms`;
  const cpu = run.front_cpu_us_per_req === null ? '' : `  front CPU ${run.front_cpu_us_per_req.toFixed(2)} us/req`;
  return `${run.requests_per_s.toFixed(0).padStart(7)} req/s  p99 ${p99}${cpu}${run.errors ? `  ERRORS ${run.errors}` : ''}`;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  for (const tool of ['wrk', 'nginx', 'make', ...(pinned ? ['taskset'] : [])]) {
    if (!have(tool)) fail(`${tool} is not installed (npm run setup installs the Debian packages)`);
  }
  const build = spawnSync('make', ['-C', NATIVE_DIR, '-s'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) fail('make -C native failed: the gateway and the bench clients must build first');
  const missing = benchClientsMissing();
  if (missing) fail(missing);

  const dir = mkdtempSync(join(tmpdir(), 'gatebench-bench-native-'));
  // the gateway's workers are forked by it and inherit its CPU affinity, so pinning the exec pins them all
  const wrapper = join(dir, 'gateway-pinned');
  writeFileSync(wrapper, SUT_CPUS ? `#!/bin/sh\nexec taskset -c ${SUT_CPUS} ${GATEWAY_BIN} "$@"\n` : `#!/bin/sh\nexec ${GATEWAY_BIN} "$@"\n`);
  chmodSync(wrapper, 0o755);

  const nginxes: Nginx[] = [];
  const gateways: Gateway[] = [];
  const stopAll = async () => {
    await Promise.all([...nginxes.map((n) => n.stop()), ...gateways.map((g) => g.stop())]);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    console.error('\nbench:native: interrupted, stopping the servers');
    void stopAll().then(() => process.exit(130));
  });

  try {
    const a = await startNginx({ kind: 'return200', port: await freePort(), cpus: SUT_CPUS });
    nginxes.push(a);
    const b = await startNginx({ kind: 'proxy', port: await freePort(), cpus: SUT_CPUS });
    nginxes.push(b);
    const proxy = await startGateway({ mode: 'proxy', workers: 1, binary: wrapper });
    gateways.push(proxy);
    const fdpass = await startGateway({ mode: 'fdpass', workers: 1, binary: wrapper });
    gateways.push(fdpass);

    const nginxFront = (n: Nginx) => (p: { pid: number; ppid: number }) => p.pid === n.pids[0] || p.ppid === n.pids[0];
    const gatewayFront = (g: Gateway) => (p: { pid: number }) => p.pid === g.pid;
    const A: Target = { name: 'a  nginx return 200', port: a.port, roots: a.pids, isFront: nginxFront(a) };
    const B: Target = { name: 'b  nginx proxy -> unix -> nginx', port: b.port, roots: b.pids, isFront: nginxFront(b) };
    const P: Target = { name: 'proxy  gateway v1.0', port: proxy.port, roots: [proxy.pid], isFront: gatewayFront(proxy) };
    const F: Target = { name: 'fdpass  gateway v2.0', port: fdpass.port, roots: [fdpass.pid], isFront: gatewayFront(fdpass) };
    const targets = [A, B, P, F];

    console.log(`bench:native: ${opts.rounds} rounds of ${opts.duration_s} s per server, wrk -t2 -c100 --latency`);
    console.log(pinned ? 'servers pinned to CPU 0, wrk and the monitors to CPU 1' : 'WARNING: fewer than 2 CPUs, nothing pinned: figures mix server and load');
    for (const t of targets) await warmup(t, '/api/hello');

    const runs: NativeRun[] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      const order = round % 2 ? targets : [...targets].reverse();
      for (const t of order) {
        const run = await measure(t, '/api/hello', opts.duration_s, round, dir);
        runs.push(run);
        console.log(`  round ${round}/${opts.rounds}  ${t.name.padEnd(32)} ${describe(run)}`);
      }
    }
    const summaries = summarize(runs);
    const byName = (t: Target) => summaries.find((s) => s.server === t.name)!;
    console.log('\nGET /api/hello (medians over rounds; x (a), x (b): req/s ratio to nginx return 200 and to the nginx proxy chain)');
    console.log('front = the process clients connect to (gateway, or nginx master+worker); rest = gateway workers, or the backend nginx\n');
    console.log(renderServerTable(summaries, A.name, B.name));
    for (const u of unsaturated(summaries)) {
      console.log(`NOTE: ${u.server.trim()} kept its CPU only ${u.cpu_pct.toFixed(0)}% busy: wrk or the machine, not the server, limited its req/s`);
    }
    const goals = checkGoals({ a: byName(A), b: byName(B), proxy: byName(P), fdpass: byName(F) });
    console.log('\nGoals (issue 3)');
    for (const g of goals) console.log(`  ${g.pass === null ? 'N/A ' : g.pass ? 'PASS' : 'FAIL'}  ${g.name}: ${g.measured}`);

    const sizes = opts.quick ? [16, 4096, 65536, 1048576] : [16, 256, 4096, 16384, 65536, 262144, 1048576];
    const sweepSeconds = opts.quick ? Math.min(2, opts.duration_s) : Math.max(2, Math.round(opts.duration_s / 2));
    console.log(`\nPayload sweep: GET /api/payload?size=N, ${sweepSeconds} s per run, proxy and fdpass alternating, 2 rounds`);
    const sweep: SweepPoint[] = [];
    const sweepRuns: NativeRun[] = [];
    for (const size of sizes) {
      const path = `/api/payload?size=${size}`;
      const runsHere: NativeRun[] = [];
      for (let round = 1; round <= 2; round++) {
        for (const t of round === 1 ? [P, F] : [F, P]) {
          const run = await measure(t, path, sweepSeconds, round, dir);
          runsHere.push(run);
          console.log(`  ${humanBytes(size).padStart(7)}  round ${round}  ${t.name.padEnd(22)} ${describe(run)}`);
        }
      }
      sweepRuns.push(...runsHere.map((r) => ({ ...r, server: `${r.server} @${size}` })));
      const s = summarize(runsHere);
      sweep.push({ size_bytes: size, proxy: s.find((x) => x.server === P.name)!, fdpass: s.find((x) => x.server === F.name)! });
    }
    console.log('');
    console.log(renderSweepTable(sweep));
    const even = breakEven(sweep.map((p) => ({ size_bytes: p.size_bytes, ratio: p.proxy.requests_per_s > 0 ? p.fdpass.requests_per_s / p.proxy.requests_per_s : 0 })));
    console.log(
      even === null
        ? '\nfdpass does not serve more req/s than proxy at the largest payload measured: it does not pay here'
        : `\nfdpass serves at least as many req/s as proxy from ${humanBytes(even)} up (every larger size measured too)`,
    );
    if (opts.json) {
      writeFileSync(opts.json, `${JSON.stringify({ options: opts, pinned, runs, summaries, goals, sweep, sweep_runs: sweepRuns, break_even_bytes: even }, null, 2)}\n`);
      console.log(`raw figures written to ${opts.json}`);
    }
  } finally {
    await stopAll();
  }
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
