/**
 * One variant's part of one block: start the system under test, wait until it answers, warm up, run the
 * trials the block asks for (throughput: wrk + pidstat + perf stat; fixed rate: bench-latency + pidstat +
 * perf stat, at the sweep point's own rate in a sweep;
 * untimed strace -c and perf record only where the plan puts them), stop it. The block runner
 * (collect.ts) decides the order of the trials across variants, so paired trials sit back to back.
 *
 * Around every timed trial the collector keeps two machine readings as raw files: `/proc/stat` copied as it
 * is (per-CPU busy time, for CPU per request from the CPUs themselves), and the speed probe
 * (`native/build/speed-probe`: a fixed integer loop timed on the gateway's CPU and on the load's CPU).
 *
 * Every process goes through the Supervisor; every raw output lands untouched in
 * `<variant>/rep-<k>/<phase>.<role>.<ext>`; every command, exit code and pid is recorded in the
 * repetition's manifest entry. A fault of the system under test never throws: the repetition is marked
 * failed, its stderr kept, and the block goes on with the other variants.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRawFile } from '../load.ts';
import { toLegacyCsv } from '../parsers/legacy-csv.ts';
import { repetitionDir, type Phase, type Repetition, type SweepPoint } from '../manifest.ts';
import type { PidstatRecord } from '../records/pidstat.ts';
import type { WrkRecord } from '../records/wrk.ts';
import type { VariantSpec } from './config.ts';
import {
  benchLatencyArgv,
  gatewayArgv,
  perfRecordArgv,
  perfScriptArgv,
  perfStatArgv,
  PERF_STAT_EVENTS,
  pidstatArgv,
  speedProbeArgv,
  straceArgv,
  wrkArgv,
  type Pinning,
} from './commands.ts';
import { benchLatencySummary, pidstatSummary, wrkSummary, type Summary } from './derive.ts';
import type { BenchLatencyRecord } from '../records/bench-latency.ts';
import type { CollectOptions, PhaseName } from './options.ts';
import type { PlanEntry } from './plan.ts';
import { isAlive, readPidFile, readProcessTable, sleep, waitReady, type Child, type Supervisor } from './processes.ts';
import { describeSelector, profiledPids, resolveRoles, type Roles } from './roles.ts';

export interface RepContext {
  sup: Supervisor;
  /** absolute path of the (temporary) run directory */
  runDir: string;
  /** the variant as this trial runs it (in a sweep, its load is the point's) */
  variant: VariantSpec;
  entry: PlanEntry;
  /** the sweep point of this trial, or null outside a sweep */
  point: SweepPoint | null;
  opts: CollectOptions;
  pinning: Pinning;
  /** absolute path of the generated wrk Lua script, when the load needs one */
  loadScript: string | null;
  /** phases skipped for the whole run, with the reason */
  skipped: Map<string, string>;
  benchLatency: string;
  /** the speed probe binary, or null when it is not built (then no probe readings are taken) */
  speedProbe: string | null;
  /** CPUs the speed probe is timed on (the gateway's first, then the load's) */
  probeCpus: number[];
  signal: AbortSignal;
  onPhase: (phase: string) => void;
  log: (message: string) => void;
}

type Command = Phase['commands'][number];

const now = () => new Date().toISOString();

/** Thrown inside a variant's block to end it as failed (the message becomes the repetition's error). */
class RepetitionFailed extends Error {}

/** A phase being recorded: its commands, files and summary. */
class PhaseRecorder {
  readonly phase: Phase;
  private readonly logs: string[] = [];

  constructor(
    private readonly ctx: RepContext,
    name: string,
    timed: boolean,
  ) {
    this.phase = { name, timed, started_at: now(), finished_at: null, commands: [], files: [] };
  }

  rel(file: string): string {
    return `${repetitionDir(this.ctx.variant.name, this.ctx.entry.repetition, this.ctx.point?.id)}/${file}`;
  }

  abs(file: string): string {
    return join(this.ctx.runDir, this.rel(file));
  }

  file(role: Phase['files'][number]['role'], file: string): string {
    this.phase.files.push({ role, path: this.rel(file) });
    if (role === 'log') this.logs.push(file);
    mkdirSync(join(this.ctx.runDir, this.rel('')), { recursive: true });
    return this.abs(file);
  }

