/**
 * Synthetic runs for the statistics' calibration tests (A/A, known effect) and for `npm run bench:analysis`.
 * NOT measurements: values are drawn from a seeded generator around fixed levels, with a chosen relative
 * noise and optional multiplicative effects per variant. They exist only in memory or in a temp dir, never in
 * raw-results/. Two forms from the same draws: parsed records (RunInput, for tests) and raw text files in the
 * tools' formats with a manifest (for the bench, which times loading and parsing too).
 */
import { MANIFEST_SCHEMA_VERSION, type Manifest } from '../../ingest/manifest.ts';
import type { FileInput, RunInput } from '../../analysis/load/inputs.ts';
import { deriveSeed, mulberry32, type Rng } from '../../ingest/prng.ts';

/** Levels of the synthetic quantities (per repetition, before noise and effects). */
const LEVELS = {
  rps: 8000,
  p50: 1.2,
  p75: 1.8,
  p90: 2.6,
  p99: 5.0,
  max: 12,
  gw_usr: 12,
  gw_sys: 30,
  gw_cswch: 4000,
  gw_nvcswch: 300,
  gw_rss: 6000,
  wk_usr: 20,
  wk_sys: 25,
  wk_cswch: 8000,
  wk_nvcswch: 200,
  wk_rss: 3000,
  load_cpu: 60,
  task_clock_ratio: 0.98,
  syscalls_per_req: 12,
  fixed_cpu: 14,
  ol_p50: 0.4,
  ol_p90: 0.7,
  ol_p95: 0.9,
  ol_p99: 1.6,
  ol_p999: 3.0,
  ol_max: 6.0,
};
export type SyntheticQuantity = keyof typeof LEVELS;

export interface SyntheticSpec {
  id: string;
  created_at: string;
  seed: number;
  repetitions: number;
  /** relative standard deviation of every quantity between repetitions (default 0.02) */
  noise?: number;
  /** per variant, multipliers of quantities (e.g. { fdpass: { rps: 1.1 } }) */
  effects?: Record<string, Partial<Record<SyntheticQuantity, number>>>;
  variants?: { name: string; label: string }[];
  fingerprint?: string;
  /** the machine's name (default 'synthetic'): the history's timeline */
  machine?: string;
  duration_s?: number;
}

interface RepValues {
  variant: string;
  repetition: number;
  order: number;
  q: Record<SyntheticQuantity, number>;
}

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function draws(spec: SyntheticSpec): RepValues[] {
  const variants = spec.variants ?? [
    { name: 'proxy', label: 'v1.0' },
    { name: 'fdpass', label: 'v2.0' },
  ];
  const noise = spec.noise ?? 0.02;
  const out: RepValues[] = [];
  let order = 0;
  for (let k = 1; k <= spec.repetitions; k++) {
    for (const v of variants) {
      const rng = mulberry32(deriveSeed(spec.seed, spec.id, v.name, String(k)));
      const q = {} as Record<SyntheticQuantity, number>;
      for (const [name, level] of Object.entries(LEVELS) as [SyntheticQuantity, number][]) {
        const effect = spec.effects?.[v.name]?.[name] ?? 1;
        q[name] = Math.max(0, level * effect * (1 + noise * normal(rng)));
      }
      out.push({ variant: v.name, repetition: k, order: order++, q });
    }
  }
  return out;
}

const GATEWAY_PID = 1000;
const WORKER_PID = 1001;
const LOAD_PID = 1002;

