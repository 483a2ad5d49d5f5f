/**
 * Charts rendered on every core: a pool of worker threads (render-worker.ts), each with its own parsed-spec
 * reuse, sharing the disk cache. Cache hits are answered on the calling thread without a round trip, and the
 * first few misses are drawn on the calling thread too: starting a worker (tsx, vega, vega-lite) costs more
 * than the handful of charts an incremental build redraws. Workers start only when more work comes.
 */
import { Worker } from 'node:worker_threads';
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { ChartRenderer, specHash, staticSpec, type RenderStats } from './render.ts';

/** Misses drawn on the calling thread before the workers are started. */
const LOCAL_FIRST = 40;

interface Pending {
  resolve: (svg: string) => void;
  reject: (e: Error) => void;
}

/**
 * A pool of chart renderers.
 *
 * @example
 * const pool = new RenderPool('.cache/site/charts'); const svg = await pool.render(spec, 'title'); await pool.close();
 */
export class RenderPool {
  readonly stats: RenderStats = { rendered: 0, cached: 0 };
  private workers: Worker[] = [];
  private load: number[] = [];
  private pending = new Map<number, Pending>();
  private next = 0;
  private local: ChartRenderer | null = null;
  private localQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly cacheDir: string | null,
    private readonly size = Math.max(1, cpus().length),
  ) {}

  private start(): void {
    const cacheDir = this.cacheDir;
    for (let i = 0; i < this.size; i++) {
      // run from the sources (tests, with tsx) the worker is TypeScript: register tsx in the thread first;
      // compiled (dist/, scripts/run.mjs) it is the JavaScript beside this file
      const compiled = import.meta.url.endsWith('.js');
      const entry = new URL(compiled ? './render-worker.js' : './render-worker.ts', import.meta.url).href;
      const boot = compiled ? `import(${JSON.stringify(entry)})` : `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
      const w = new Worker(boot, { eval: true, workerData: { cacheDir } });
      const index = i;
      w.on('message', (m: { id: number; svg?: string; error?: string }) => {
        this.load[index]--;
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (!p) return;
        if (m.error !== undefined) p.reject(new Error(`chart rendering failed: ${m.error}`));
        else p.resolve(m.svg!);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
      this.load.push(0);
    }
  }

  /** The SVG of a spec: from the disk cache when present, else from the least busy worker. */
  render(spec: TopLevelSpec, label: string): Promise<string> {
    if (this.cacheDir) {
      try {
        const svg = readFileSync(join(this.cacheDir, `${specHash(staticSpec(spec))}.svg`), 'utf8');
        this.stats.cached++;
        return Promise.resolve(svg);
      } catch {
        // not cached
      }
    }
    this.stats.rendered++;
    if (this.stats.rendered <= LOCAL_FIRST) {
      this.local ??= new ChartRenderer(this.cacheDir);
      const local = this.local;
      const job = this.localQueue.then(() => local.render(spec, label));
      this.localQueue = job.catch(() => undefined);
      return job;
    }
    if (this.workers.length === 0) this.start();
    const id = this.next++;
    let w = 0;
    for (let i = 1; i < this.load.length; i++) if (this.load[i] < this.load[w]) w = i;
    this.load[w]++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[w].postMessage({ id, spec, label });
    });
  }

  /** Stop the workers. */
  async close(): Promise<void> {
    await this.localQueue;
    this.local?.close();
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