  /** Start a command; stdout/stderr go to files of this phase (already registered with `file`). */
  start(role: string, argv: string[], io: { stdout?: string; stderr?: string; cwd?: string; env?: Record<string, string> }): Child {
    const child = this.ctx.sup.start(argv, { role, stdout: io.stdout, stderr: io.stderr, cwd: io.cwd, env: io.env });
    const cmd: Command = { role, argv, exit_code: null, signal: null, pid: child.pid > 0 ? child.pid : null, started_at: now(), finished_at: null };
    this.phase.commands.push(cmd);
    void child.exited.then((x) => {
      cmd.exit_code = x.code;
      cmd.signal = x.signal;
      cmd.finished_at = now();
    });
    return child;
  }

  /** Copy /proc/stat, as the kernel prints it, into a raw file of this phase. */
  procStat(role: 'proc-stat-before' | 'proc-stat-after', file: string): void {
    writeFileSync(this.file(role, file), readFileSync('/proc/stat', 'utf8'), { flag: 'wx' });
  }

  /** Time the speed probe on the gateway's and the load's CPU (no-op when it is not built). */
  async speedProbe(role: 'speed-probe-before' | 'speed-probe-after', file: string): Promise<void> {
    if (this.ctx.speedProbe === null) return;
    const child = this.start('speed-probe', speedProbeArgv(this.ctx.speedProbe, this.ctx.probeCpus), { stdout: this.file(role, file), stderr: this.file('log', `${file}.log`) });
    await Promise.race([child.exited, sleep(5000)]);
    if (!child.exit) await this.ctx.sup.stop(child, { graceMs: 500 });
  }

  /** End the phase: drop empty log files, stamp the end time. */
  finish(): Phase {
    for (const f of this.logs) {
      try {
        if (statSync(this.abs(f)).size === 0) {
          unlinkSync(this.abs(f));
          this.phase.files = this.phase.files.filter((x) => x.path !== this.rel(f));
        }
      } catch {
        this.phase.files = this.phase.files.filter((x) => x.path !== this.rel(f));
      }
    }
    this.phase.finished_at = now();
    return this.phase;
  }
}

/** Wait for every child, at most `limitMs`; stop what is still running after that. */
async function waitAll(sup: Supervisor, children: Child[], limitMs: number): Promise<void> {
  await Promise.race([Promise.all(children.map((c) => c.exited)), sleep(limitMs)]);
  await Promise.all(children.filter((c) => !c.exit).map((c) => sup.stop(c, { graceMs: 2000 })));
}

/** Commands whose early end invalidates a repetition (perf stat, strace and the probe are optional monitors). */
const REQUIRED_ROLES = new Set(['wrk', 'bench-latency', 'pidstat']);

function describeExit(c: Child): string {
  if (!c.exit) return 'is still running';
  if (c.exit.error) return c.exit.error;
  return c.exit.signal ? `was killed by ${c.exit.signal}` : `exited with code ${c.exit.code}`;
}

async function parseFile<T>(path: string, format: string, log: (m: string) => void): Promise<T | null> {
  try {
    const rec = (await readRawFile(path)) as { format: string };
    if (rec.format !== format) {
      log(`${path}: read as ${rec.format}, expected ${format}`);
      return null;
    }
    return rec as T;
  } catch (e) {
    const err = e as Error & { describe?: () => string };
    log(`cannot parse ${err.describe ? err.describe() : `${path}: ${err.message}`}`);
    return null;
  }
}

/**
 * One variant in one block, from start to stop. Made by `startVariant`, driven by `runPhase`, ended by
 * `stopVariant` (which returns the repetition's manifest entry).
 */
export interface VariantBlock {
  ctx: RepContext;
  rep: Repetition;
  gw: Child;
  /** the main process: the start command's, or the pid file's */
  mainPid: number;
  /** the pids of each role, found once the gateway answered and again after the warmup */
  roles: Roles;
  sutPhase: PhaseRecorder;
  scratch: string;
  /** false once the repetition failed (its later phases are not run) */
  ok: boolean;
}

function fail(vb: VariantBlock, e: unknown): void {
  if (!(e instanceof RepetitionFailed)) throw e;
  vb.ok = false;
  const aborted = vb.ctx.signal.aborted;
  vb.rep.status = aborted ? 'incomplete' : 'failed';
  vb.rep.error = aborted ? `interrupted by ${String(vb.ctx.signal.reason ?? 'a signal')}` : e.message;
}

