/**
 * `npm run bench:ingest`: how fast and in how little memory a ~200 MB `pidstat -h` file is parsed through the
 * loader that `npm run parse` uses for large files (ingest/load.ts, streamPidstatFile: read from disk in chunks,
 * samples handed over and not kept), next to the floor: reading the same file and splitting it into lines,
 * nothing else.
 *
 * The file is synthetic (a seeded generator writing pidstat 12.6 `-h -u -r -d -w` lines, C locale), written to
 * a fresh temp dir and deleted afterwards: it benchmarks our tooling, it is not a measurement of anything.
 * Each timed pass runs in its own child process, so its peak RSS (VmHWM) is its own. Passes alternate
 * floor / parser and the median of RUNS is reported. The parser pass sums cpu_pct and rss_kb of every sample
 * (per task, as a reader aggregating a long run would); the checksum must be the same in every run.
 * Goals (issue 15): parser CPU time <= 5x the floor's; parser peak RSS < 200 MB. Wall-clock and CPU figures are
 * both printed: on a machine shared with other work, CPU time is the steadier of the two.
 *
 *   npm run bench:ingest                 # ~200 MB, 3 runs
 *   npm run bench:ingest -- --mb 50 --runs 1
 *   tsx bench/ingest.ts --generate FILE MB; node --cpu-prof --import tsx bench/ingest.ts --child parser FILE
 *   tsx bench/ingest.ts --file FILE --runs 5   # an existing file
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { streamPidstatFile } from '../ingest/load.ts';
import { mulberry32 } from '../ingest/prng.ts';

const RATIO_GOAL = 5.0;
const RSS_GOAL_MB = 200;

type PassKind = 'floor' | 'parser';

interface PassResult {
  ms: number;
  /** user + system CPU time of the pass: less sensitive than wall time to other load on the machine */
  cpu_ms: number;
  hwm_kb: number;
  lines: number;
  samples?: number;
  check: string;
}

function peakRssKb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : Math.round(process.memoryUsage().rss / 1024);
}

/** The floor: `file` read as UTF-8 text in 1 MiB chunks and split into lines (indexOf + slice), nothing else. */
async function splitLines(file: string): Promise<{ lines: number; chars: number }> {
  let lines = 0;
  let chars = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      lines++;
      chars += text.slice(start, nl).length;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) lines++;
  return { lines, chars: chars + rest.length };
}

/** One timed pass, inside a child process. */
async function childPass(kind: PassKind, file: string): Promise<PassResult> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const done = (r: { lines: number; samples?: number; check: string }): PassResult => {
    const c = process.cpuUsage(c0);
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu_ms: (c.user + c.system) / 1000, hwm_kb: peakRssKb(), ...r };
  };
  if (kind === 'floor') {
    const { lines, chars } = await splitLines(file);
    return done({ lines, check: `${chars} chars` });
  }
  // what a reader aggregating a long run does: per-task sums, nothing kept per sample
  const perTask = new Map<number, { n: number; cpu: number }>();
  let cpu = 0;
  let rss = 0;
  const summary = await streamPidstatFile(file, (samples) => {
    for (const s of samples) {
      let t = perTask.get(s.pid);
      if (t === undefined) perTask.set(s.pid, (t = { n: 0, cpu: 0 }));
      t.n++;
      t.cpu += s.cpu_pct ?? 0;
      cpu += s.cpu_pct ?? 0;
      rss += s.rss_kb ?? 0;
    }
  });
  const [pid, first] = [...perTask.entries()][0];
  return done({
    lines: summary.line_count,
    samples: summary.sample_count,
    check: `sum cpu_pct ${cpu.toFixed(2)}, sum rss_kb ${rss}; ${perTask.size} tasks, pid ${pid} mean cpu ${(first.cpu / first.n).toFixed(2)} %`,
  });
}

