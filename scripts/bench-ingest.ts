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
 *   tsx scripts/bench-ingest.ts --file FILE --runs 5 --passes floor,parser   # an existing file, only these passes
 *
 * The floor is a plain chunk splitter (UTF-8 text, indexOf + slice: the cheapest way to get lines as strings
 * in Node); for reference also a byte splitter (newlines found in the raw bytes, nothing decoded) and
 * node:readline (the usual way to stream a text file by lines in Node). The parser passes read the file's bytes in the same 1 MiB chunks
 * and parse every row (write(Uint8Array)); an onSample callback sums cpu_pct and rss_kb of every sample, and
 * the checksum must be the same in every parser pass. Before timing, the fast path (bytes, recycled samples)
 * and the general path (text, tokenized lines) parse the first 20 MB and must agree on the checksum and on
 * every sample's JSON. `parser` recycles sample objects (reuseSamples), `parser-fresh` makes one per sample.
 * Goals (issue 2): parser CPU time / floor CPU time <= 2.0; parser peak RSS < 200 MB. Wall-clock and CPU
 * figures are both printed: on a machine shared with other work, CPU time is the steadier of the two.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
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

type PassKind = 'floor' | 'bytes' | 'readline' | 'parser' | 'parser-fresh';

/**
 * What every parser pass computes from every sample, so no value can be skipped: sample count and the sums
 * of cpu_pct and rss_kb (as fixed strings, compared between passes and paths).
 */