function stderrPath(vb: VariantBlock): string {
  return vb.sutPhase.rel('gateway.stderr.txt');
}

function checkAlive(vb: VariantBlock, during: string): void {
  const { variant, signal } = vb.ctx;
  if (signal.aborted) throw new RepetitionFailed('interrupted');
  if (variant.monitor.pid_file === null) {
    if (vb.gw.exit) throw new RepetitionFailed(`gateway ${describeExit(vb.gw)} during ${during} (its stderr: ${stderrPath(vb)})`);
  } else if (!isAlive(vb.mainPid)) {
    throw new RepetitionFailed(`gateway (pid ${vb.mainPid} from ${variant.monitor.pid_file}) died during ${during} (its stderr: ${stderrPath(vb)})`);
  }
}

/** Find the front and the workers now (the config's monitor.front and monitor.workers) and record them. */
function findRoles(vb: VariantBlock, when: string): void {
  const { monitor } = vb.ctx.variant;
  const roles = resolveRoles(monitor, readProcessTable(), vb.mainPid, readPidFile);
  vb.rep.pids.main = roles.main;
  if (roles.front.length === 0) throw new RepetitionFailed(`monitor.front (${describeSelector(monitor.front)}) found no process ${when}`);
  vb.roles = roles;
  Object.assign(vb.rep.pids, { gateway: roles.front[0], workers: roles.workers, front: roles.front });
}

/**
 * Start a variant's system under test and wait until it answers; never throws for its faults (the
 * returned block is then `ok: false` with the reason in `rep.error`).
 *
 * @example
 * const vb = await startVariant(ctx); vb.ok // -> true once its ready URL answered
 */
export async function startVariant(ctx: RepContext): Promise<VariantBlock> {
  const { variant, entry, opts, pinning, signal } = ctx;
  const rep: Repetition = {
    variant: variant.name,
    repetition: entry.repetition,
    order: entry.order,
    status: 'complete',
    error: null,
    started_at: now(),
    finished_at: null,
    pids: { gateway: null, workers: [], load: [], front: [], main: null },
    phases: [],
    ...(ctx.point ? { point: ctx.point.id } : {}),
  };
  ctx.onPhase('start');
  const sutPhase = new PhaseRecorder(ctx, 'gateway', false); // recorded as rep.sut, not as a phase
  const gw = sutPhase.start('gateway', gatewayArgv(variant, pinning), {
    stdout: sutPhase.file('stdout', 'gateway.stdout.txt'),
    stderr: sutPhase.file('stderr', 'gateway.stderr.txt'),
    cwd: variant.cwd,
    env: variant.env,
  });
  const vb: VariantBlock = { ctx, rep, gw, mainPid: gw.pid, roles: { main: gw.pid, front: [], workers: [] }, sutPhase, scratch: mkdtempSync(join(tmpdir(), 'gatebench-perf-')), ok: true };
  try {
    try {
      await waitReady(variant.ready_url, gw, opts.ready_timeout_s * 1000, signal);
    } catch (e) {
      throw new RepetitionFailed(`${(e as Error).message} (its stderr: ${stderrPath(vb)})`);
    }
    if (variant.monitor.pid_file !== null) {
      const pid = readPidFile(variant.monitor.pid_file);
      if (pid === null) throw new RepetitionFailed(`no pid in ${variant.monitor.pid_file} once ${variant.ready_url} answered`);
      vb.mainPid = pid;
    }
    findRoles(vb, `once ${variant.ready_url} answered`);
  } catch (e) {
    fail(vb, e);
  }
  return vb;
}

/**
 * Run one phase (warmup, a timed trial or an untimed phase) of a started variant; a no-op once it failed.
 *
 * @example
 * await runPhase(vb, 'throughput'); vb.rep.phases.at(-1)?.name // -> 'throughput'
 */