function manifestOf(spec: SyntheticSpec, reps: RepValues[]): Manifest {
  const variants = spec.variants ?? [
    { name: 'proxy', label: 'v1.0' },
    { name: 'fdpass', label: 'v2.0' },
  ];
  const d = spec.duration_s ?? 10;
  const t0 = Date.parse(spec.created_at);
  const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
  return {
    schema_version: MANIFEST_SCHEMA_VERSION,
    kind: 'compare',
    sweep: null,
    id: spec.id,
    label: 'synthetic',
    status: 'complete',
    created_at: spec.created_at,
    finished_at: iso(reps.length * 4 * d),
    machine: { name: spec.machine ?? 'synthetic', hostname: 'synthetic', kernel: 'none', cpu_model: 'synthetic', cpu_count: 2, mem_kb: 1 << 20, fingerprint: spec.fingerprint ?? 'synthetic' },
    tools: {},
    git: { commit: null, dirty: null },
    config: {
      variants: variants.map((v) => ({ name: v.name, label: v.label })),
      baseline: variants[0].name,
      candidate: variants[variants.length - 1].name,
      repetitions: spec.repetitions,
      duration_s: d,
      warmup_s: 1,
      connections: 100,
      threads: 2,
      rate_rps: 2500,
      function: 'hello',
      seed: spec.seed,
      order: 'abab',
      aa: false,
      pinning: { sut_cpus: '0', load_cpus: '1' },
    },
    repetitions: reps.map((r) => {
      const base = r.order * 4 * d;
      const dir = `${r.variant}/rep-${r.repetition}`;
      const phase = (name: string, timed: boolean, i: number, files: [string, string][]) => ({
        name,
        timed,
        started_at: iso(base + i * d),
        finished_at: iso(base + (i + 1) * d - 0.5),
        commands: [],
        files: files.map(([role, f]) => ({ role: role as Manifest['repetitions'][number]['phases'][number]['files'][number]['role'], path: `${dir}/${f}` })),
      });
      return {
        variant: r.variant,
        repetition: r.repetition,
        order: r.order,
        status: 'complete' as const,
        error: null,
        started_at: iso(base),
        finished_at: iso(base + 4 * d),
        pids: { gateway: GATEWAY_PID, workers: [WORKER_PID], load: [LOAD_PID] },
        phases: [
          phase('throughput', true, 0, [
            ['wrk', 'throughput.wrk.txt'],
            ['pidstat', 'throughput.pidstat.txt'],
            ['perf-stat', 'throughput.perf-stat.txt'],
          ]),
          phase('fixed-rate', true, 1, [
            ['bench-latency', 'fixed-rate.bench-latency.txt'],
            ['pidstat', 'fixed-rate.pidstat.txt'],
          ]),
          phase('strace', false, 2, [
            ['strace', 'strace.strace.txt'],
            ['wrk', 'strace.wrk.txt'],
          ]),
        ],
      };
    }),
    skipped: [],
  };
}

interface ProcRow {
  pid: number;
  command: string;
  usr: number;
  sys: number;
  rss: number;
  cswch: number;
  nvcswch: number;
}

function procRows(q: Record<SyntheticQuantity, number>, fixed: boolean): ProcRow[] {
  // at the fixed rate the gateway uses `fixed_cpu`; the workers scale with the same load, independently of gateway effects
  const scale = fixed ? q.fixed_cpu / (q.gw_usr + q.gw_sys) : 1;
  const wscale = fixed ? q.fixed_cpu / (LEVELS.gw_usr + LEVELS.gw_sys) : 1;
  return [
    { pid: GATEWAY_PID, command: 'gateway', usr: q.gw_usr * scale, sys: q.gw_sys * scale, rss: Math.round(q.gw_rss), cswch: q.gw_cswch * scale, nvcswch: q.gw_nvcswch * scale },
    { pid: WORKER_PID, command: 'worker', usr: q.wk_usr * wscale, sys: q.wk_sys * wscale, rss: Math.round(q.wk_rss), cswch: q.wk_cswch * wscale, nvcswch: q.wk_nvcswch * wscale },
    ...(fixed ? [] : [{ pid: LOAD_PID, command: 'wrk', usr: q.load_cpu * 0.2, sys: q.load_cpu * 0.8, rss: 5000, cswch: 1, nvcswch: 0 }]),
  ];
}

function records(r: RepValues, d: number): Map<string, unknown> {
  const q = r.q;
  const requests = Math.round(q.rps * d);
  const dir = `${r.variant}/rep-${r.repetition}`;
  const wrk = (n: number) => ({
    format: 'wrk',
    requests: n,
    requests_per_s: n / d,
    duration_s: d,
    latency_ms: { avg: q.p50 * 1.1, max: q.max, p50: q.p50, p75: q.p75, p90: q.p90, p99: q.p99 },
    errors: { connect: 0, read: 0, write: 0, timeout: 0, non_2xx_3xx: 0 },
  });
  const pidstat = (fixed: boolean) => ({
    format: 'pidstat',
    samples: [0, 1, 2].flatMap((t) =>
      procRows(q, fixed).map((p) => ({ pid: p.pid, command: p.command, elapsed_s: t, usr_pct: p.usr, system_pct: p.sys, cpu_pct: p.usr + p.sys, rss_kb: p.rss, cswch_per_s: p.cswch, nvcswch_per_s: p.nvcswch })),
    ),
  });
  const gwCpu = (q.gw_usr + q.gw_sys) / 100;
  return new Map<string, unknown>([
    [`${dir}/throughput.wrk.txt`, wrk(requests)],
    [`${dir}/throughput.pidstat.txt`, pidstat(false)],
    [`${dir}/throughput.perf-stat.txt`, { format: 'perf-stat', events: [{ event: 'task-clock', value: gwCpu * d * 1000 * q.task_clock_ratio, unit: 'msec' }], elapsed_s: d }],
    [
      `${dir}/fixed-rate.bench-latency.txt`,
      {
        format: 'bench-latency',
        requests: 2500 * d,
        duration_s: d,
        rate_achieved_per_s: 2500,
        errors: { total: 0 },
        latency_us: { p50: q.ol_p50 * 1000, p90: q.ol_p90 * 1000, p95: q.ol_p95 * 1000, p99: q.ol_p99 * 1000, p99_9: q.ol_p999 * 1000, max: q.ol_max * 1000 },
      },
    ],
    [`${dir}/fixed-rate.pidstat.txt`, pidstat(true)],
    [`${dir}/strace.strace.txt`, { format: 'strace-c', syscalls: [{ name: 'read', calls: Math.round(q.syscalls_per_req * 2000 * 0.5) }, { name: 'write', calls: Math.round(q.syscalls_per_req * 2000 * 0.5) }], total: { calls: Math.round(q.syscalls_per_req * 2000) } }],
    [`${dir}/strace.wrk.txt`, wrk(2000)],
  ]);
}