function checksum(n: number, cpu: number, rss: number): string {
  return `${n} samples, sum cpu_pct ${cpu.toFixed(2)}, sum rss_kb ${rss}`;
}

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
    // for reference: node:readline over a file stream, the usual way to stream lines in Node
    let chars = 0;
    const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of rl) {
      lines++;
      chars += line.length;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, cpu_ms: cpuMs(), hwm_kb: peakRssKb(), lines, check: `${chars} chars` };
  }
  if (kind === 'bytes') {
    // for reference: the same file as UTF-8 bytes split at newlines (no decoding, no strings)
    let bytes = 0;
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(file, { highWaterMark: 1 << 20 });
      stream.on('data', (chunk) => {
        const b = chunk as Buffer;
        let start = 0;
        for (let nl = b.indexOf(10); nl !== -1; nl = b.indexOf(10, start)) {
          lines++;
          bytes += nl - start;
          start = nl + 1;
        }
      });
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, cpu_ms: cpuMs(), hwm_kb: peakRssKb(), lines, check: `${bytes} bytes` };
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
  // 'parser': sample objects recycled (reuseSamples); 'parser-fresh': a new object per sample.
  const perTask = new Map<number, { n: number; cpu: number; rssMax: number }>();
  let n = 0;
  let cpuSum = 0;
  let rssSum = 0;
  const parser = createPidstatParser({
    reuseSamples: kind === 'parser',
    onSample: (s) => {
      let t = perTask.get(s.pid);
      if (t === undefined) perTask.set(s.pid, (t = { n: 0, cpu: 0, rssMax: 0 }));
      t.n++;
      t.cpu += s.cpu_pct ?? 0;
      if ((s.rss_kb ?? 0) > t.rssMax) t.rssMax = s.rss_kb ?? 0;
      n++;
      cpuSum += s.cpu_pct ?? 0;
      rssSum += s.rss_kb ?? 0;
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
    check: `${checksum(n, cpuSum, rssSum)}; ${perTask.size} tasks, pid ${first[0]} mean cpu ${(first[1].cpu / first[1].n).toFixed(2)} %`,
  };
}

/**
 * The fast path (bytes, recycled samples) and the general path (text, tokenized lines) on the first `mb` MB
 * of `file`, cut at a line end: both checksums and a hash of every sample's JSON must agree.
 */
function verifyPaths(file: string, mb: number): { fast: string; general: string; samples_json_equal: boolean } {
  const all = readFileSync(file);
  const cut = all.lastIndexOf(10, Math.min(all.length, mb * 1048576) - 1) + 1;
  const slice = all.subarray(0, cut);
  const run = (generalPathOnly: boolean, reuseSamples: boolean) => {
    let n = 0;
    let cpu = 0;
    let rss = 0;
    const hash = createHash('sha256');
    const p = createPidstatParser({
      generalPathOnly,
      reuseSamples,
      onSample: (s) => {
        n++;
        cpu += s.cpu_pct ?? 0;
        rss += s.rss_kb ?? 0;
        hash.update(JSON.stringify(s));
      },
    });
    if (generalPathOnly) p.write(slice.toString('utf8'));
    else for (let i = 0; i < slice.length; i += 1 << 20) p.write(slice.subarray(i, i + (1 << 20)));
    p.end();
    return { check: checksum(n, cpu, rss), hash: hash.digest('hex') };
  };
  const fast = run(false, true);
  const general = run(true, false);
  return { fast: fast.check, general: general.check, samples_json_equal: fast.hash === general.hash };
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

function runVerify(file: string, mb: number): ReturnType<typeof verifyPaths> {
  const self = fileURLToPath(import.meta.url);
  const res = spawnSync(process.execPath, ['--import', 'tsx', self, '--verify', file, String(mb)], {
    cwd: join(dirname(self), '..'),
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (res.status !== 0) throw new Error(`bench verify failed: ${res.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(res.stdout.trim().split('\n').pop()!) as ReturnType<typeof verifyPaths>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--verify') {
    console.log(JSON.stringify(verifyPaths(args[1], Number(args[2]))));
    return;
  }
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
  // --file F: time an existing file (e.g. from --generate) instead of generating one; --passes a,b: only these
  const fileArg = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined;
  const passesArg = args.includes('--passes') ? args[args.indexOf('--passes') + 1].split(',') : undefined;
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
    const verify = runVerify(file, Math.min(20, mb));
    console.log(`paths agree on the first ${Math.min(20, mb)} MB: fast (bytes) ${verify.fast} | general (text) ${verify.general} | every sample's JSON equal: ${verify.samples_json_equal}`);
    if (verify.fast !== verify.general || !verify.samples_json_equal) throw new Error('the fast and general paths disagree: benchmark figures would be meaningless');
    const all: PassKind[] = ['floor', 'bytes', 'readline', 'parser', 'parser-fresh'];
    const kinds = passesArg === undefined ? all : all.filter((k) => passesArg.includes(k));
    for (const k of ['floor', 'parser'] as const) if (!kinds.includes(k)) kinds.push(k);
    const res = new Map<PassKind, PassResult[]>(all.map((k) => [k, []]));
    const show = (r: PassResult) => `${r.ms.toFixed(0)} ms (cpu ${r.cpu_ms.toFixed(0)})`;
    for (let i = 0; i < runs; i++) {
      const line: string[] = [];
      for (const k of kinds) {
        const r = runChild(k, file);
        res.get(k)!.push(r);
        line.push(`${k} ${show(r)}`);
      }
      console.log(`run ${i + 1}/${runs}: ${line.join(', ')}`);
    }
    const med = (k: PassKind, f: (r: PassResult) => number) => median(res.get(k)!.map(f));
    const wall = (k: PassKind) => med(k, (r) => r.ms);
    const cpu = (k: PassKind) => med(k, (r) => r.cpu_ms);
    const hwmMb = (k: PassKind) => Math.max(...res.get(k)!.map((r) => r.hwm_kb)) / 1024;
    const parser = res.get('parser')!;
    const fresh = res.get('parser-fresh') ?? [];
    if (parser.some((r) => r.check !== parser[0].check) || fresh.some((r) => r.check?.split(';')[0] !== parser[0].check?.split(';')[0])) {
      throw new Error('parser passes disagree on the checksum');
    }
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    const mibPerS = (ms: number) => (bytes / 1048576 / (ms / 1000)).toFixed(0);
    const verdict = (r: number) => (r <= RATIO_GOAL ? 'met' : 'NOT met');
    const row = (label: string, k: PassKind, what: string) =>
      res.get(k)!.length > 0 &&
      console.log(`${label.padEnd(14)} ${wall(k).toFixed(0).padStart(6)} ms wall  ${cpu(k).toFixed(0).padStart(6)} ms cpu  (${mibPerS(wall(k))} MiB/s)  peak RSS ${hwmMb(k).toFixed(0)} MiB  ${what}`);
    console.log('');
    console.log(`file           ${(bytes / 1048576).toFixed(1)} MiB, ${parser[0].lines} lines, ${parser[0].samples} samples (${parser[0].check})`);
    row('floor', 'floor', 'read + split into lines (text)');
    row('bytes floor', 'bytes', 'for reference: read + find newlines in the bytes, no decoding');
    row('readline', 'readline', 'for reference: read + node:readline (the usual streaming line reader)');
    row('parser', 'parser', 'read bytes + parse every row (onSample, reuseSamples)');
    row('parser fresh', 'parser-fresh', 'the same with a new object per sample (onSample default)');
    const ratio = (k: PassKind, base: PassKind, f: (k: PassKind) => number) => f(k) / f(base);
    console.log(`ratio          ${ratio('parser', 'floor', cpu).toFixed(2)} cpu, ${ratio('parser', 'floor', wall).toFixed(2)} wall  parser / floor (goal <= ${RATIO_GOAL.toFixed(1)}, on CPU time: ${verdict(ratio('parser', 'floor', cpu))})`);
    const ran = (k: PassKind) => res.get(k)!.length > 0;
    if (ran('parser-fresh')) console.log(`ratio fresh    ${ratio('parser-fresh', 'floor', cpu).toFixed(2)} cpu, ${ratio('parser-fresh', 'floor', wall).toFixed(2)} wall  parser fresh / floor`);
    if (ran('bytes')) console.log(`ratio bytes    ${ratio('parser', 'bytes', cpu).toFixed(2)} cpu  parser / bytes floor`);
    if (ran('readline')) console.log(`ratio readline ${ratio('parser', 'readline', cpu).toFixed(2)} cpu  parser / readline`);
    console.log(`load average   ${load} (CPU time is user+sys of each child process, medians of ${runs}; wall time is unreliable on a busy machine)`);
    const peak = Math.max(hwmMb('parser'), ran('parser-fresh') ? hwmMb('parser-fresh') : 0);
    console.log(`parser peak    ${hwmMb('parser').toFixed(0)} MiB VmHWM${ran('parser-fresh') ? `, fresh ${hwmMb('parser-fresh').toFixed(0)} MiB` : ''}  (goal < ${RSS_GOAL_MB} MB: ${peak * 1.048576 < RSS_GOAL_MB ? 'met' : 'NOT met'})`);
  } finally {
    rmSync(dir, { recursive: true, force: true }); // never the --file given
  }
}

main().catch((e: unknown) => {
  console.error(`bench:ingest: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
