/**
 * Test helper: a synthetic sweep run as parsed records (NOT a measurement; generated here, never written to
 * raw-results/). Both variants use one CPU fully (gateway + worker = 100%), so CPU per request is 1e6 / req/s
 * and its paired change is fixed by the throughputs chosen per size. The machine's speed moves from block to
 * block (both variants alike), and the candidate's block ratios carry a symmetric jitter (-2%..+2% in log),
 * so each size's paired estimate is exactly the chosen ratio and its interval is not empty.
 */
import { sizeId } from '../../ingest/byte-size.ts';
import { MANIFEST_SCHEMA_VERSION, type Manifest, type Repetition } from '../../ingest/manifest.ts';
import { embeddedSweepPoints } from '../../ingest/collect/sweep-points.ts';
import type { FileInput, RunInput } from '../../analysis/load/inputs.ts';

/** Per size: the baseline's req/s and the candidate's total CPU per request relative to the baseline's. */
export const SWEEP_LEVELS: { size_bytes: number; baseline_rps: number; cpu_ratio: number }[] = [
  { size_bytes: 1024, baseline_rps: 20000, cpu_ratio: 1.2 },
  { size_bytes: 4096, baseline_rps: 16000, cpu_ratio: 1.05 },
  { size_bytes: 16384, baseline_rps: 9000, cpu_ratio: 0.85 },
  { size_bytes: 65536, baseline_rps: 3000, cpu_ratio: 0.6 },
];

/** The machine's speed in each block, and the candidate's log jitter in each block (symmetric around 0). */
const SPEED = [1, 0.9, 1.1, 0.95, 1.05, 1];
const JITTER = [-0.02, -0.01, 0, 0, 0.01, 0.02];

/**
 * @example
 * syntheticSweep({ id: 'sweep-1', created_at: '2026-12-01T00:00:00Z' }).manifest?.sweep?.points.length // 4
 */
export function syntheticSweep(o: { id: string; created_at: string; machine?: string; fingerprint?: string; levels?: typeof SWEEP_LEVELS }): RunInput {
  const levels = o.levels ?? SWEEP_LEVELS;
  const d = 4;
  const points = embeddedSweepPoints(levels.map((l) => l.size_bytes), { rate_rps: 2500, rate_bytes_per_s: 32 * 1048576 });
  const files = new Map<string, FileInput>();
  const repetitions: Repetition[] = [];
  const t0 = Date.parse(o.created_at);
  const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
  let order = 0;
  SPEED.forEach((speed, k) => {
    for (const l of levels) {
      for (const variant of ['proxy', 'fdpass']) {
        const candidate = variant === 'fdpass';
        const rps = l.baseline_rps * speed * (candidate ? Math.exp(-JITTER[k]) / l.cpu_ratio : 1);
        const gatewayPct = candidate ? 20 : 60;
        const rss = candidate ? 3000 : 3000 + Math.round(l.size_bytes / 10);
        const dir = `${variant}/${sizeId(l.size_bytes)}/rep-${k + 1}`;
        files.set(`${dir}/throughput.wrk.txt`, {
          record: { format: 'wrk', requests: Math.round(rps * d), requests_per_s: rps, duration_s: d, latency_ms: { p50: 1, p99: (candidate ? 4 : 5) * (l.size_bytes / 1024) ** 0.5 }, errors: { connect: 0, read: 0, write: 0, timeout: 0, non_2xx_3xx: 0 } },
        });
        const sample = (pid: number, cpu: number, rssKb: number, t: number) => ({ pid, command: pid === 100 ? 'gateway' : 'worker', elapsed_s: t, usr_pct: cpu / 2, system_pct: cpu / 2, cpu_pct: cpu, rss_kb: rssKb, cswch_per_s: 1000, nvcswch_per_s: 10 });
        files.set(`${dir}/throughput.pidstat.txt`, { record: { format: 'pidstat', samples: [0, 1, 2, 3].flatMap((t) => [sample(100, gatewayPct, rss, t), sample(101, 100 - gatewayPct, 2000, t)]) } });
        const start = order * 10;
        repetitions.push({
          variant,
          repetition: k + 1,
          order: order++,
          point: sizeId(l.size_bytes),
          status: 'complete',
          error: null,
          started_at: iso(start),
          finished_at: iso(start + 8),
          pids: { gateway: 100, workers: [101], load: [102] },
          phases: [
            {
              name: 'throughput',
              timed: true,
              started_at: iso(start + 1),
              finished_at: iso(start + 6),
              commands: [],
              files: [
                { role: 'wrk', path: `${dir}/throughput.wrk.txt` },
                { role: 'pidstat', path: `${dir}/throughput.pidstat.txt` },
              ],
            },
          ],
        });
      }
    }
  });
  const manifest: Manifest = {
    schema_version: MANIFEST_SCHEMA_VERSION,
    kind: 'sweep',
    sweep: { points },
    id: o.id,
    label: 'sweep-v1.0-vs-v2.0',
    status: 'complete',
    created_at: o.created_at,
    finished_at: iso(order * 10),
    machine: { name: o.machine ?? 'synthetic', hostname: 'synthetic', kernel: 'none', cpu_model: 'synthetic', cpu_count: 2, mem_kb: 1 << 20, fingerprint: o.fingerprint ?? 'synthetic' },
    tools: {},
    git: { commit: null, dirty: null },
    config: {
      variants: [
        { name: 'proxy', label: 'v1.0', source: 'proxy' },
        { name: 'fdpass', label: 'v2.0', source: 'fdpass' },
      ],
      baseline: 'proxy',
      candidate: 'fdpass',
      repetitions: SPEED.length,
      duration_s: d,
      warmup_s: 1,
      connections: 100,
      threads: 2,
      rate_rps: 2500,
      function: 'payload',
      seed: 1,
      order: 'random',
      aa: false,
      pinning: { sut_cpus: '0', load_cpus: '1' },
    },
    repetitions,
    skipped: [],
  };
  return { id: o.id, manifest, error: null, files };
}
