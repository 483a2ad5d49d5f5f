/**
 * The figures of `npm run bench:native`, from its measured runs to the printed table: medians over the
 * rounds, ratios to the two nginx references, the issue's goals as PASS/FAIL, and the payload sweep. Pure.
 */

/** One wrk run against one server, with the server's CPU and memory over the same window. */
export interface NativeRun {
  server: string;
  round: number;
  requests: number;
  requests_per_s: number;
  latency_p99_ms: number | null;
  /** wrk socket errors + non-2xx responses */
  errors: number;
  /** CPU of the process clients connect to (nginx front master+workers, or the gateway process alone), per request */
  front_cpu_us_per_req: number | null;
  /** CPU of everything else of the server (the gateway's workers, the backend nginx), per request */
  rest_cpu_us_per_req: number | null;
  /** CPU of all the server's processes over the run, in % of one core (100 = the pinned CPU saturated) */
  server_cpu_pct: number | null;
  /** peak VmRSS of the front process itself (the gateway, or nginx's master) during the run */
  front_rss_peak_kb: number | null;
  /** peak VmRSS summed over all the server's processes */
  total_rss_peak_kb: number | null;
}

export interface ServerSummary {
  server: string;
  rounds: number;
  requests_per_s: number;
  /** smallest and largest req/s over the rounds, to show the spread of a noisy machine */
  requests_per_s_min: number;
  requests_per_s_max: number;
  latency_p99_ms: number | null;
  errors: number;
  front_cpu_us_per_req: number | null;
  rest_cpu_us_per_req: number | null;
  server_cpu_pct: number | null;
  front_rss_peak_kb: number | null;
  total_rss_peak_kb: number | null;
}

/**
 * Median of the values (mean of the middle two for an even count); null for none.
 *
 * @example
 * median([3, 1, 2]) // 2
 * median([4, 1, 3, 2]) // 2.5
 */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function medianOf(runs: NativeRun[], pick: (r: NativeRun) => number | null): number | null {
  return median(runs.map(pick).filter((v): v is number => v !== null));
}

/**
 * One line per server: medians over its rounds (RSS: the largest peak seen).
 *
 * @example
 * summarize([{ server: 'a', round: 1, requests_per_s: 100, ... }, { server: 'a', round: 2, requests_per_s: 120, ... }])
 * // -> [{ server: 'a', rounds: 2, requests_per_s: 110, requests_per_s_min: 100, requests_per_s_max: 120, ... }]
 */
export function summarize(runs: NativeRun[]): ServerSummary[] {
  const servers = [...new Set(runs.map((r) => r.server))];
  return servers.map((server) => {
    const mine = runs.filter((r) => r.server === server);
    const rps = mine.map((r) => r.requests_per_s);
    const maxOf = (pick: (r: NativeRun) => number | null) => {
      const v = mine.map(pick).filter((x): x is number => x !== null);
      return v.length ? Math.max(...v) : null;
    };
    return {
      server,
      rounds: mine.length,
      requests_per_s: median(rps) ?? 0,
      requests_per_s_min: Math.min(...rps),
      requests_per_s_max: Math.max(...rps),
      latency_p99_ms: medianOf(mine, (r) => r.latency_p99_ms),
      errors: mine.reduce((s, r) => s + r.errors, 0),
      front_cpu_us_per_req: medianOf(mine, (r) => r.front_cpu_us_per_req),
      rest_cpu_us_per_req: medianOf(mine, (r) => r.rest_cpu_us_per_req),
      server_cpu_pct: medianOf(mine, (r) => r.server_cpu_pct),
      front_rss_peak_kb: maxOf((r) => r.front_rss_peak_kb),
      total_rss_peak_kb: maxOf((r) => r.total_rss_peak_kb),
    };
  });
}

export interface Goal {
  name: string;
  /** the measured value and the bound, as printed */
  measured: string;
  pass: boolean | null;
}

/** The issue's speed goals, from the summaries of a (nginx return 200), b (nginx proxy), proxy and fdpass. */
export interface GoalInputs {
  a: ServerSummary;
  b: ServerSummary;
  proxy: ServerSummary;
  fdpass: ServerSummary;
}

/**
 * Check the goals of issue 3: fdpass >= 0.5x (a); proxy >= 1.0x (b); gateway RSS < 10 MB; fdpass gateway
 * CPU per request <= 0.6x proxy's. A goal whose input was not measured is neither pass nor fail (null).
 *
 * @example
 * checkGoals({ a, b, proxy, fdpass })[0] // -> { name: 'fdpass >= 0.5x nginx return 200 (a)', measured: '0.62x', pass: true }
 */
