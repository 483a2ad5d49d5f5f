/**
 * `npm run bench:ingest`: how fast and in how little memory the streaming pidstat parser reads a ~200 MB
 * `pidstat -h` file, next to the floor (reading the same file and splitting it into lines, nothing else).
 *
 * The file is synthetic (a seeded generator writing pidstat 12.6 `-h -u -r -d -w` lines, C locale), written to
 * a fresh temp dir and deleted afterwards: it benchmarks our tooling, it is not a measurement of anything.
 * Each timed pass runs in its own child process, so its peak RSS (VmHWM) is its own. Passes alternate
 * floor / parser and the median of RUNS is reported.
 *
 *   npm run bench:ingest                 # ~200 MB, 3 runs
 *   npm run bench:ingest -- --mb 50 --runs 1
 *   tsx scripts/bench-ingest.ts --generate FILE MB; node --cpu-prof --import tsx scripts/bench-ingest.ts --child parser FILE
 *
 * Two floors are timed: a plain chunk splitter (indexOf + slice: the cheapest way to get lines in Node) and
 * node:readline (what ingest/load.ts uses); the parser pass reads the same chunks and parses them (write()).
 * Goals (issue 2): parser time / floor time <= 2.0; parser peak RSS < 200 MB. Wall-clock and CPU figures are
 * both printed: on a machine shared with other work, CPU time is the steadier of the two.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { createPidstatParser } from '../ingest/parsers/pidstat.ts';

const RATIO_GOAL = 2.0;
const RSS_GOAL_MB = 200;

interface PassResult {
  ms: number;
  /** user + system CPU time of the pass: less sensitive than wall time to other load on the machine */
  cpu_ms: number;
  hwm_kb: number;
  lines: number;
  samples?: number;
  check?: string;
}

/** Reads `file` in 1 MiB chunks and calls `onLine` for every line (terminator removed). */
function splitLines(file: string, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let rest = '';
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => {
      const text = rest + (chunk as string);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        onLine(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
    });
    stream.on('end', () => {
      if (rest.length > 0) onLine(rest);
      resolve();
    });
    stream.on('error', reject);
  });
}

function peakRssKb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : Math.round(process.memoryUsage().rss / 1024);
}

type PassKind = 'floor' | 'readline' | 'parser';

/** One timed pass, inside a child process. */
async function childPass(kind: PassKind, file: string): Promise<PassResult> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const cpuMs = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  let lines = 0;
  if (kind === 'readline') {
    // the way ingest/load.ts reads large files: node:readline over a file stream
    let chars = 0;
    const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of rl) {
      lines++;
      chars += line.length;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, cpu_ms: cpuMs(), hwm_kb: peakRssKb(), lines, check: `${chars} chars` };
  }
  if (kind === 'floor') {
    let chars = 0;
    await splitLines(file, (line) => {
      lines++;
      chars += line.length;
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, cpu_ms: cpuMs(), hwm_kb: peakRssKb(), lines, check: `${chars} chars` };
  }
  // What a loader aggregating a long run does: per-task running means, nothing kept per sample.
  const perTask = new Map<number, { n: number; cpu: number; rssMax: number }>();
  const parser = createPidstatParser({
    onSample: (s) => {
      let t = perTask.get(s.pid);
      if (t === undefined) perTask.set(s.pid, (t = { n: 0, cpu: 0, rssMax: 0 }));
      t.n++;
      t.cpu += s.cpu_pct ?? 0;
      if ((s.rss_kb ?? 0) > t.rssMax) t.rssMax = s.rss_kb ?? 0;
    },
  });
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => parser.write(chunk as Buffer)); // UTF-8 bytes: the parser splits lines itself
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  const record = parser.end();
  lines = record.line_count;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const first = [...perTask.entries()][0];
  return {
    ms,
    cpu_ms: cpuMs(),
    hwm_kb: peakRssKb(),
    lines,
    samples: record.sample_count,
    check: `${perTask.size} tasks; pid ${first[0]} mean cpu ${(first[1].cpu / first[1].n).toFixed(2)} %`,
  };
}

