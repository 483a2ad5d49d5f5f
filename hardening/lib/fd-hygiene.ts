/**
 * The descriptor-hygiene check: start a gateway, count the descriptors of the gateway and of every
 * worker, drive `requests` checked requests and `disconnects` abrupt disconnects at the same time, then
 * poll (bounded) until the counts are back to the starting ones, and report any difference. A gateway
 * that leaks one descriptor per request or per dropped client fails it by thousands.
 */
import { startGateway, type GatewayMode } from './gateway-process.ts';
import { isAlive } from '../../ingest/collect/processes.ts';
import { waitFor } from './wait-for.ts';
import { abruptDisconnects, type DisconnectResult } from './abrupt-disconnects.ts';
import { fdDifferences, fdSnapshot, type FdSnapshot } from './fd-snapshot.ts';
import { runLoad, type LoadResult } from './load-mix.ts';
import { traceWorkers, type WorkerTraceCounts } from './worker-trace.ts';

export interface FdHygieneOptions {
  mode: GatewayMode;
  requests: number;
  disconnects: number;
  workers?: number;
  binary?: string;
  connections?: number;
  /** how long the counts may take to settle after the load (default 30 s: lingering closes take 2 s) */
  settleMs?: number;
  /** strace the workers during the run (evidence of clients vanishing while a worker held their fd) */
  traceWorkers?: boolean;
  onProgress?: (what: string) => void;
}

export interface FdHygieneResult {
  mode: GatewayMode;
  before: FdSnapshot;
  after: FdSnapshot;
  /** empty when every process has as many descriptors as before */
  differences: string[];
  load: LoadResult;
  disconnects: DisconnectResult;
  /** gateway exit after SIGTERM */
  exit: { code: number | null; signal: string | null };
  /** worker pids still alive after the gateway exited */
  orphans: number[];
  /** with traceWorkers: what the workers' sendmsg/recvmsg saw */
  workerTrace: WorkerTraceCounts | null;
  stderr: string;
}

/**
 * Runs the check in one mode.
 * @example const r = await fdHygiene({ mode: 'fdpass', requests: 5000, disconnects: 500 }); r.differences // []
 */
export async function fdHygiene(opts: FdHygieneOptions): Promise<FdHygieneResult> {
  const workers = opts.workers ?? 2;
  const gw = await startGateway({ mode: opts.mode, workers, binary: opts.binary });
  let gone = false;
  void gw.exited.then(() => (gone = true));
  try {
    const before = await waitFor(() => {
      const s = fdSnapshot(gw.pid);
      return s.workers.length === workers ? s : undefined;
    }, `${workers} workers of gateway ${gw.pid}`);
    const log = opts.onProgress ?? (() => undefined);
    const trace = opts.traceWorkers ? await traceWorkers(before.workers.map((w) => w.pid)) : null;
    const [load, disconnects] = await Promise.all([
      runLoad({
        port: gw.port,
        requests: opts.requests,
        connections: opts.connections ?? 8,
        stop: () => gone,
        onProgress: (n) => (n % 10000 === 0 ? log(`${opts.mode}: ${n} requests answered`) : undefined),
      }),
      abruptDisconnects(gw.port, opts.disconnects),
    ]);
    const workerTrace = trace ? await trace.stop() : null;
    if (gone) {
      const r = await gw.exited;
      throw new Error(`gateway (${opts.mode}) exited during the load (code ${r.code}, signal ${r.signal}):\n${gw.stderr().slice(-3000)}`);
    }
    log(`${opts.mode}: load done; waiting for descriptor counts to settle`);
    let after: FdSnapshot = fdSnapshot(gw.pid);
    let differences = fdDifferences(before, after);
    const settleMs = opts.settleMs ?? 30000;
    try {
      await waitFor(
        () => {
          after = fdSnapshot(gw.pid);
          differences = fdDifferences(before, after);
          return differences.length === 0;
        },
        'descriptor counts back to the starting ones',
        { attempts: Math.ceil(settleMs / 100), intervalMs: 100 },
      );
    } catch {
      // differences holds what is still off; reported below
    }
    const pids = after.workers.map((w) => w.pid);
    const exit = await gw.stop('SIGTERM', 20000);
    const orphans = pids.filter(isAlive);
    return { mode: opts.mode, before, after, differences, load, disconnects, exit, orphans, workerTrace, stderr: gw.stderr() };
  } finally {
    await gw.stop('SIGKILL');
  }
}