export function checkGoals(g: GoalInputs): Goal[] {
  const ratio = (x: number, y: number) => (y > 0 ? x / y : null);
  const rFa = ratio(g.fdpass.requests_per_s, g.a.requests_per_s);
  const rPb = ratio(g.proxy.requests_per_s, g.b.requests_per_s);
  const rss = Math.max(g.proxy.front_rss_peak_kb ?? -1, g.fdpass.front_rss_peak_kb ?? -1);
  const cpu =
    g.fdpass.front_cpu_us_per_req !== null && g.proxy.front_cpu_us_per_req !== null && g.proxy.front_cpu_us_per_req > 0
      ? g.fdpass.front_cpu_us_per_req / g.proxy.front_cpu_us_per_req
      : null;
  const capRatio = (x: ServerSummary, y: ServerSummary) => {
    const cx = cpuCapacity(x);
    const cy = cpuCapacity(y);
    return cx === null || cy === null ? null : cx / cy;
  };
  const cFa = capRatio(g.fdpass, g.a);
  const cPb = capRatio(g.proxy, g.b);
  return [
    { name: 'fdpass req/s >= 0.5x nginx return 200 (a)', measured: rFa === null ? 'n/a' : `${rFa.toFixed(2)}x`, pass: rFa === null ? null : rFa >= 0.5 },
    { name: 'proxy req/s >= 1.0x nginx proxy chain (b)', measured: rPb === null ? 'n/a' : `${rPb.toFixed(2)}x`, pass: rPb === null ? null : rPb >= 1.0 },
    {
      name: 'same, by CPU-implied capacity (1e6 / all CPU us per request)',
      measured: cFa === null ? 'n/a' : `${cFa.toFixed(2)}x`,
      pass: cFa === null ? null : cFa >= 0.5,
    },
    {
      name: 'proxy >= 1.0x (b), by CPU-implied capacity',
      measured: cPb === null ? 'n/a' : `${cPb.toFixed(2)}x`,
      pass: cPb === null ? null : cPb >= 1.0,
    },
    {
      name: 'gateway process RSS < 10 MB (peak under load, both modes)',
      measured: rss < 0 ? 'n/a' : `${(rss / 1024).toFixed(1)} MB`,
      pass: rss < 0 ? null : rss < 10 * 1024,
    },
    {
      name: 'fdpass gateway CPU/request <= 0.6x proxy gateway CPU/request',
      measured: cpu === null ? 'n/a' : `${cpu.toFixed(2)}x`,
      pass: cpu === null ? null : cpu <= 0.6,
    },
  ];
}

/**
 * Requests per second the server could serve with one full core, from its CPU per request (all processes):
 * 1e6 / all-CPU-us-per-request. On a shared machine where servers get unequal CPU shares (a 2-process server
 * gets twice the share of a 1-process one under contention), this compares servers where req/s cannot.
 * It is an estimate: at low load each request costs more (fewer events per wake-up), so it errs low.
 *
 * @example
 * cpuCapacity({ front_cpu_us_per_req: 4.65, rest_cpu_us_per_req: 8.66 }) // ~75131
 */
export function cpuCapacity(s: Pick<ServerSummary, 'front_cpu_us_per_req' | 'rest_cpu_us_per_req'>): number | null {
  const t = totalCpu(s);
  return t === null || t <= 0 ? null : 1e6 / t;
}

/**
 * A left-aligned first column and right-aligned others, for a terminal.
 *
 * @example
 * renderTable(['server', 'req/s'], [['a', '100']]) // -> 'server  req/s\n------  -----\na         100'
 */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const fmt = (v: number | null, digits = 1) => (v === null ? 'n/a' : v.toFixed(digits));

/**
 * CPU per request of all the server's processes (front + rest), null when either is unknown.
 *
 * @example
 * totalCpu({ front_cpu_us_per_req: 5.2, rest_cpu_us_per_req: 8.8, ... }) // 14
 */
export function totalCpu(s: Pick<ServerSummary, 'front_cpu_us_per_req' | 'rest_cpu_us_per_req'>): number | null {
  return s.front_cpu_us_per_req === null || s.rest_cpu_us_per_req === null ? null : s.front_cpu_us_per_req + s.rest_cpu_us_per_req;
}

/**
 * The main table: one row per server with req/s (median and range), p99, CPU per request, RSS, ratios to a and b.
 *
 * @example
 * renderServerTable(summaries, 'a', 'b') // -> 'server ... req/s ... x(a) x(b) ...'
 */
