/**
 * `tsx bench/parse-small.ts`: the fixed per-file cost of reading the SMALL raw files a long history is
 * made of (bench:analysis reads ~71,000 of them, 250 B to 1.8 KB each). For each file of one synthetic run
 * (bench/lib/synthetic.ts: pidstat, wrk, perf-stat, strace -c, bench-latency text, written to a temp dir that is
 * deleted afterwards) it times, warm (JIT hot, one file parsed in a tight loop): detectFormat, the format's
 * parse, and readRawFile (open + fstat + read + close + detect + parse). Each figure is the median of ROUNDS
 * rounds of ITER calls, in microseconds of CPU time per file. Nothing asserts timings; on a shared machine repeat it.
 *
 *   tsx bench/parse-small.ts [--rounds 7] [--iterations 3000] [--dir DIR]
 *
 * `--dir DIR` times the files of an existing run directory (its `<variant>/rep-1/*` files) instead.
 * The records are also checked: parse() and readRawFile() must give the same JSON for each file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { detectFormat } from '../ingest/detect.ts';
import { readRawFile } from '../ingest/load.ts';
import { syntheticRunFiles } from './lib/synthetic.ts';
import { medianCpuUs, medianCpuUsAsync } from './lib/cpu-bench.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, iterations: { type: 'string' }, dir: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 7);
const ITER = Number(values.iterations ?? 3000);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || !Number.isInteger(ITER) || ITER < 1) {
  console.error('bench-parse-small: --rounds and --iterations must be positive integers');
  process.exit(2);
}

/** The files to time: path on disk -> name shown. */
function runFiles(root: string): Map<string, string> {
  const out = new Map<string, string>();
  if (values.dir !== undefined) {
    for (const variant of readdirSync(values.dir, { withFileTypes: true })) {
      if (!variant.isDirectory()) continue;
      const rep = join(values.dir, variant.name, 'rep-1');
      for (const f of readdirSync(rep).sort()) out.set(join(rep, f), f);
      break;
    }
    return out;
  }
  const { files } = syntheticRunFiles({
    id: 'bench-parse-small',
    created_at: '2026-01-01T00:00:00.000Z',
    seed: 1,
    repetitions: 5,
    effects: { fdpass: { rps: 1.15, gw_sys: 0.45 } },
    fingerprint: 'bench-machine',
  });
  for (const [p, text] of files) {
    if (!p.startsWith('proxy/rep-1/')) continue;
    const file = join(root, p);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    out.set(file, p.slice('proxy/rep-1/'.length));
  }
  return new Map([...out].sort((a, b) => a[1].localeCompare(b[1])));
}

/** Median CPU microseconds per call of `fn` (lib/cpu-bench.ts), awaited when `isAsync`. */
function timeIt(fn: () => unknown, isAsync: boolean): Promise<number> {
  return isAsync ? medianCpuUsAsync(fn as () => Promise<unknown>, ROUNDS, ITER) : Promise.resolve(medianCpuUs(fn, ROUNDS, ITER));
}

const root = mkdtempSync(join(tmpdir(), 'gatebench-bench-parse-small-'));
try {
  const files = runFiles(root);
  console.log(`bench:parse-small: ${files.size} files, median of ${ROUNDS} rounds x ${ITER} calls, node ${process.version}`);
  console.log(`  ${'file'.padEnd(30)} ${'format'.padEnd(14)} ${'bytes'.padStart(6)} ${'detect'.padStart(9)} ${'parse'.padStart(9)} ${'readRawFile'.padStart(12)}  (us of CPU/file)`);
  const totals = { detect: 0, parse: 0, read: 0 };
  for (const [file, name] of files) {
    const text = readFileSync(file, 'utf8');
    const format = detectFormat(text);
    const viaParse = JSON.stringify(format.parse(text));
    const viaRead = JSON.stringify(await readRawFile(file));
    if (viaParse !== viaRead) throw new Error(`bench-parse-small: ${name}: parse() and readRawFile() disagree`);
    const detect = await timeIt(() => detectFormat(text), false);
    const parse = await timeIt(() => format.parse(text), false);
    const read = await timeIt(() => readRawFile(file), true);
    totals.detect += detect;
    totals.parse += parse;
    totals.read += read;
    console.log(
      `  ${name.padEnd(30)} ${format.name.padEnd(14)} ${String(Buffer.byteLength(text)).padStart(6)} ${detect.toFixed(1).padStart(9)} ${parse.toFixed(1).padStart(9)} ${read.toFixed(1).padStart(12)}`,
    );
  }
  console.log(`  ${'all files of one repetition'.padEnd(52)} ${totals.detect.toFixed(1).padStart(9)} ${totals.parse.toFixed(1).padStart(9)} ${totals.read.toFixed(1).padStart(12)}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