/**
 * A synthetic run as parsed records (no files).
 *
 * @example
 * syntheticRun({ id: 'aa-1', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: 5 }) // RunInput with no effect
 */
export function syntheticRun(spec: SyntheticSpec): RunInput {
  const reps = draws(spec);
  const files = new Map<string, FileInput>();
  for (const r of reps) for (const [path, rec] of records(r, spec.duration_s ?? 10)) files.set(path, { record: rec as FileInput['record'] & object });
  return { id: spec.id, manifest: manifestOf(spec, reps), error: null, files };
}

const f2 = (x: number) => x.toFixed(2);

function wrkText(url: string, requests: number, d: number, lat: Record<string, number>): string {
  const ms = (x: number) => `${f2(x)}ms`;
  return [
    `Running ${d}s test @ ${url}`,
    '  2 threads and 100 connections',
    '  Thread Stats   Avg      Stdev     Max   +/- Stdev',
    `    Latency   ${ms(lat.p50 * 1.1).padStart(8)}  ${ms(lat.p50 * 0.5).padStart(8)}  ${ms(lat.max).padStart(8)}   80.00%`,
    `    Req/Sec     ${((requests / d / 2000) | 0) + 0.5}k     0.20k    5.00k    70.00%`,
    '  Latency Distribution',
    `     50%  ${ms(lat.p50).padStart(8)}`,
    `     75%  ${ms(lat.p75).padStart(8)}`,
    `     90%  ${ms(lat.p90).padStart(8)}`,
    `     99%  ${ms(lat.p99).padStart(8)}`,
    `  ${requests} requests in ${f2(d)}s, ${f2(requests / 7000)}MB read`,
    `Requests/sec: ${f2(requests / d).padStart(10)}`,
    'Transfer/sec:      1.16MB',
    '',
  ].join('\n');
}

