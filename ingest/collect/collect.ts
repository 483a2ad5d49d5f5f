/**
 * The collector: options in, one run directory out. Resolves the variants, plans the interleaved
 * repetitions, checks tools and ports before anything starts, builds, runs every repetition under one
 * Supervisor, and writes the manifest and the raw files through the writer (temporary directory renamed at
 * the end). An interrupt (SIGINT/SIGTERM) stops every child and keeps the partial run, marked incomplete.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { repetitionDir, type Manifest, type Repetition, type SweepPoint } from '../manifest.ts';
import { mapManifestPaths } from '../published-manifest.ts';
import { anchorPaths, CONFIG_DIR, HOME, PROJECT, RUN } from '../public-paths.ts';
import { sizeLabel } from '../byte-size.ts';
import { buildManifest, defaultRunLabel, variantsThatNeverRan } from './build-manifest.ts';
import {
  benchClientsBuildArgv,
  benchLatencyArgv,
  choosePinning,
  gatewayArgv,
  perfRecordArgv,
  perfScriptArgv,
  perfStatArgv,
  pidstatArgv,
  probeCpus,
  shellQuote,
  speedProbeArgv,
  straceArgv,
  wrkArgv,
  wrkLuaScript,
  type Pinning,
} from './commands.ts';
import { readUserConfig, readUserDeclared, readUserFraming, readUserSweep, type VariantSpec } from './config.ts';
import { describeSelector } from './roles.ts';
import { readGitState, readMachineFacts } from './machine.ts';
import { homedir, loadavg } from 'node:os';
import type { CollectOptions } from './options.ts';
import { runPhase, startVariant, stopVariant, type RepContext, type VariantBlock } from './phases.ts';
import { buildPlan, estimateRunSeconds, type PlanEntry } from './plan.ts';
import { installInterruptHandler, portInUse, Supervisor } from './processes.ts';
import { bytesNeeded, freeBytes } from './free-space.ts';
import { Progress } from './progress.ts';
import { benchmarkResults } from './summary.ts';
import { sweepResults } from './sweep-summary.ts';
import { configSweepPoints, DEFAULT_SWEEP_SIZES, embeddedSweepPoints, pointLoad } from './sweep-points.ts';
import { benchLatencyUnavailableReason, commandExists, missingToolsMessage, perfUnavailableReason, readToolVersions, straceUnavailableReason, syscallCountUnavailableReason } from './tools.ts';
import { BENCH_LATENCY_BINARY, canRunTogether, EMBEDDED_DEFAULT, embeddedVariants, GATEWAY_BINARY, onPort, selectVariants, SPEED_PROBE_BINARY } from './variants.ts';
import { createTempRunDir, finalizeRunDir, runDirName, writeRunFile } from './writer.ts';

/** A fault that stops the collector before or instead of a run, with its exit code (2 usage, 3 environment). */
export class CollectError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface CollectEnv {
  /** the repository (native/ and the default --out are relative to it) */
  root: string;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** the argv recorded in the manifest */
  argv: string[];
}

export interface CollectResult {
  exitCode: number;
  /** final path of the run directory (null for a dry run) */
  runDir: string | null;
  manifest: Manifest | null;
}

interface Prepared {
  variants: VariantSpec[];
  pinning: Pinning;
  seed: number;
  plan: PlanEntry[];
  label: string;
  benchLatency: string;
  speedProbe: string;
  embedded: boolean;
  /** the variants of a block run side by side (each on its own address), so paired trials are back to back */
  together: boolean;
  /** a sweep's points, smallest first; null for a plain run */
  points: SweepPoint[] | null;
}

/**
 * A sweep's points: the embedded gateway's payload sizes (`--sizes`, or the defaults), or a config's own
 * `sweep` list; null outside a sweep.
 */
function sweepPoints(opts: CollectOptions): SweepPoint[] | null {
  if (!opts.sweep) return null;
  if (!opts.config) return embeddedSweepPoints(opts.sizes_bytes ?? DEFAULT_SWEEP_SIZES, opts);
  const entries = readUserSweep(opts.config);
  if (entries.length === 0) throw new Error(`--sweep: ${opts.config} lists no sweep: add "sweep": [{ "size_bytes": 1024, "path": "/..." }, ...] (see ingest/collect/README.md)`);
  return configSweepPoints(entries, opts);
}

