/**
 * The setup step: makes sure the system tools gatebench drives are installed, from Debian packages only,
 * then compiles the TypeScript the commands run into dist/ (scripts/run.mjs, which also does it on demand).
 * As root it runs apt-get; with sudo it uses sudo; otherwise it prints the exact command and exits 1.
 * Nothing is ever downloaded from outside the distribution's package archive.
 *
 *   npm run setup            install what is missing (runs before `npm test` and `npm run collect`)
 *   npm run setup -- --check list what is missing, install nothing
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** command looked up on PATH (or absolute path) -> Debian package that provides it */
export const REQUIRED: { command: string; pkg: string; why: string }[] = [
  { command: 'gcc', pkg: 'gcc', why: 'builds the native gateway and bench clients' },
  { command: 'make', pkg: 'make', why: 'builds native/' },
  { command: 'wrk', pkg: 'wrk', why: 'closed-loop HTTP load' },
  { command: 'pidstat', pkg: 'sysstat', why: 'per-process CPU, memory, context switches' },
  { command: 'perf', pkg: 'linux-perf', why: 'perf stat software events and perf record stacks' },
  { command: 'strace', pkg: 'strace', why: 'syscalls per request' },
  { command: 'nginx', pkg: 'nginx', why: 'the speed reference in bench:native' },
  { command: '/usr/bin/chromium', pkg: 'chromium', why: 'the real-browser test of the site' },
  { command: 'clang', pkg: 'clang', why: 'libFuzzer targets (npm run fuzz)' },
  { command: 'taskset', pkg: 'util-linux', why: 'CPU pinning of load generator and system under test' },
];
/** libraries with no command of their own: path that proves the package is there -> package */
export const REQUIRED_FILES: { glob: string; pkg: string; why: string }[] = [
  { glob: '/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a', pkg: 'libclang-rt-14-dev', why: 'libFuzzer runtime' },
];

function globExists(pattern: string): boolean {
  return spawnSync('sh', ['-c', `ls ${pattern}`], { stdio: 'ignore' }).status === 0;
}

function onPath(command: string): boolean {
  if (command.startsWith('/')) return existsSync(command);
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Packages whose tools are missing on this machine. */
export function missingPackages(): string[] {
  const missing = new Set<string>();
  for (const r of REQUIRED) if (!onPath(r.command)) missing.add(r.pkg);
  if (process.arch === 'x64') for (const f of REQUIRED_FILES) if (!globExists(f.glob)) missing.add(f.pkg);
  return [...missing];
}

function run(argv: string[]): boolean {
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

function main(): number {
  const tools = installTools();
  if (tools !== 0 || process.argv.includes('--check')) return tools;
  return run([process.execPath, fileURLToPath(new URL('run.mjs', import.meta.url))]) ? 0 : 1;
}

function installTools(): number {
  const missing = missingPackages();
  if (missing.length === 0) {
    if (!process.argv.includes('--quiet')) console.log('setup: all system tools present');
    return 0;
  }
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  if (process.argv.includes('--check')) {
    console.log(`setup: missing packages: ${missing.join(' ')}\n  install with: sudo apt-get update && sudo ${install.join(' ')}`);
    return 1;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = isRoot ? [] : onPath('sudo') ? ['sudo', '-n'] : null;
  if (prefix === null) {
    console.error(`setup: these Debian packages are missing: ${missing.join(' ')}\n  run as root: apt-get update && ${install.join(' ')}`);
    return 1;
  }
  console.log(`setup: installing ${missing.join(' ')} with apt-get`);
  if (!run([...prefix, 'apt-get', 'update', '-qq']) || !run([...prefix, ...install])) {
    console.error(`setup: apt-get failed; run by hand: ${isRoot ? '' : 'sudo '}apt-get update && ${isRoot ? '' : 'sudo '}${install.join(' ')}`);
    return 1;
  }
  const still = missingPackages();
  if (still.length) {
    console.error(`setup: still missing after install: ${still.join(' ')}`);
    return 1;
  }
  console.log('setup: done');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main());