export async function runPhase(vb: VariantBlock, name: PhaseName | 'warmup'): Promise<void> {
  if (!vb.ok) return;
  const { ctx, rep } = vb;
  const { opts, pinning, variant } = ctx;
  const loadPid = (c: Child) => {
    if (c.pid > 0) rep.pids.load!.push(c.pid);
  };
  const load = (seconds: number) => wrkArgv(variant.load, ctx.loadScript, opts, seconds, pinning);
  try {
    checkAlive(vb, name === 'warmup' ? 'start' : 'the previous phase');
    ctx.onPhase(name);
    if (name === 'warmup') {
      // same load, discarded by the analysis (timed: false)
      const ph = new PhaseRecorder(ctx, 'warmup', false);
      rep.phases.push(ph.phase);
      const wrk = ph.start('wrk', load(opts.warmup_s), { stdout: ph.file('wrk', 'warmup.wrk.txt'), stderr: ph.file('log', 'warmup.wrk.log') });
      loadPid(wrk);
      await waitAll(ctx.sup, [wrk], (opts.warmup_s + 15) * 1000);
      ph.finish();
      checkAlive(vb, 'warmup');
      if (wrk.exit?.code !== 0) throw new RepetitionFailed(`wrk ${describeExit(wrk)} during warmup (see ${ph.rel('warmup.wrk.txt')})`);
      findRoles(vb, 'after the warmup'); // processes forked lazily show up now
      return;
    }
    if (name === 'throughput') rep.phases.push(await throughputPhase(ctx, vb.roles, load, loadPid));
    else if (name === 'fixed-rate') rep.phases.push(await fixedRatePhase(ctx, vb.roles, loadPid));
    else if (name === 'strace') rep.phases.push(await stracePhase(ctx, [...vb.roles.front, ...vb.roles.workers], load, loadPid));
    else rep.phases.push(await perfRecordPhase(ctx, profiledPids(ctx.variant.monitor.profile, vb.roles), vb.scratch, load, loadPid));
    checkAlive(vb, name);
    // The load and the monitors a measurement rests on must each run to their end: figures from a
    // pidstat that died half-way would be parsed as a shorter, valid-looking series.
    const failed = rep.phases[rep.phases.length - 1].commands.find((c) => REQUIRED_ROLES.has(c.role) && c.exit_code !== 0);
    if (failed) {
      const how = failed.signal ? `was killed by ${failed.signal}` : `exited with code ${failed.exit_code}`;
      throw new RepetitionFailed(`${failed.role} (pid ${failed.pid ?? '?'}) ${how} during ${name}`);
    }
  } catch (e) {
    fail(vb, e);
  }
}

/**
 * Stop a variant's system under test (SIGTERM to its process group, SIGKILL after 5 s) and return its
 * repetition as the manifest records it.
 *
 * @example
 * const rep = await stopVariant(vb); rep.status // -> 'complete'
 */