function prepare(opts: CollectOptions, root: string, cpuCount: number): Prepared {
  let variants: VariantSpec[];
  let points: SweepPoint[] | null;
  try {
    points = sweepPoints(opts);
    if (opts.config) {
      variants = selectVariants(readUserConfig(opts.config), opts.variants, opts.aa, `--config ${opts.config}`);
    } else {
      // a sweep's variants start on its smallest payload (their ready URL); each point changes the load's size
      const fn = points ? `payload:${points[0].size_bytes}` : opts.function;
      const all = embeddedVariants({ root, port: opts.port, workers: opts.workers, fn, profile: opts.profile });
      // each variant on its own port (--port, --port + 1, ...), so a block's variants can run side by side
      variants = selectVariants(all, opts.variants ?? EMBEDDED_DEFAULT, opts.aa, 'the embedded gateway').map((v, i) => onPort(v, opts.port + i));
    }
  } catch (e) {
    throw new CollectError((e as Error).message, 2);
  }
  const pinning = choosePinning(cpuCount, opts.pin && commandExists('taskset'));
  const seed = opts.seed ?? randomInt(0, 2 ** 32 - 1);
  const plan = buildPlan({ variants: variants.map((v) => v.name), repetitions: opts.repetitions, order: opts.order, seed, ...(points ? { points: points.map((p) => p.id) } : {}) });
  const label = opts.label ?? `${points ? 'sweep-' : ''}${defaultRunLabel(variants, opts.aa, variants[0].source)}`;
  return {
    variants,
    pinning,
    seed,
    plan,
    label,
    benchLatency: resolve(root, BENCH_LATENCY_BINARY),
    speedProbe: resolve(root, SPEED_PROBE_BINARY),
    embedded: !opts.config,
    together: canRunTogether(variants),
    points,
  };
}

/**
 * The run's estimated seconds: every plan entry warms up and runs its timed trials; the untimed phases run
 * once per variant (at every point of a sweep) in the last block.
 */
function estimateOf(opts: CollectOptions, p: Prepared): number {
  return estimateRunSeconds({ ...opts, entries: p.plan.length, variants: p.variants.length * (p.points?.length ?? 1) });
}

/**
 * The sizes of a sweep in words.
 *
 * @example
 * sizesText(points) // -> '7 sizes (16 B, 1 KiB, 4 KiB, 16 KiB, 64 KiB, 256 KiB, 1 MiB)'
 */
function sizesText(points: SweepPoint[]): string {
  return `${points.length} sizes (${points.map((x) => sizeLabel(x.size_bytes)).join(', ')})`;
}

/**
 * The dry-run text: the plan and, per variant, the exact commands with placeholders for pids.
 *
 * @example
 * dryRunText(opts, prepared) // -> 'plan (random, seed 7): fdpass#1 proxy#1 ...\n\nvariant proxy (v1.0):\n  build: make -C ...'
 */
