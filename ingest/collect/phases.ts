/**
 * One repetition of one variant: start the system under test, wait until it answers, warm up, then the timed
 * phases (throughput: wrk + pidstat + perf stat; fixed rate: bench-latency + pidstat) and the untimed ones
 * (strace -c, perf record + perf script), never mixed; stop it. Every process goes through the Supervisor;
 * every raw output lands untouched in `<variant>/rep-<k>/<phase>.<role>.<ext>`; every command, exit code and
 * pid is recorded in the repetition's manifest entry.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRawFile } from '../load.ts';
import { toLegacyCsv } from '../parsers/legacy-csv.ts';
import type { Phase, Repetition } from '../manifest.ts';
import type { PidstatRecord } from '../records/pidstat.ts';
import type { WrkRecord } from '../records/wrk.ts';
import type { VariantSpec } from './config.ts';
import {
  benchLatencyArgv,
  gatewayArgv,
  perfRecordArgv,
  perfScriptArgv,
  perfStatArgv,
  pidstatArgv,
  straceArgv,
  wrkArgv,
  type Pinning,
} from './commands.ts';
import { benchLatencySummary, pidstatSummary, wrkSummary, type Summary } from './derive.ts';
import type { BenchLatencyRecord } from '../records/bench-latency.ts';
import type { CollectOptions } from './options.ts';
import type { PlanEntry } from './plan.ts';
import { descendantPids, isAlive, pidsByName, readPidFile, sleep, waitReady, type Child, type Supervisor } from './processes.ts';

export interface RepContext {
  sup: Supervisor;
  /** absolute path of the (temporary) run directory */
  runDir: string;
  variant: VariantSpec;
  entry: PlanEntry;
  opts: CollectOptions;
  pinning: Pinning;
  /** absolute path of the generated wrk Lua script, when the load needs one */
  loadScript: string | null;
  /** phases skipped for the whole run, with the reason */
  skipped: Map<string, string>;
  benchLatency: string;
  signal: AbortSignal;
  onPhase: (phase: string) => void;
  log: (message: string) => void;
}

type Command = Phase['commands'][number];

const now = () => new Date().toISOString();

/** Thrown inside a repetition to end it as failed (the message becomes the repetition's error). */
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
    return `${this.ctx.variant.name}/rep-${this.ctx.entry.repetition}/${file}`;
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

/** Commands whose early end invalidates a repetition (perf stat and strace are optional monitors). */
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
 * Run one repetition; never throws for a fault of the system under test (the repetition comes back failed,
 * with its stderr saved), nor for an interrupt (it comes back incomplete).
 *
 * @example
 * const rep = await runRepetition(ctx); rep.status // -> 'complete'
 */