export async function stopVariant(vb: VariantBlock): Promise<Repetition> {
  const { ctx, rep, gw } = vb;
  ctx.onPhase('stop');
  if (ctx.variant.monitor.pid_file !== null && vb.mainPid !== gw.pid && isAlive(vb.mainPid)) {
    try {
      process.kill(vb.mainPid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  await ctx.sup.stop(gw, { graceMs: 5000 });
  await gw.exited;
  const sut = vb.sutPhase.finish();
  rep.sut = { command: sut.commands[0], files: sut.files };
  rmSync(vb.scratch, { recursive: true, force: true });
  if (ctx.signal.aborted && rep.status === 'complete') {
    rep.status = 'incomplete';
    rep.error = `interrupted by ${String(ctx.signal.reason ?? 'a signal')}`;
  }
  rep.finished_at = now();
  return rep;
}

/** Parse the pidstat output, write the seed-era CSV next to it, and summarise. */
async function pidstatOutputs(ctx: RepContext, ph: PhaseRecorder, name: string, roles: Roles): Promise<Summary> {
  const rec = await parseFile<PidstatRecord>(ph.abs(`${name}.pidstat.txt`), 'pidstat', ctx.log);
  if (!rec) return {};
  writeFileSync(ph.file('pidstat-csv', `${name}.pidstat.csv`), toLegacyCsv(rec.samples), { flag: 'wx' });
  return pidstatSummary(rec, roles.front, roles.workers);
}

/** What a timed trial starts: the load, the monitors that end by themselves, and the counters stopped when the load ends. */
interface TrialChildren {
  load: Child;
  /** pidstat: counts its own samples and exits */
  monitors: Child[];
  /** perf stat: counts until SIGINT, sent as soon as the load exits */
  counters: Child[];
}

/**
 * A timed trial and the machine readings around it: the speed probe and /proc/stat before the load starts,
 * then /proc/stat as soon as the load ends, perf stat stopped (SIGINT: it prints its totals and exits), and
 * the probe after. `run` starts the counters and monitors before the load, so both windows enclose it.
 */
async function measuredTrial(ph: PhaseRecorder, name: string, run: () => TrialChildren, limitMs: number, sup: Supervisor): Promise<void> {
  await ph.speedProbe('speed-probe-before', `${name}.speed-probe-before.txt`);
  ph.procStat('proc-stat-before', `${name}.proc-stat-before.txt`);
  const { load, monitors, counters } = run();
  const stopCounters = load.exited.then(async () => {
    ph.procStat('proc-stat-after', `${name}.proc-stat-after.txt`);
    await Promise.all(counters.map((c) => sup.stop(c, { signal: 'SIGINT', graceMs: 5000 })));
  });
  await waitAll(sup, [load, ...monitors], limitMs);
  await stopCounters;
  await ph.speedProbe('speed-probe-after', `${name}.speed-probe-after.txt`);
}

/**
 * perf stat on the front and on the workers, each role on its own, counting until the load ends: the counts
 * are totals over a window that encloses the load, so CPU time and syscalls per request need no alignment.
 * None when perf stat is skipped for the run.
 */
function perfStat(ctx: RepContext, ph: PhaseRecorder, name: string, roles: Roles): Child[] {
  if (ctx.skipped.has('perf-stat')) return [];
  const events = ctx.skipped.has('syscall-count') ? PERF_STAT_EVENTS.filter((e) => e !== 'raw_syscalls:sys_enter') : PERF_STAT_EVENTS;
  const out = [ph.start('perf-stat', perfStatArgv(roles.front, ctx.pinning, events), { stderr: ph.file('perf-stat', `${name}.perf-stat.txt`) })];
  if (roles.workers.length > 0) out.push(ph.start('perf-stat', perfStatArgv(roles.workers, ctx.pinning, events), { stderr: ph.file('perf-stat-workers', `${name}.perf-stat-workers.txt`) }));
  return out;
}

/** How long a trial may overrun its duration before its load and monitors are stopped. */
const TRIAL_GRACE_S = 15;

async function throughputPhase(ctx: RepContext, roles: Roles, load: (s: number) => string[], loadPid: (c: Child) => void): Promise<Phase> {
  const { sup, opts, pinning } = ctx;
  const { front, workers } = roles;
  const d = opts.duration_s;
  const ph = new PhaseRecorder(ctx, 'throughput', true);
  await measuredTrial(
    ph,
    'throughput',
    () => {
      const pidstat = ph.start('pidstat', pidstatArgv([...front, ...workers], d, pinning), { stdout: ph.file('pidstat', 'throughput.pidstat.txt'), stderr: ph.file('log', 'throughput.pidstat.log') });
      const counters = perfStat(ctx, ph, 'throughput', roles);
      const wrk = ph.start('wrk', load(d), { stdout: ph.file('wrk', 'throughput.wrk.txt'), stderr: ph.file('log', 'throughput.wrk.log') });
      loadPid(wrk);
      return { load: wrk, monitors: [pidstat], counters };
    },
    (d + TRIAL_GRACE_S) * 1000,
    sup,
  );
  const wrkRec = await parseFile<WrkRecord>(ph.abs('throughput.wrk.txt'), 'wrk', ctx.log);
  ph.phase.summary = { ...(wrkRec ? wrkSummary(wrkRec) : {}), ...(await pidstatOutputs(ctx, ph, 'throughput', roles)) };
  return ph.finish();
}

async function fixedRatePhase(ctx: RepContext, roles: Roles, loadPid: (c: Child) => void): Promise<Phase> {
  const { sup, opts, pinning, variant } = ctx;
  const d = opts.duration_s;
  const ph = new PhaseRecorder(ctx, 'fixed-rate', true);
  await measuredTrial(
    ph,
    'fixed-rate',
    () => {
      const pidstat = ph.start('pidstat', pidstatArgv([...roles.front, ...roles.workers], d, pinning), { stdout: ph.file('pidstat', 'fixed-rate.pidstat.txt'), stderr: ph.file('log', 'fixed-rate.pidstat.log') });
      // CPU time per request at a low rate: perf's task-clock is exact where pidstat's ticks (10 ms) are coarse
      const counters = perfStat(ctx, ph, 'fixed-rate', roles);
      const latencies = ph.file('latencies', 'fixed-rate.latencies.txt');
      // a sweep's point names its own rate (sweep-rate.ts): one --rate cannot suit 16 B and 1 MiB
      const rate = { ...opts, rate_rps: ctx.point?.rate_rps ?? opts.rate_rps };
      const bench = ph.start('bench-latency', benchLatencyArgv(ctx.benchLatency, variant.load, rate, d, latencies, pinning), {
        stdout: ph.file('bench-latency', 'fixed-rate.bench-latency.txt'),
        stderr: ph.file('log', 'fixed-rate.bench-latency.log'),
      });
      loadPid(bench);
      return { load: bench, monitors: [pidstat], counters };
    },
    (d + TRIAL_GRACE_S) * 1000,
    sup,
  );
  const benchRec = await parseFile<BenchLatencyRecord>(ph.abs('fixed-rate.bench-latency.txt'), 'bench-latency', ctx.log);
  ph.phase.summary = { ...(benchRec ? benchLatencySummary(benchRec) : {}), ...(await pidstatOutputs(ctx, ph, 'fixed-rate', roles)) };
  return ph.finish();
}

/** Wait until strace's stderr says it attached to `n` processes (at most `limitMs`). */
async function waitAttached(path: string, n: number, strace: Child, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline && !strace.exit) {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      /* not yet */
    }
    if ((text.match(/ attached/g) ?? []).length >= n) return;
    await sleep(50);
  }
}

async function stracePhase(ctx: RepContext, pids: number[], load: (s: number) => string[], loadPid: (c: Child) => void): Promise<Phase> {
  const { sup, opts, pinning } = ctx;
  const ph = new PhaseRecorder(ctx, 'strace', false);
  const out = ph.file('strace', 'strace.strace.txt');
  const log = ph.file('log', 'strace.strace.log');
  const strace = ph.start('strace', straceArgv(pids, out, pinning), { stderr: log });
  await waitAttached(log, pids.length, strace, 5000);
  const wrk = ph.start('wrk', load(opts.untimed_s), { stdout: ph.file('wrk', 'strace.wrk.txt'), stderr: ph.file('log', 'strace.wrk.log') });
  loadPid(wrk);
  await waitAll(sup, [wrk], (opts.untimed_s + 15) * 1000);
  // strace -c prints its table when it detaches: on SIGINT
  await sup.stop(strace, { signal: 'SIGINT', graceMs: 10_000 });
  const wrkRec = await parseFile<WrkRecord>(ph.abs('strace.wrk.txt'), 'wrk', ctx.log);
  if (wrkRec) ph.phase.summary = { requests: wrkRec.requests ?? null };
  return ph.finish();
}

async function perfRecordPhase(ctx: RepContext, pids: number[], scratch: string, load: (s: number) => string[], loadPid: (c: Child) => void): Promise<Phase> {
  const { sup, opts, pinning } = ctx;
  const ph = new PhaseRecorder(ctx, 'perf-record', false);
  const data = join(scratch, 'perf.data');
  const rec = ph.start('perf-record', perfRecordArgv(pids, data, opts.untimed_s, opts.perf_freq_hz, pinning), { stderr: ph.file('log', 'perf-record.perf-record.log') });
  await sleep(200); // perf attaches before the load starts
  const wrk = ph.start('wrk', load(opts.untimed_s), { stdout: ph.file('wrk', 'perf-record.wrk.txt'), stderr: ph.file('log', 'perf-record.wrk.log') });
  loadPid(wrk);
  await waitAll(sup, [rec, wrk], (opts.untimed_s + 15) * 1000);
  if (rec.exit?.code === 0 && !ctx.signal.aborted) {
    const script = ph.start('perf-script', perfScriptArgv(data), { stdout: ph.file('perf-script', 'perf-record.perf-script.txt'), stderr: ph.file('log', 'perf-record.perf-script.log') });
    await waitAll(sup, [script], 120_000);
  }
  return ph.finish();
}