function pidstatText(rows: ProcRow[], start: Date): string {
  const head = '# Time        UID       PID    %usr %system  %guest   %wait    %CPU   CPU  minflt/s  majflt/s     VSZ     RSS   %MEM   cswch/s nvcswch/s  Command';
  const out = [`Linux 6.1.0-synthetic (synthetic) \t${String(start.getUTCMonth() + 1).padStart(2, '0')}/${String(start.getUTCDate()).padStart(2, '0')}/${String(start.getUTCFullYear() % 100).padStart(2, '0')} \t_x86_64_\t(2 CPU)`, ''];
  for (let t = 0; t < 3; t++) {
    const d = new Date(start.getTime() + t * 1000);
    const hh = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((x) => String(x).padStart(2, '0')).join(':');
    out.push(head);
    for (const p of rows) {
      out.push(
        `${hh}        0 ${String(p.pid).padStart(9)} ${f2(p.usr).padStart(7)} ${f2(p.sys).padStart(7)}    0.00    0.00 ${f2(p.usr + p.sys).padStart(7)}     0      0.00      0.00   10836 ${String(p.rss).padStart(7)}   0.03 ${f2(p.cswch).padStart(9)} ${f2(p.nvcswch).padStart(9)}  ${p.command}`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

/**
 * The same synthetic run as raw text files in the tools' formats plus its manifest (paths relative to the
 * run directory), for the bench to write into a temp dir and load through the real parsers.
 *
 * @example
 * const { manifest, files } = syntheticRunFiles(spec); // files.get('proxy/rep-1/throughput.wrk.txt') is wrk text
 */
export function syntheticRunFiles(spec: SyntheticSpec): { manifest: Manifest; files: Map<string, string> } {
  const reps = draws(spec);
  const manifest = manifestOf(spec, reps);
  const d = spec.duration_s ?? 10;
  const files = new Map<string, string>();
  for (const r of reps) {
    const q = r.q;
    const dir = `${r.variant}/rep-${r.repetition}`;
    const m = manifest.repetitions.find((x) => x.variant === r.variant && x.repetition === r.repetition)!;
    const lat = { p50: q.p50, p75: q.p75, p90: q.p90, p99: q.p99, max: q.max };
    files.set(`${dir}/throughput.wrk.txt`, wrkText('http://127.0.0.1:8080/api/hello', Math.round(q.rps * d), d, lat));
    files.set(`${dir}/throughput.pidstat.txt`, pidstatText(procRows(q, false), new Date(m.phases[0].started_at)));
    const gwCpu = (q.gw_usr + q.gw_sys) / 100;
    files.set(
      `${dir}/throughput.perf-stat.txt`,
      `\n Performance counter stats for process id '${GATEWAY_PID}':\n\n${f2(gwCpu * d * 1000 * q.task_clock_ratio).padStart(18)} msec task-clock                       #    0.400 CPUs utilized\n${String(Math.round(q.gw_cswch * d)).padStart(18)}      context-switches                 #   20.000 K/sec\n\n${(d + 0.002).toFixed(9).padStart(20)} seconds time elapsed\n\n`,
    );
    const us = (x: number) => Math.round(x * 1000);
    files.set(
      `${dir}/fixed-rate.bench-latency.txt`,
      [
        'bench-latency 1',
        `duration_s: ${d.toFixed(3)}`,
        'rate_target_per_s: 2500.00',
        'url: http://127.0.0.1:8080/api/hello',
        'method: GET',
        'body_bytes: 0',
        'keepalive: 1',
        'threads: 1',
        'connections: 20',
        'timeout_ms: 2000',
        `requests: ${2500 * d}`,
        ...['connect', 'read', 'write', 'timeout', 'status', 'parse', 'total'].map((k) => `errors_${k}: 0`),
        `response_bytes: ${2500 * d * 153}`,
        `latency_samples: ${2500 * d}`,
        `latency_mean_us: ${(us(q.ol_p50) * 1.2).toFixed(1)}`,
        `latency_p50_us: ${us(q.ol_p50)}`,
        `latency_p90_us: ${Math.max(us(q.ol_p90), us(q.ol_p50))}`,
        `latency_p95_us: ${Math.max(us(q.ol_p95), us(q.ol_p90), us(q.ol_p50))}`,
        `latency_p99_us: ${Math.max(us(q.ol_p99), us(q.ol_p95), us(q.ol_p90), us(q.ol_p50))}`,
        `latency_p99_9_us: ${Math.max(us(q.ol_p999), us(q.ol_p99), us(q.ol_p95), us(q.ol_p90), us(q.ol_p50))}`,
        `latency_max_us: ${Math.max(us(q.ol_max), us(q.ol_p999), us(q.ol_p99), us(q.ol_p95), us(q.ol_p90), us(q.ol_p50))}`,
        'latencies_file: (none)',
        `requests_sent: ${2500 * d}`,
        'requests_unsent: 0',
        'rate_achieved_per_s: 2500.00',
        '',
      ].join('\n'),
    );
    files.set(`${dir}/fixed-rate.pidstat.txt`, pidstatText(procRows(q, true), new Date(m.phases[1].started_at)));
    const total = Math.round(q.syscalls_per_req * 2000);
    const half = Math.round(total / 2);
    files.set(
      `${dir}/strace.strace.txt`,
      [
        '% time     seconds  usecs/call     calls    errors syscall',
        '------ ----------- ----------- --------- --------- ----------------',
        ` 50.00    0.010000           1 ${String(half).padStart(9)}           read`,
        ` 50.00    0.010000           1 ${String(total - half).padStart(9)}           write`,
        '------ ----------- ----------- --------- --------- ----------------',
        `100.00    0.020000           1 ${String(total).padStart(9)}           total`,
        '',
      ].join('\n'),
    );
    files.set(`${dir}/strace.wrk.txt`, wrkText('http://127.0.0.1:8080/api/hello', 2000, d, lat));
  }
  return { manifest, files };
}