export async function runRepetition(ctx: RepContext): Promise<Repetition> {
  const { sup, variant, entry, opts, pinning, signal } = ctx;
  const rep: Repetition = {
    variant: variant.name,
    repetition: entry.repetition,
    order: entry.order,
    status: 'complete',
    error: null,
    started_at: now(),
    finished_at: null,
    pids: { gateway: null, workers: [], load: [] },
    phases: [],
  };
  const loadPid = (c: Child) => {
    if (c.pid > 0) rep.pids.load!.push(c.pid);
  };

  // the system under test, for the whole repetition
  ctx.onPhase('start');
  const sutPhase = new PhaseRecorder(ctx, 'gateway', false); // recorded as rep.sut, not as a phase
  const gw = sutPhase.start('gateway', gatewayArgv(variant, pinning), {
    stdout: sutPhase.file('stdout', 'gateway.stdout.txt'),
    stderr: sutPhase.file('stderr', 'gateway.stderr.txt'),
    cwd: variant.cwd,
    env: variant.env,
  });
  let gatewayPid = gw.pid;
  const stderrPath = sutPhase.rel('gateway.stderr.txt');

  const gatewayGone = (during: string): string | null => {
    if (variant.monitor.pid_file === null) {
      return gw.exit ? `gateway ${describeExit(gw)} during ${during} (its stderr: ${stderrPath})` : null;
    }
    return isAlive(gatewayPid) ? null : `gateway (pid ${gatewayPid} from ${variant.monitor.pid_file}) died during ${during} (its stderr: ${stderrPath})`;
  };
  const checkAlive = (during: string) => {
    if (signal.aborted) throw new RepetitionFailed('interrupted');
    const gone = gatewayGone(during);
    if (gone) throw new RepetitionFailed(gone);
  };

  const scratch = mkdtempSync(join(tmpdir(), 'gatebench-perf-'));
  try {
    try {
      await waitReady(variant.ready_url, gw, opts.ready_timeout_s * 1000, signal);
    } catch (e) {
      throw new RepetitionFailed(`${(e as Error).message} (its stderr: ${stderrPath})`);
    }
    if (variant.monitor.pid_file !== null) {
      const pid = readPidFile(variant.monitor.pid_file);
      if (pid === null) throw new RepetitionFailed(`no pid in ${variant.monitor.pid_file} once ${variant.ready_url} answered`);
      gatewayPid = pid;
    }
    rep.pids.gateway = gatewayPid;
    const findWorkers = () =>
      variant.monitor.process_names ? pidsByName(variant.monitor.process_names).filter((p) => p !== gatewayPid) : descendantPids(gatewayPid);
    rep.pids.workers = findWorkers();
    const monitored = () => [gatewayPid, ...rep.pids.workers];
    const load = (seconds: number) => wrkArgv(variant.load, ctx.loadScript, opts, seconds, pinning);

    // warm-up: same load, discarded by the analysis (timed: false)
    if (opts.warmup_s > 0) {
      ctx.onPhase('warmup');
      const ph = new PhaseRecorder(ctx, 'warmup', false);
      rep.phases.push(ph.phase);
      const wrk = ph.start('wrk', load(opts.warmup_s), { stdout: ph.file('wrk', 'warmup.wrk.txt'), stderr: ph.file('log', 'warmup.wrk.log') });
      loadPid(wrk);
      await waitAll(sup, [wrk], (opts.warmup_s + 15) * 1000);
      ph.finish();
      checkAlive('warmup');
      if (wrk.exit?.code !== 0) throw new RepetitionFailed(`wrk ${describeExit(wrk)} during warmup (see ${ph.rel('warmup.wrk.txt')})`);
      rep.pids.workers = findWorkers(); // workers forked lazily show up now
    }

    for (const name of opts.phases) {
      const skip = ctx.skipped.get(name);
      if (skip !== undefined) continue;
      ctx.onPhase(name);
      if (name === 'throughput') rep.phases.push(await throughputPhase(ctx, monitored(), gatewayPid, load, loadPid));
      else if (name === 'fixed-rate') rep.phases.push(await fixedRatePhase(ctx, monitored(), gatewayPid, loadPid));
      else if (name === 'strace') rep.phases.push(await stracePhase(ctx, monitored(), load, loadPid));
      else rep.phases.push(await perfRecordPhase(ctx, gatewayPid, scratch, load, loadPid));
      checkAlive(name);
      // The load and the monitors a measurement rests on must each run to their end: figures from a
      // pidstat that died half-way would be parsed as a shorter, valid-looking series.
      const failed = rep.phases[rep.phases.length - 1].commands.find((c) => REQUIRED_ROLES.has(c.role) && c.exit_code !== 0);
      if (failed) {
        const how = failed.signal ? `was killed by ${failed.signal}` : `exited with code ${failed.exit_code}`;
        throw new RepetitionFailed(`${failed.role} (pid ${failed.pid ?? '?'}) ${how} during ${name}`);
      }
    }
  } catch (e) {
    if (!(e instanceof RepetitionFailed)) throw e;
    rep.status = signal.aborted ? 'incomplete' : 'failed';
    rep.error = signal.aborted ? `interrupted by ${String(signal.reason ?? 'a signal')}` : e.message;
  } finally {
    ctx.onPhase('stop');
    if (variant.monitor.pid_file !== null && gatewayPid !== gw.pid && isAlive(gatewayPid)) {
      try {
        process.kill(gatewayPid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    await sup.stop(gw, { graceMs: 5000 });
    await gw.exited;
    const sut = sutPhase.finish();
    rep.sut = { command: sut.commands[0], files: sut.files };
    rmSync(scratch, { recursive: true, force: true });
  }
  if (signal.aborted && rep.status === 'complete') {
    rep.status = 'incomplete';
    rep.error = `interrupted by ${String(signal.reason ?? 'a signal')}`;
  }
  rep.finished_at = now();
  return rep;
}

/** Parse the pidstat output, write the seed-era CSV next to it, and summarise. */
async function pidstatOutputs(ctx: RepContext, ph: PhaseRecorder, name: string, gatewayPid: number, workers: number[]): Promise<Summary> {
  const rec = await parseFile<PidstatRecord>(ph.abs(`${name}.pidstat.txt`), 'pidstat', ctx.log);
  if (!rec) return {};
  writeFileSync(ph.file('pidstat-csv', `${name}.pidstat.csv`), toLegacyCsv(rec.samples), { flag: 'wx' });
  return pidstatSummary(rec, gatewayPid, workers);
}

async function throughputPhase(ctx: RepContext, pids: number[], gatewayPid: number, load: (s: number) => string[], loadPid: (c: Child) => void): Promise<Phase> {
  const { sup, opts, pinning } = ctx;
  const d = opts.duration_s;
  const ph = new PhaseRecorder(ctx, 'throughput', true);
  const children: Child[] = [];
  children.push(ph.start('pidstat', pidstatArgv(pids, d, pinning), { stdout: ph.file('pidstat', 'throughput.pidstat.txt'), stderr: ph.file('log', 'throughput.pidstat.log') }));
  if (!ctx.skipped.has('perf-stat')) {
    const perfOut = ph.file('perf-stat', 'throughput.perf-stat.txt');
    children.push(ph.start('perf-stat', perfStatArgv(gatewayPid, d, pinning), { stderr: perfOut }));
  }
  const wrk = ph.start('wrk', load(d), { stdout: ph.file('wrk', 'throughput.wrk.txt'), stderr: ph.file('log', 'throughput.wrk.log') });
  loadPid(wrk);
  children.push(wrk);
  await waitAll(sup, children, (d + 15) * 1000);
  const wrkRec = await parseFile<WrkRecord>(ph.abs('throughput.wrk.txt'), 'wrk', ctx.log);
  ph.phase.summary = { ...(wrkRec ? wrkSummary(wrkRec) : {}), ...(await pidstatOutputs(ctx, ph, 'throughput', gatewayPid, pids.slice(1))) };
  return ph.finish();
}

async function fixedRatePhase(ctx: RepContext, pids: number[], gatewayPid: number, loadPid: (c: Child) => void): Promise<Phase> {
  const { sup, opts, pinning, variant } = ctx;
  const d = opts.duration_s;
  const ph = new PhaseRecorder(ctx, 'fixed-rate', true);
  const children: Child[] = [];
  children.push(ph.start('pidstat', pidstatArgv(pids, d, pinning), { stdout: ph.file('pidstat', 'fixed-rate.pidstat.txt'), stderr: ph.file('log', 'fixed-rate.pidstat.log') }));
  const latencies = ph.file('latencies', 'fixed-rate.latencies.txt');
  const bench = ph.start('bench-latency', benchLatencyArgv(ctx.benchLatency, variant.load, opts, d, latencies, pinning), {
    stdout: ph.file('bench-latency', 'fixed-rate.bench-latency.txt'),
    stderr: ph.file('log', 'fixed-rate.bench-latency.log'),
  });
  loadPid(bench);
  children.push(bench);
  await waitAll(sup, children, (d + 15) * 1000);
  const benchRec = await parseFile<BenchLatencyRecord>(ph.abs('fixed-rate.bench-latency.txt'), 'bench-latency', ctx.log);
  ph.phase.summary = { ...(benchRec ? benchLatencySummary(benchRec) : {}), ...(await pidstatOutputs(ctx, ph, 'fixed-rate', gatewayPid, pids.slice(1))) };
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

async function perfRecordPhase(ctx: RepContext, gatewayPid: number, scratch: string, load: (s: number) => string[], loadPid: (c: Child) => void): Promise<Phase> {
  const { sup, opts, pinning } = ctx;
  const ph = new PhaseRecorder(ctx, 'perf-record', false);
  const data = join(scratch, 'perf.data');
  const rec = ph.start('perf-record', perfRecordArgv(gatewayPid, data, opts.untimed_s, opts.perf_freq_hz, pinning), { stderr: ph.file('log', 'perf-record.perf-record.log') });
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
