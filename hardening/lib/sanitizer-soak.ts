/**
 * The sanitizer soak: run the ASan + UBSan build of the gateway (native/build-asan/gateway, from
 * `make -C native asan`) under the checked request mix plus abrupt disconnects, stop it with SIGTERM so
 * LeakSanitizer runs at exit in the gateway and in every worker, and collect every sanitizer report the
 * processes wrote to stderr (workers inherit the gateway's stderr).
 */
import path from 'node:path';
import { NATIVE_DIR, startGateway, type GatewayMode } from './gateway-process.ts';
import { isAlive } from '../../ingest/collect/processes.ts';
import { workerPids } from './proc-status.ts';
import { abruptDisconnects, type DisconnectResult } from './abrupt-disconnects.ts';
import { replayCorpus, type CorpusResult } from './corpus-requests.ts';
import { runLoad, type LoadResult } from './load-mix.ts';
import { sanitizerReports } from './sanitizer-reports.ts';

export const ASAN_GATEWAY = path.join(NATIVE_DIR, 'build-asan', 'gateway');

/** Sanitizer settings for the soak: leaks checked at exit, reports kept going (counted, not fatal). */
export const SANITIZER_ENV = {
  ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=0:abort_on_error=0:detect_stack_use_after_return=1',
  UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=0',
  LSAN_OPTIONS: 'report_objects=1',
};

export interface SoakOptions {
  mode: GatewayMode;
  requests: number;
  /** abrupt disconnects interleaved with the load (default requests / 100) */
  disconnects?: number;
  workers?: number;
  connections?: number;
  binary?: string;
  /** fuzz corpus inputs sent through the gateway after the load (default 2000) */
  corpusInputs?: number;
  onProgress?: (answered: number) => void;
}

export interface SoakResult {
  mode: GatewayMode;
  load: LoadResult;
  disconnects: DisconnectResult;
  corpus: CorpusResult;
  /** sanitizer report lines from the gateway and its workers */
  reports: string[];
  exit: { code: number | null; signal: string | null };
  /** worker pids still alive after the gateway exited */
  orphans: number[];
  stderr: string;
}

/**
 * One soak in one mode. Sets the sanitizer options in this process's environment (the gateway inherits
 * them).
 * @example const r = await sanitizerSoak({ mode: 'proxy', requests: 20000 }); r.reports // []
 */
export async function sanitizerSoak(opts: SoakOptions): Promise<SoakResult> {
  Object.assign(process.env, SANITIZER_ENV);
  const gw = await startGateway({
    mode: opts.mode,
    workers: opts.workers ?? 2,
    binary: opts.binary ?? ASAN_GATEWAY,
    readyTimeoutMs: 60000,
  });
  let gone = false;
  void gw.exited.then(() => (gone = true));
  try {
    const [load, disconnects] = await Promise.all([
      runLoad({
        port: gw.port,
        requests: opts.requests,
        connections: opts.connections ?? 8,
        stop: () => gone,
        onProgress: opts.onProgress,
      }),
      abruptDisconnects(gw.port, opts.disconnects ?? Math.floor(opts.requests / 100)),
    ]);
    const corpus = await replayCorpus(gw.port, opts.corpusInputs ?? 2000);
    const pids = workerPids(gw.pid);
    const exit = await gw.stop('SIGTERM', 60000);
    const stderr = gw.stderr();
    return { mode: opts.mode, load, disconnects, corpus, reports: sanitizerReports(stderr), exit, orphans: pids.filter(isAlive), stderr };
  } finally {
    await gw.stop('SIGKILL');
  }
}