/** Deterministic PRNG (mulberry32) so every run benchmarks the same bytes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes a synthetic `pidstat -h -u -r -d -w` file of about `mb` MB; returns its size in bytes. */
async function generate(file: string, mb: number): Promise<number> {
  const rand = prng(20261122);
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
    const result = await childPass(args[1] as PassKind, args[2]);
    console.log(JSON.stringify(result));
    return;
  }
  if (args[0] === '--generate') {
    // for profiling: `tsx scripts/bench-ingest.ts --generate FILE MB`, then `--child parser FILE`
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
  const dir = mkdtempSync(join(tmpdir(), 'gatebench-bench-ingest-'));
  try {
    const file = join(dir, 'pidstat-h.txt');
    const g0 = Date.now();
    const bytes = await generate(file, mb);
    console.log(`generated ${(bytes / 1048576).toFixed(1)} MiB synthetic pidstat -h file in ${((Date.now() - g0) / 1000).toFixed(1)} s (${file}, deleted at exit)`);
    const floor: PassResult[] = [];
    const readline: PassResult[] = [];
    const parser: PassResult[] = [];
    const show = (r: PassResult) => `${r.ms.toFixed(0)} ms (cpu ${r.cpu_ms.toFixed(0)})`;
    for (let i = 0; i < runs; i++) {
      floor.push(runChild('floor', file));
      readline.push(runChild('readline', file));
      parser.push(runChild('parser', file));
      console.log(`run ${i + 1}/${runs}: floor ${show(floor[i])}, readline ${show(readline[i])}, parser ${show(parser[i])}`);
    }
    const floorMs = median(floor.map((r) => r.ms));
    const parserMs = median(parser.map((r) => r.ms));
    const ratio = parserMs / floorMs;
    const readlineMs = median(readline.map((r) => r.ms));
    const readlineRatio = parserMs / readlineMs;
    const floorCpu = median(floor.map((r) => r.cpu_ms));
    const parserCpu = median(parser.map((r) => r.cpu_ms));
    const cpuRatio = parserCpu / floorCpu;
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const parserHwmMb = Math.max(...parser.map((r) => r.hwm_kb)) / 1024;
    const floorHwmMb = Math.max(...floor.map((r) => r.hwm_kb)) / 1024;
    const mibPerS = (ms: number) => (bytes / 1048576 / (ms / 1000)).toFixed(0);
    console.log('');
    console.log(`file           ${(bytes / 1048576).toFixed(1)} MiB, ${parser[0].lines} lines, ${parser[0].samples} samples (${parser[0].check})`);
    console.log(`floor          ${floorMs.toFixed(0)} ms  (${mibPerS(floorMs)} MiB/s)  read + split into lines, peak RSS ${floorHwmMb.toFixed(0)} MiB`);
    console.log(`readline floor ${readlineMs.toFixed(0)} ms  (${mibPerS(readlineMs)} MiB/s)  read + node:readline (how ingest/load.ts streams large files)`);
    console.log(`parser         ${parserMs.toFixed(0)} ms  (${mibPerS(parserMs)} MiB/s)  read + split + parse (onSample), peak RSS ${parserHwmMb.toFixed(0)} MiB`);
    const verdict = (r: number) => (r <= RATIO_GOAL ? 'met' : 'NOT met');
    console.log(`ratio          ${ratio.toFixed(2)}  parser / floor, wall-clock medians (goal <= ${RATIO_GOAL.toFixed(1)}: ${verdict(ratio)})`);
    console.log(`ratio readline ${readlineRatio.toFixed(2)}  parser / readline floor (goal <= ${RATIO_GOAL.toFixed(1)}: ${verdict(readlineRatio)})`);
    console.log(`cpu ratio      ${cpuRatio.toFixed(2)}  user+sys CPU medians (floor ${floorCpu.toFixed(0)} ms, parser ${parserCpu.toFixed(0)} ms); load average ${load} — wall time is unreliable on a busy machine`);
    console.log(`parser peak    ${parserHwmMb.toFixed(0)} MiB VmHWM  (goal < ${RSS_GOAL_MB} MB: ${parserHwmMb * 1.048576 < RSS_GOAL_MB ? 'met' : 'NOT met'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench:ingest: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