/** Writes a synthetic `pidstat -h -u -r -d -w` file of about `mb` MB; returns its size in bytes. */
async function generate(file: string, mb: number): Promise<number> {
  const rand = mulberry32(20261122); // seeded: every run benchmarks the same bytes
  const out = createWriteStream(file);
  const header =
    '# Time        UID       PID    %usr %system  %guest   %wait    %CPU   CPU  minflt/s  majflt/s     VSZ     RSS   %MEM   kB_rd/s   kB_wr/s kB_ccwr/s iodelay   cswch/s nvcswch/s  Command';
  const tasks = [
    [0, 1, 'systemd'], [0, 412, 'gateway'], [33, 413, 'worker'], [33, 414, 'worker'], [33, 415, 'worker'],
    [33, 416, 'worker'], [0, 900, 'wrk'], [1000, 2297, 'pidstat'], [0, 77, 'kworker/0:1H'], [0, 3110, 'node'],
  ] as const;
  const f2 = (x: number, w: number) => x.toFixed(2).padStart(w);
  const i0 = (x: number, w: number) => String(Math.round(x)).padStart(w);
  const target = mb * 1024 * 1024;
  let written = 0;
  let t = 1795373463;
  let chunk = 'Linux 6.1.0-18-amd64 (bench) \t11/22/26 \t_x86_64_\t(2 CPU)\n\n';
  while (written + chunk.length < target) {
    chunk += `${header}\n`;
    for (const [uid, pid, cmd] of tasks) {
      const usr = rand() * 60;
      const sys = rand() * 30;
      chunk += `${String(t).padEnd(10)} ${i0(uid, 5)} ${i0(pid, 9)} ${f2(usr, 7)} ${f2(sys, 7)} ${f2(0, 7)} ${f2(rand() * 3, 7)} ${f2(usr + sys, 7)} ${i0(rand() * 2, 5)} ${f2(rand() * 5e4, 9)} ${f2(0, 9)} ${i0(1.5e6 + rand() * 5e5, 7)} ${i0(1e5 + rand() * 4e5, 7)} ${f2(rand() * 2, 6)} ${f2(rand() * 100, 9)} ${f2(rand() * 100, 9)} ${f2(0, 9)} ${i0(rand() * 3, 7)} ${f2(rand() * 50, 9)} ${f2(rand() * 50, 9)}  ${cmd}\n`;
    }
    chunk += '\n';
    t++;
    if (chunk.length > 1 << 20) {
      written += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
  return statSync(file).size;
}

function runChild(kind: PassKind, file: string): PassResult {
  const self = fileURLToPath(import.meta.url);
  const res = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', kind, file], {
    cwd: join(dirname(self), '..'), // where node_modules/tsx resolves
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (res.status !== 0) throw new Error(`bench child ${kind} failed: ${res.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(res.stdout.trim().split('\n').pop()!) as PassResult;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    console.log(JSON.stringify(await childPass(args[1] as PassKind, args[2])));
    return;
  }
  if (args[0] === '--generate') {
    // for profiling: `tsx bench/ingest.ts --generate FILE MB`, then `--child parser FILE`
    console.log(await generate(args[1], Number(args[2] ?? 20)));
    return;
  }
  const opt = (name: string, dflt: number) => {
    const i = args.indexOf(name);
    const v = i >= 0 ? Number(args[i + 1]) : dflt;
    if (!Number.isFinite(v) || v <= 0) throw new Error(`bench:ingest: ${name} needs a positive number`);
    return v;
  };
  const mb = opt('--mb', 200);
  const runs = opt('--runs', 3);
  const fileArg = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-bench-ingest-'));
  try {
    let file = join(dir, 'pidstat-h.txt');
    let bytes: number;
    if (fileArg !== undefined) {
      file = fileArg;
      bytes = statSync(file).size;
      console.log(`timing ${file} (${(bytes / 1048576).toFixed(1)} MiB)`);
    } else {
      const g0 = Date.now();
      bytes = await generate(file, mb);
      console.log(`generated ${(bytes / 1048576).toFixed(1)} MiB synthetic pidstat -h file in ${((Date.now() - g0) / 1000).toFixed(1)} s (${file}, deleted at exit)`);
    }
    const res: Record<PassKind, PassResult[]> = { floor: [], parser: [] };
    const show = (r: PassResult) => `${r.ms.toFixed(0)} ms (cpu ${r.cpu_ms.toFixed(0)})`;
    for (let i = 0; i < runs; i++) {
      const line: string[] = [];
      for (const k of ['floor', 'parser'] as const) {
        const r = runChild(k, file);
        res[k].push(r);
        line.push(`${k} ${show(r)}`);
      }
      console.log(`run ${i + 1}/${runs}: ${line.join(', ')}`);
    }
    const parser = res.parser;
    if (parser.some((r) => r.check !== parser[0].check)) throw new Error('parser passes disagree on the checksum');
    const wall = (k: PassKind) => median(res[k].map((r) => r.ms));
    const cpu = (k: PassKind) => median(res[k].map((r) => r.cpu_ms));
    const hwmMb = (k: PassKind) => Math.max(...res[k].map((r) => r.hwm_kb)) / 1024;
    const mibPerS = (ms: number) => (bytes / 1048576 / (ms / 1000)).toFixed(0);
    const row = (label: string, k: PassKind, what: string) =>
      console.log(`${label.padEnd(8)} ${wall(k).toFixed(0).padStart(6)} ms wall  ${cpu(k).toFixed(0).padStart(6)} ms cpu  (${mibPerS(wall(k))} MiB/s)  peak RSS ${hwmMb(k).toFixed(0)} MiB  ${what}`);
    const ratioCpu = cpu('parser') / cpu('floor');
    const peakMb = hwmMb('parser') * 1.048576;
    console.log('');
    console.log(`file     ${(bytes / 1048576).toFixed(1)} MiB, ${parser[0].lines} lines, ${parser[0].samples} samples (${parser[0].check})`);
    row('floor', 'floor', 'read + split into lines (text)');
    row('parser', 'parser', 'streamPidstatFile: read + parse every row, samples handed over');
    console.log(`ratio    ${ratioCpu.toFixed(2)} cpu, ${(wall('parser') / wall('floor')).toFixed(2)} wall  parser / floor (goal <= ${RATIO_GOAL.toFixed(1)} on CPU time: ${ratioCpu <= RATIO_GOAL ? 'met' : 'NOT met'})`);
    console.log(`peak     parser ${hwmMb('parser').toFixed(0)} MiB VmHWM = ${peakMb.toFixed(0)} MB (goal < ${RSS_GOAL_MB} MB: ${peakMb < RSS_GOAL_MB ? 'met' : 'NOT met'})`);
    console.log(`load     ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]} (CPU time is user+sys of each child process, medians of ${runs}; wall time is unreliable on a busy machine)`);
  } finally {
    rmSync(dir, { recursive: true, force: true }); // never the --file given
  }
}

main().catch((e: unknown) => {
  console.error(`bench:ingest: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
