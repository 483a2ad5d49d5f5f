/**
 * Worker thread of the chart render pool: renders specs with its own ChartRenderer (same disk cache).
 * Messages in: { id, spec, label }; out: { id, svg } or { id, error }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ChartRenderer } from './render.ts';

const renderer = new ChartRenderer((workerData as { cacheDir: string | null }).cacheDir);
parentPort!.on('message', async (msg: { id: number; spec: never; label: string }) => {
  try {
    const t0 = performance.now();
    const svg = await renderer.render(msg.spec, msg.label);
    if (process.env.GB_DEBUG_CHARTS) console.error(`chart ${(performance.now() - t0).toFixed(0)} ms ${msg.label}`);
    parentPort!.postMessage({ id: msg.id, svg });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: (e as Error).message });
  }
});