function dryRunText(opts: CollectOptions, p: Prepared): string {
  const out: string[] = [];
  out.push(`run label: ${p.label}`);
  out.push(`plan (${opts.order}, seed ${p.seed}): ${p.plan.map((e) => `${e.variant}${e.point ? `@${e.point}` : ''}#${e.repetition}`).join(' ')}`);
  if (p.points) {
    out.push(`sweep: ${sizesText(p.points)}; in every block each size once, in shuffled order, with a fresh start of every variant at each size`);
    const fixed = opts.phases.includes('fixed-rate');
    for (const pt of p.points) {
      const rate = fixed && pt.rate_rps !== null ? `; fixed rate ${pt.rate_rps} req/s` : '';
      out.push(`  ${sizeLabel(pt.size_bytes)}: ${p.variants.map((v) => pointLoad(v.load, pt).url).join('  ')}${pt.body !== null ? ` (body ${JSON.stringify(pt.body.slice(0, 40))})` : ''}${rate}`);
    }
  }
  out.push(`pinning: ${p.pinning.sut_cpus === null ? 'none' : `system under test on CPU ${p.pinning.sut_cpus}, load and monitors on CPU ${p.pinning.load_cpus}`}`);
  out.push(`blocks: ${opts.repetitions}, each with one trial of every variant${p.points ? ' at every size' : ''}; ${p.together ? 'the variants of a block run side by side, trials back to back' : 'the variants of a block run one after the other (they share an address or process names)'}; untimed phases in block ${opts.repetitions} only`);
  out.push(`estimated time: ${Math.round(estimateOf(opts, p))} s`);
  const F = '<front>';
  const W = '<workers>';
  for (const base of p.variants) {
    // a sweep's commands are shown at its first point; the others differ only in the load's URL or body
    const v = p.points ? { ...base, load: pointLoad(base.load, p.points[0]) } : base;
    const script = wrkLuaScript(v.load) === null ? null : `${p.points ? `${v.name}/${p.points[0].id}` : v.name}/load.lua`;
    const load = (s: number) => wrkArgv(v.load, script, opts, s, p.pinning);
    out.push('', `variant ${v.name} (${v.label})${p.points ? ` at ${sizeLabel(p.points[0].size_bytes)}` : ''}:`);
    if (v.build && opts.build) out.push(`  build:       ${v.build}`);
    out.push(`  start:       ${shellQuote(gatewayArgv(v, p.pinning))}`, `  ready when:  ${v.ready_url} answers`);
    out.push(`  front:       ${describeSelector(v.monitor.front)}; workers: ${describeSelector(v.monitor.workers)} (found once it answers, and again after the warmup)`);
    if (opts.warmup_s > 0) out.push(`  warmup:      ${shellQuote(load(opts.warmup_s))}`);
    out.push(`  around each timed trial: /proc/stat copied, and ${shellQuote(speedProbeArgv(p.speedProbe, probeCpus(p.pinning, 2)))}`);
    // the monitors of a timed trial, the same in both timed phases
    const monitors = [
      shellQuote(pidstatArgv([F, W], opts.duration_s, p.pinning)),
      `               ${shellQuote(perfStatArgv([F], p.pinning))}`,
      `               ${shellQuote(perfStatArgv([W], p.pinning))}  (each perf stat stopped with SIGINT when the load ends)`,
    ];
    for (const ph of opts.phases) {
      if (ph === 'throughput') {
        out.push(`  throughput:  ${monitors.join('\n')}`);
        out.push(`               ${shellQuote(load(opts.duration_s))}`);
      } else if (ph === 'fixed-rate') {
        out.push(`  fixed-rate:  ${monitors.join('\n')}`);
        const rate = { ...opts, rate_rps: p.points?.[0].rate_rps ?? opts.rate_rps };
        out.push(`               ${shellQuote(benchLatencyArgv(p.benchLatency, v.load, rate, opts.duration_s, 'fixed-rate.latencies.txt', p.pinning))}`);
      } else if (ph === 'strace') {
        out.push(`  strace:      ${shellQuote(straceArgv([F, W], 'strace.strace.txt', p.pinning))}  (stopped with SIGINT after:)`);
        out.push(`               ${shellQuote(load(opts.untimed_s))}`);
      } else {
        out.push(`  perf-record: ${shellQuote(perfRecordArgv(v.monitor.profile === 'all' ? [F, W] : [F], 'perf.data', opts.untimed_s, opts.perf_freq_hz, p.pinning))}`);
        out.push(`               ${shellQuote(load(opts.untimed_s))}`);
        out.push(`               ${shellQuote(perfScriptArgv('perf.data'))} > perf-record.perf-script.txt`);
      }
    }
    out.push(`  stop:        SIGTERM to the gateway's process group, SIGKILL after 5 s`);
  }
  return `${out.join('\n')}\n`;
}

/** Hosts and ports the variants listen on, for the port-in-use check. */
function listenAddresses(variants: VariantSpec[]): { host: string; port: number }[] {
  const seen = new Map<string, { host: string; port: number }>();
  for (const v of variants) {
    for (const u of [v.ready_url, v.load.url]) {
      const url = new URL(u);
      const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, '');
      const port = Number(url.port || 80);
      seen.set(`${host}:${port}`, { host, port });
    }
  }
  return [...seen.values()];
}

