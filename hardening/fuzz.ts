/**
 * `npm run fuzz -- --seconds N`: build the libFuzzer targets (native/fuzz/Makefile) and run each for
 * N seconds, then print the executions per target and in total. Exits 1 on any crash, leak, UB or
 * invariant report, after copying the reproducer into native/fuzz/regressions/<target>/ (replayed by
 * tests/hardening/fuzz-replay.test.ts). Each target grows a working corpus in native/fuzz/build/work-<t>
 * from the committed seeds; the committed corpus is never written.
 *
 *   npm run fuzz -- --seconds 60                 every target, 60 s each
 *   npm run fuzz -- --seconds 5 --target http    one target
 *   npm run fuzz -- --seconds 60 --json out.json also write the figures as JSON
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { libFuzzerStats, type LibFuzzerStats } from './lib/libfuzzer-stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FUZZ_DIR = path.join(ROOT, 'native', 'fuzz');
const TARGETS = ['http', 'frame'] as const;
type Target = (typeof TARGETS)[number];

const USAGE = `usage: npm run fuzz -- [--seconds N] [--target ${TARGETS.join('|')}]... [--json FILE]

Builds native/fuzz (clang, libFuzzer + ASan + UBSan) and fuzzes each target for N seconds
(default 10). Prints executions per target and the total; exit 1 on any crash/leak/UB report.`;

interface Options {
  seconds: number;
  targets: Target[];
  json: string | undefined;
}

function fail(msg: string): never {
  process.stderr.write(`fuzz: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { seconds: 10, targets: [], json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i] ?? fail(`${a} needs a value`);
    if (a === '--') continue;
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a === '--seconds') {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) fail(`--seconds must be a whole number >= 1, got "${v}"`);
      opts.seconds = n;
    } else if (a === '--target') {
      const v = value();
      if (!(TARGETS as readonly string[]).includes(v)) fail(`unknown --target "${v}" (expected ${TARGETS.join(' or ')})`);
      opts.targets.push(v as Target);
    } else if (a === '--json') {
      opts.json = value();
    } else {
      fail(`unknown argument "${a}" (try --help)`);
    }
  }
  if (opts.targets.length === 0) opts.targets = [...TARGETS];
  return opts;
}

function runFuzzer(target: Target, seconds: number): Promise<{ code: number | null; text: string }> {
  const work = path.join(FUZZ_DIR, 'build', `work-${target}`);
  const artifacts = path.join(FUZZ_DIR, 'build', 'artifacts', target);
  mkdirSync(work, { recursive: true });
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const args = [
    `-max_total_time=${seconds}`,
    '-print_final_stats=1',
    '-max_len=4096',
    `-artifact_prefix=${artifacts}/`,
    ...(target === 'http' ? [`-dict=${path.join(FUZZ_DIR, 'http.dict')}`] : []),
    work,
    path.join(FUZZ_DIR, 'corpus', target),
    path.join(FUZZ_DIR, 'regressions', target),
  ];
  const bin = path.join(FUZZ_DIR, 'build', `fuzz-${target}`);
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1' } });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('close', (code) => resolve({ code, text }));
  });
}

/** Copies libFuzzer's reproducers (crash-*, leak-*, timeout-*, oom-*) into the regression corpus. */
function keepReproducers(target: Target): string[] {
  const dir = path.join(FUZZ_DIR, 'build', 'artifacts', target);
  const kept: string[] = [];
  if (!existsSync(dir)) return kept;
  for (const name of readdirSync(dir)) {
    const dest = path.join(FUZZ_DIR, 'regressions', target, name);
    copyFileSync(path.join(dir, name), dest);
    kept.push(path.relative(ROOT, dest));
  }
  return kept;
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const make = spawnSync('make', ['-C', FUZZ_DIR, '-s'], { stdio: 'inherit' });
  if (make.error || make.status !== 0) {
    process.stderr.write('fuzz: building native/fuzz failed (needs clang and libclang-rt: npm run setup)\n');
    return 1;
  }
  const rows: Array<{ target: Target; seconds: number; stats: LibFuzzerStats; code: number | null; kept: string[] }> = [];
  for (const target of opts.targets) {
    process.stdout.write(`fuzz: ${target} for ${opts.seconds} s ...\n`);
    const { code, text } = await runFuzzer(target, opts.seconds);
    const stats = libFuzzerStats(text);
    const kept = code === 0 && stats.reports.length === 0 ? [] : keepReproducers(target);
    if (code !== 0 || stats.reports.length) {
      const log = path.join(FUZZ_DIR, 'build', `fuzz-${target}.log`);
      writeFileSync(log, text);
      process.stderr.write(`fuzz: ${target}: exit ${code}; full log in ${path.relative(ROOT, log)}\n`);
      for (const r of stats.reports) process.stderr.write(`  ${r}\n`);
      for (const k of kept) process.stderr.write(`  reproducer kept as ${k} (commit it: it becomes a regression test)\n`);
    }
    rows.push({ target, seconds: opts.seconds, stats, code, kept });
  }
  const total = rows.reduce((s, r) => s + (r.stats.executions ?? 0), 0);
  const bad = rows.filter((r) => r.code !== 0 || r.stats.reports.length > 0 || r.stats.executions === undefined);
  console.log('\ntarget   seconds  executions   exec/s  new units  reports');
  for (const r of rows) {
    console.log(
      `${r.target.padEnd(8)} ${String(r.seconds).padStart(7)} ${String(r.stats.executions ?? '?').padStart(11)} ${String(r.stats.execs_per_s ?? '?').padStart(8)} ${String(r.stats.new_units ?? '?').padStart(10)}  ${r.stats.reports.length}`,
    );
  }
  console.log(`total executions: ${total}`);
  console.log(bad.length ? `fuzz: FAILED (${bad.map((r) => r.target).join(', ')})` : 'fuzz: no crash, leak or UB report');
  if (opts.json) {
    writeFileSync(
      opts.json,
      `${JSON.stringify({ total_executions: total, targets: rows.map((r) => ({ target: r.target, seconds: r.seconds, exit_code: r.code, ...r.stats, reproducers: r.kept })) }, null, 2)}\n`,
    );
  }
  return bad.length ? 1 : 0;
}

main().then((code) => process.exit(code));