export function renderServerTable(summaries: ServerSummary[], a: string, b: string): string {
  const ref = (name: string) => summaries.find((s) => s.server === name)?.requests_per_s ?? 0;
  const refSummary = (name: string) => summaries.find((s) => s.server === name) ?? null;
  const capOf = (s: ServerSummary | null) => (s ? cpuCapacity(s) : null);
  const header = ['server', 'req/s (median)', 'min..max', 'p99 ms', 'x (a)', 'x (b)', 'front CPU us/req', 'rest CPU us/req', 'all CPU us/req', 'server CPU %', 'CPU cap req/s', 'cap x (a)', 'cap x (b)', 'front RSS MB', 'all RSS MB', 'errors'];
  const rows = summaries.map((s) => [
    s.server,
    s.requests_per_s.toFixed(0),
    `${s.requests_per_s_min.toFixed(0)}..${s.requests_per_s_max.toFixed(0)}`,
    fmt(s.latency_p99_ms, 2),
    ref(a) > 0 ? (s.requests_per_s / ref(a)).toFixed(2) : 'n/a',
    ref(b) > 0 ? (s.requests_per_s / ref(b)).toFixed(2) : 'n/a',
    fmt(s.front_cpu_us_per_req, 2),
    fmt(s.rest_cpu_us_per_req, 2),
    fmt(totalCpu(s), 2),
    fmt(s.server_cpu_pct, 0),
    fmt(cpuCapacity(s), 0),
    capOf(s) !== null && capOf(refSummary(a)) ? (capOf(s)! / capOf(refSummary(a))!).toFixed(2) : 'n/a',
    capOf(s) !== null && capOf(refSummary(b)) ? (capOf(s)! / capOf(refSummary(b))!).toFixed(2) : 'n/a',
    s.front_rss_peak_kb === null ? 'n/a' : (s.front_rss_peak_kb / 1024).toFixed(1),
    s.total_rss_peak_kb === null ? 'n/a' : (s.total_rss_peak_kb / 1024).toFixed(1),
    String(s.errors),
  ]);
  return renderTable(header, rows);
}

export interface SweepPoint {
  size_bytes: number;
  proxy: ServerSummary;
  fdpass: ServerSummary;
}

/**
 * Human size: 16 B, 4 KiB, 1 MiB.
 *
 * @example
 * humanBytes(65536) // '64 KiB'
 */
export function humanBytes(n: number): string {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} B`;
}

/**
 * The smallest payload size from which fdpass serves at least as many req/s as proxy at every larger size
 * too, or null when it never does.
 *
 * @example
 * breakEven([{ size_bytes: 16, ratio: 0.9 }, { size_bytes: 4096, ratio: 1.1 }, { size_bytes: 65536, ratio: 1.4 }]) // 4096
 */
export function breakEven(points: { size_bytes: number; ratio: number }[]): number | null {
  const sorted = [...points].sort((x, y) => x.size_bytes - y.size_bytes);
  let found: number | null = null;
  for (let i = sorted.length - 1; i >= 0; i--) {
    if (sorted[i].ratio >= 1) found = sorted[i].size_bytes;
    else break;
  }
  return found;
}

/**
 * The payload sweep table: per size, both modes' req/s and gateway CPU per request, and fdpass/proxy.
 *
 * @example
 * renderSweepTable(points) // -> 'payload  proxy req/s  fdpass req/s  fdpass/proxy ...'
 */
export function renderSweepTable(points: SweepPoint[]): string {
  const header = ['payload', 'proxy req/s', 'fdpass req/s', 'fdpass/proxy', 'proxy p99 ms', 'fdpass p99 ms', 'proxy gw CPU us/req', 'fdpass gw CPU us/req', 'proxy all CPU', 'fdpass all CPU', 'errors'];
  const rows = points.map((p) => [
    humanBytes(p.size_bytes),
    p.proxy.requests_per_s.toFixed(0),
    p.fdpass.requests_per_s.toFixed(0),
    p.proxy.requests_per_s > 0 ? (p.fdpass.requests_per_s / p.proxy.requests_per_s).toFixed(2) : 'n/a',
    fmt(p.proxy.latency_p99_ms, 2),
    fmt(p.fdpass.latency_p99_ms, 2),
    fmt(p.proxy.front_cpu_us_per_req, 2),
    fmt(p.fdpass.front_cpu_us_per_req, 2),
    fmt(totalCpu(p.proxy), 2),
    fmt(totalCpu(p.fdpass), 2),
    String(p.proxy.errors + p.fdpass.errors),
  ]);
  return renderTable(header, rows);
}

/**
 * Servers that did not keep their CPU busy (median below `threshold` % of one core): for them the load
 * generator or the machine, not the server, limited req/s, and req/s ratios say little about capacity.
 *
 * @example
 * unsaturated([{ server: 'a', server_cpu_pct: 19, ... }, { server: 'b', server_cpu_pct: 97, ... }]) // -> [{ server: 'a', cpu_pct: 19 }]
 */
export function unsaturated(summaries: ServerSummary[], threshold = 90): { server: string; cpu_pct: number }[] {
  return summaries
    .filter((s) => s.server_cpu_pct !== null && s.server_cpu_pct < threshold)
    .map((s) => ({ server: s.server, cpu_pct: s.server_cpu_pct! }));
}