async function preflight(opts: CollectOptions, p: Prepared, root: string): Promise<void> {
  // with the build step, make and gcc build native/: the embedded gateway, or the bench clients a --config run needs
  const required = ['wrk', 'pidstat', ...(p.pinning.sut_cpus !== null ? ['taskset'] : []), ...(opts.build ? ['make', 'gcc'] : [])];
  const missing = missingToolsMessage(required);
  if (missing) throw new CollectError(missing, 3);
  for (const { host, port } of listenAddresses(p.variants)) {
    if (await portInUse(host, port)) {
      const fix = p.embedded ? `or pass another port with --port N` : `or change the port in ${opts.config}`;
      throw new CollectError(`port ${port} on ${host} is already in use: stop what listens there (ss -ltnp 'sport = :${port}' shows it) ${fix}`, 3);
    }
  }
  const out = resolve(root, opts.out);
  const free = freeBytes(out);
  const need = bytesNeeded(p.plan.length);
  if (free < need) {
    throw new CollectError(
      `only ${Math.floor(free / 1024)} kB free on the filesystem holding ${out}; a run of ${p.plan.length} repetitions needs about ${Math.ceil(need / 1048576)} MB: free some space or pass --out DIR on another disk`,
      3,
    );
  }
  if (opts.build) {
    if (!p.embedded) {
      // the bench clients (bench-latency for the fixed-rate phase, the speed probe) are gatebench's own:
      // built here, since no variant's build does it (the embedded gateway's `make -C native` builds them too)
      const make = benchClientsBuildArgv(resolve(root, 'native'), opts.phases);
      const r = spawnSync(make[0], make.slice(1), { stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) throw new CollectError(`building the bench clients failed (exit code ${r.status ?? r.signal}): ${shellQuote(make)}`, 3);
    }
    const done = new Set<string>();
    for (const v of p.variants) {
      if (!v.build || done.has(`${v.cwd}\0${v.build}`)) continue;
      done.add(`${v.cwd}\0${v.build}`);
      const r = spawnSync('sh', ['-c', v.build], { cwd: v.cwd, stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) throw new CollectError(`build of variant ${v.name} failed (exit code ${r.status ?? r.signal}): ${v.build}`, 3);
    }
  }
  if (p.embedded && !existsSync(resolve(root, GATEWAY_BINARY))) {
    throw new CollectError(`${GATEWAY_BINARY} is missing: build it with make -C native (or drop --no-build)`, 3);
  }
}

/** Phases (or monitors) that cannot run on this machine, with why. */
function unavailable(opts: CollectOptions, p: Prepared): Map<string, string> {
  const skipped = new Map<string, string>();
  const perf = perfUnavailableReason();
  if (perf) {
    if (opts.phases.includes('throughput')) skipped.set('perf-stat', perf);
    if (opts.phases.includes('perf-record')) skipped.set('perf-record', perf);
  } else if (opts.phases.includes('throughput')) {
    const sys = syscallCountUnavailableReason();
    if (sys) skipped.set('syscall-count', sys);
  }
  if (opts.phases.includes('strace')) {
    const s = straceUnavailableReason();
    if (s) skipped.set('strace', s);
  }
  if (opts.phases.includes('fixed-rate')) {
    const b = benchLatencyUnavailableReason(p.benchLatency);
    if (b) skipped.set('fixed-rate', b);
  }
  return skipped;
}

/**
 * The last `n` non-empty lines of a file (empty when it cannot be read).
 *
 * @example
 * stderrTail('/tmp/run/b/rep-1/gateway.stderr.txt', 3) // -> ['gateway: cannot load routes']
 */
function stderrTail(path: string, n: number): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').map((l) => l.trimEnd()).filter((l) => l !== '').slice(-n).map((l) => (l.length > 200 ? `${l.slice(0, 197)}...` : l));
  } catch {
    return [];
  }
}

/**
 * The plan cut into blocks: consecutive entries of the same repetition number (and, in a sweep, the same
 * point: each size of a block is a block of its own, with fresh gateways), in plan order.
 */
function blocksOf(plan: PlanEntry[]): PlanEntry[][] {
  const out: PlanEntry[][] = [];
  for (const e of plan) {
    const last = out[out.length - 1];
    if (last && last[0].repetition === e.repetition && last[0].point === e.point) last.push(e);
    else out.push([e]);
  }
  return out;
}

const TIMED_PHASES: readonly string[] = ['throughput', 'fixed-rate'];

/**
 * One block: every variant's trial of each timed phase, in the block's shuffled order. Side by side
 * (`together`), all gateways start first and each timed phase runs its trials back to back, the second
 * phase in reverse order (A B | B A) so every pair of trials stays adjacent in time. Otherwise each
 * variant runs start to stop in turn. Untimed phases (strace, perf record) run only where `untimed` is set,
 * after every timed trial of the block.
 */
