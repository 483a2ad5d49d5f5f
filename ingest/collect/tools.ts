/**
 * The tools a run drives: their versions (recorded in the manifest), which are missing (with the command that
 * installs them), and which optional monitors cannot run here (their phases are skipped and the reason recorded).
 * `parseToolVersion` is pure; the rest runs commands.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** tool -> how to ask its version, the Debian package that provides it */
export const TOOLS: Record<string, { argv: string[]; pkg: string }> = {
  wrk: { argv: ['wrk', '--version'], pkg: 'wrk' },
  sysstat: { argv: ['pidstat', '-V'], pkg: 'sysstat' },
  perf: { argv: ['perf', '--version'], pkg: 'linux-perf' },
  strace: { argv: ['strace', '-V'], pkg: 'strace' },
  gcc: { argv: ['gcc', '--version'], pkg: 'gcc' },
  make: { argv: ['make', '--version'], pkg: 'make' },
  taskset: { argv: ['taskset', '-V'], pkg: 'util-linux' },
};

/**
 * The version number in a tool's version output (first line that has one).
 *
 * @example
 * parseToolVersion('wrk', 'wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer') // -> '4.1.0-3+b2'
 * parseToolVersion('sysstat', 'sysstat version 12.6.1\n(C) Sebastien Godard') // -> '12.6.1'
 */
export function parseToolVersion(tool: string, output: string): string | null {
  const patterns: Record<string, RegExp> = {
    wrk: /^wrk\s+(?:debian\/)?(\S+)/m,
    sysstat: /sysstat version\s+(\S+)/,
    perf: /perf version\s+(\S+)/,
    strace: /strace -- version\s+(\S+)/,
    gcc: /^gcc\s.*?\s(\d+\.\d+\.\d+)/m,
    make: /GNU Make\s+(\S+)/,
    taskset: /util-linux\s+(\S+)/,
  };
  const m = (patterns[tool] ?? /(\d+(?:\.\d+)+\S*)/).exec(output);
  return m ? m[1] : null;
}

function commandExists(command: string): boolean {
  if (command.includes('/')) return existsSync(command);
  return spawnSync('sh', ['-c', `command -v '${command}'`], { stdio: 'ignore' }).status === 0;
}

/**
 * Versions of every tool in TOOLS, plus node; null for a tool that is not installed.
 *
 * @example
 * readToolVersions().sysstat // -> '12.6.1'
 */
export function readToolVersions(): Record<string, string | null> {
  const out: Record<string, string | null> = { node: process.version };
  for (const [tool, { argv }] of Object.entries(TOOLS)) {
    if (!commandExists(argv[0])) {
      out[tool] = null;
      continue;
    }
    const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 10_000 });
    out[tool] = parseToolVersion(tool, `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  }
  return out;
}

/**
 * The required tools that are missing, as one message with the install command; null when all are present.
 *
 * @example
 * missingToolsMessage(['wrk', 'pidstat']) // -> null, or "missing tools: wrk (package wrk). Install them with: npm run setup  (or: sudo apt-get install -y wrk)"
 */
export function missingToolsMessage(commands: string[]): string | null {
  const byCommand = new Map(Object.values(TOOLS).map((t) => [t.argv[0], t.pkg]));
  const missing = commands.filter((c) => !commandExists(c));
  if (missing.length === 0) return null;
  const pkgs = [...new Set(missing.map((c) => byCommand.get(c) ?? c))];
  return `missing tools: ${missing.map((c) => `${c} (package ${byCommand.get(c) ?? c})`).join(', ')}. Install them with: npm run setup  (or: sudo apt-get install -y ${pkgs.join(' ')})`;
}

/**
 * Why perf cannot monitor a process here (not installed, or not permitted), or null when it can.
 *
 * @example
 * perfUnavailableReason() // -> null, or "perf is not installed (package linux-perf)"
 */
export function perfUnavailableReason(): string | null {
  if (!commandExists('perf')) return 'perf is not installed (package linux-perf; npm run setup installs it)';
  const r = spawnSync('perf', ['stat', '-e', 'task-clock', '--', 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) {
    const why = (r.stderr || '').split('\n').find((l) => l.trim() !== '')?.trim() ?? `exit code ${r.status}`;
    return `perf cannot count events here: ${why} (as root, or lower /proc/sys/kernel/perf_event_paranoid)`;
  }
  return null;
}

/**
 * Why perf cannot count syscall entries here (the `raw_syscalls:sys_enter` tracepoint needs tracefs and
 * the rights to read it), or null when it can.
 *
 * @example
 * syscallCountUnavailableReason() // -> null, or "perf cannot count raw_syscalls:sys_enter: event syntax error ..."
 */
export function syscallCountUnavailableReason(): string | null {
  const r = spawnSync('perf', ['stat', '-e', 'raw_syscalls:sys_enter', '--', 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (r.status === 0) return null;
  const why = (r.stderr || '').split('\n').find((l) => l.trim() !== '')?.trim() ?? `exit code ${r.status}`;
  return `perf cannot count raw_syscalls:sys_enter: ${why} (syscalls per request come from strace only)`;
}

/**
 * Why strace cannot attach here, or null when it can.
 *
 * @example
 * straceUnavailableReason() // -> null, or "strace is not installed (package strace)"
 */
export function straceUnavailableReason(): string | null {
  if (!commandExists('strace')) return 'strace is not installed (package strace; npm run setup installs it)';
  const r = spawnSync('strace', ['-c', '-o', '/dev/null', '--', 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (r.status !== 0) return `strace cannot trace here: ${(r.stderr || '').trim().split('\n')[0] || `exit code ${r.status}`}`;
  return null;
}

/**
 * Why bench-latency cannot run (not built), or null.
 *
 * @example
 * benchLatencyUnavailableReason('/work/main/native/build/bench-latency') // -> null once `make -C native` built it
 */
export function benchLatencyUnavailableReason(path: string): string | null {
  return existsSync(path) ? null : `${path} is not built (make -C native builds it)`;
}

export { commandExists };