async function runBlock(
  block: PlanEntry[],
  b: { together: boolean; untimed: boolean; opts: CollectOptions; skipped: Map<string, string>; context: (e: PlanEntry) => RepContext },
  done: (rep: Repetition) => void,
): Promise<void> {
  const runnable = (ph: string) => b.opts.phases.includes(ph as never) && !b.skipped.has(ph);
  const timed = TIMED_PHASES.filter(runnable) as ('throughput' | 'fixed-rate')[];
  const untimed = b.untimed ? (['strace', 'perf-record'] as const).filter(runnable) : [];
  for (const group of b.together ? [block] : block.map((e) => [e])) {
    const vbs: VariantBlock[] = [];
    try {
      for (const entry of group) vbs.push(await startVariant(b.context(entry)));
      if (b.opts.warmup_s > 0) for (const vb of vbs) await runPhase(vb, 'warmup');
      let order = vbs;
      for (const ph of timed) {
        for (const vb of order) await runPhase(vb, ph);
        order = [...order].reverse();
      }
      for (const ph of untimed) for (const vb of vbs) await runPhase(vb, ph);
    } finally {
      // even when the collector itself fails mid-block, what ran is stopped and recorded in the manifest
      for (const vb of [...vbs].sort((x, y) => x.rep.order - y.rep.order)) done(await stopVariant(vb));
    }
  }
}

/**
 * Run `npm run collect` with parsed options.
 *
 * @example
 * const { runDir, manifest } = await collect(parseCollectArgs(['--quick', '--out', '/tmp/runs']), env);
 */
export async function collect(opts: CollectOptions, env: CollectEnv): Promise<CollectResult> {
  const machine = readMachineFacts(opts.machine);
  const p = prepare(opts, env.root, machine.cpu_count);
  const say = (s: string) => env.stdout.write(`${s}\n`);
  if (opts.dry_run) {
    env.stdout.write(dryRunText(opts, p));
    return { exitCode: 0, runDir: null, manifest: null };
  }
  await preflight(opts, p, env.root);
  for (const v of p.variants) {
    const port = (u: string) => new URL(u).port || '80';
    if (port(v.ready_url) !== port(v.load.url)) {
      say(`collect: variant ${v.name}: its ready URL (${v.ready_url}) and its load URL (${v.load.url}) are on different ports: the load goes where the ready check did not look`);
    }
  }
  const skipped = unavailable(opts, p);
  for (const [phase, reason] of skipped) say(`collect: skipping ${phase}: ${reason}`);
  const tools = readToolVersions();
  const git = readGitState(env.root);

  const createdAt = new Date();
  const loadAvgStart = loadavg();
  const id = runDirName(createdAt, p.label);
  const out = resolve(env.root, opts.out);
  let tmp: string;
  try {
    tmp = createTempRunDir(out, id);
  } catch (e) {
    // An unwritable --out is the user's environment, not a bug: one line, no stack trace.
    throw new CollectError(`cannot create the run folder in ${out}: ${(e as Error).message} (--out must be a writable folder)`, 3);
  }
  // the wrk Lua script of each variant (and in a sweep, of each variant at each point) whose load needs one
  const loadScripts: Record<string, string | null> = {};
  for (const v of p.variants) {
    for (const pt of p.points ?? [null]) {
      const key = pt ? `${v.name}/${pt.id}` : v.name;
      const lua = wrkLuaScript(pt ? pointLoad(v.load, pt) : v.load);
      loadScripts[key] = lua === null ? null : `${key}/load.lua`;
      if (lua !== null) writeRunFile(tmp, `${key}/load.lua`, lua);
    }
  }

  const sup = new Supervisor();
  const controller = new AbortController();
  let interruptedBy: string | null = null;
  const uninstall = installInterruptHandler(sup, (sig) => {
    interruptedBy = sig;
    controller.abort(sig);
  });
  const estimate = estimateOf(opts, p);
  const at = p.points ? ` at ${sizesText(p.points)}` : '';
  say(`collect: ${opts.repetitions} blocks of ${p.variants.map((v) => `${v.name}=${v.label}`).join(', ')}${at}, about ${Math.round(estimate)} s; writing ${join(opts.out, id)}`);
  const progress = new Progress(env.stdout, estimate);
  const speedProbe = existsSync(p.speedProbe) ? p.speedProbe : null;
  if (speedProbe === null) say(`collect: ${SPEED_PROBE_BINARY} is not built: no machine-speed readings (build it with make -C native)`);
  const cpus = probeCpus(p.pinning, machine.cpu_count);
  const context = (entry: PlanEntry): RepContext => {
    const base = p.variants.find((v) => v.name === entry.variant)!;
    const point = entry.point === undefined ? null : p.points!.find((x) => x.id === entry.point)!;
    const variant = point ? { ...base, load: pointLoad(base.load, point) } : base;
    const script = loadScripts[point ? `${base.name}/${point.id}` : base.name];
    return {
      sup,
      runDir: tmp,
      variant,
      entry,
      point,
      opts,
      pinning: p.pinning,
      loadScript: script ? join(tmp, script) : null,
      skipped,
      benchLatency: p.benchLatency,
      speedProbe,
      probeCpus: cpus,
      signal: controller.signal,
      onPhase: (phase) =>
        progress.phase({ order: entry.order, total: p.plan.length, variant: variant.name, repetition: entry.repetition, repetitions: opts.repetitions, phase, ...(point ? { point: sizeLabel(point.size_bytes) } : {}) }),
      log: (m) => progress.log(m),
    };
  };
  const reps: Repetition[] = [];
  let crash: unknown = null;
  try {
    for (const block of blocksOf(p.plan)) {
      if (controller.signal.aborted) break;
      const untimed = block[0].repetition === opts.repetitions;
      await runBlock(block, { together: p.together, untimed, opts, skipped, context }, (rep) => {
        reps.push(rep);
        if (rep.status === 'failed') {
          progress.log(`${rep.variant}${rep.point ? ` at ${rep.point}` : ''} block ${rep.repetition} failed: ${rep.error}`);
          // the system under test's own words: the last lines of its stderr
          for (const line of stderrTail(join(tmp, repetitionDir(rep.variant, rep.repetition, rep.point), 'gateway.stderr.txt'), 3)) progress.log(`  ${rep.variant} stderr: ${line}`);
        }
      });
    }
  } catch (e) {
    crash = e;
    interruptedBy ??= 'collector error';
  } finally {
    progress.done();
    await sup.stopAll();
  }

  const skippedList = [...skipped].map(([phase, reason]) => ({ phase, reason }));
  // paths as published: relative to the run's folder, the project or the config file's folder, never a home directory
  const anchors = [
    { path: tmp, as: RUN },
    { path: env.root, as: PROJECT },
    ...(opts.config ? [{ path: dirname(resolve(opts.config)), as: CONFIG_DIR }] : []),
    { path: homedir(), as: HOME },
  ];
  const built = buildManifest({
    id,
    label: p.label,
    created_at: createdAt.toISOString(),
    finished_at: new Date().toISOString(),
    machine,
    tools,
    git,
    options: opts,
    variants: p.variants,
    load_scripts: loadScripts,
    seed: p.seed,
    pinning: p.pinning,
    plan: p.plan,
    together: p.together,
    points: p.points,
    repetitions: reps,
    skipped: skippedList,
    interrupted_by: interruptedBy,
    argv: env.argv,
    load_avg: { start: loadAvgStart, end: loadavg() },
    framing: opts.config ? readUserFraming(opts.config) : { title: null, question: null, description: null },
    ...(opts.config ? { declared: readUserDeclared(opts.config) } : {}),
  });
  const manifest = mapManifestPaths(built, (s) => anchorPaths(s, anchors));
  writeRunFile(tmp, 'manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  const runDir = finalizeRunDir(tmp, out, id);
  uninstall(); // only now: an interrupt while the manifest is written must not leave a .tmp- directory
  if (crash) throw crash;
  say('');
  say(manifest.sweep ? sweepResults(manifest) : benchmarkResults(manifest));
  say(`run ${manifest.status}: ${runDir}`);
  for (const [variant, error] of variantsThatNeverRan(manifest.repetitions)) {
    say(`collect: variant ${variant} has no complete repetition${error ? ` (first error: ${error})` : ''}: nothing to compare it by; the run is ${manifest.status}`);
  }
  if (interruptedBy) say(`collect: interrupted by ${interruptedBy}; the partial run is kept, marked incomplete`);
  const exitCode = interruptedBy ? 130 : manifest.status === 'failed' ? 1 : 0;
  return { exitCode, runDir, manifest };
}
