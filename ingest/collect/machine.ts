/**
 * Facts about the machine a run is collected on, its name and its fingerprint. The name (`--machine NAME`,
 * default the hostname) is what the history groups runs by: one timeline per machine, on which a new
 * kernel, CPU or tool version is an event, not a new machine. The fingerprint (CPU model and count, memory,
 * kernel) stays in the manifest and on the run page: it says when two runs' machines differed.
 * The parsers (`parseCpuInfo`, `parseMemTotalKb`, `machineFingerprint`) are pure; `readMachineFacts` and
 * `readGitState` are the loaders.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, hostname, release } from 'node:os';

export interface MachineFacts {
  /** the user's name for the machine: `--machine NAME`, default the hostname */
  name: string;
  hostname: string;
  kernel: string;
  cpu_model: string;
  cpu_count: number;
  mem_kb: number;
  fingerprint: string;
}

/**
 * CPU model and logical CPU count from /proc/cpuinfo text.
 *
 * @example
 * parseCpuInfo('processor\t: 0\nmodel name\t: AMD EPYC\n\nprocessor\t: 1\nmodel name\t: AMD EPYC\n') // -> { cpu_model: 'AMD EPYC', cpu_count: 2 }
 */
export function parseCpuInfo(text: string): { cpu_model: string | null; cpu_count: number } {
  let model: string | null = null;
  let count = 0;
  for (const line of text.split('\n')) {
    const m = /^([^:]+?)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'processor') count++;
    else if (model === null && (m[1] === 'model name' || m[1] === 'Model' || m[1] === 'cpu model')) model = m[2].trim();
  }
  return { cpu_model: model, cpu_count: count };
}

/**
 * MemTotal (kB) from /proc/meminfo text.
 *
 * @example
 * parseMemTotalKb('MemTotal:       24684096 kB\nMemFree: 1 kB\n') // -> 24684096
 */
export function parseMemTotalKb(text: string): number {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  if (!m) throw new Error('meminfo has no MemTotal line');
  return Number(m[1]);
}

/**
 * A short stable hash of what makes two machines comparable: CPU model, CPU count, memory, kernel.
 * The hostname is not part of it (clones of one VM image are the same machine for benchmarking).
 *
 * @example
 * machineFingerprint({ cpu_model: 'AMD EPYC', cpu_count: 2, mem_kb: 24684096, kernel: '6.1.0' }) // -> 16 hex digits
 */
export function machineFingerprint(f: { cpu_model: string; cpu_count: number; mem_kb: number; kernel: string }): string {
  return createHash('sha256').update(`${f.cpu_model}|${f.cpu_count}|${f.mem_kb}|${f.kernel}`).digest('hex').slice(0, 16);
}

/**
 * Read this machine's facts from /proc and os; `name` is the user's name for it (null: the hostname).
 *
 * @example
 * readMachineFacts(null).cpu_count // -> 2
 * readMachineFacts('ci-runner').name // -> 'ci-runner'
 */
export function readMachineFacts(name: string | null): MachineFacts {
  let cpu = { cpu_model: null as string | null, cpu_count: 0 };
  let mem_kb = 0;
  try {
    cpu = parseCpuInfo(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    /* not Linux: fall back to os.cpus() */
  }
  try {
    mem_kb = parseMemTotalKb(readFileSync('/proc/meminfo', 'utf8'));
  } catch {
    mem_kb = 0;
  }
  const facts = {
    name: name ?? hostname(),
    hostname: hostname(),
    kernel: release(),
    cpu_model: cpu.cpu_model ?? cpus()[0]?.model ?? 'unknown',
    cpu_count: cpu.cpu_count || cpus().length,
    mem_kb,
  };
  return { ...facts, fingerprint: machineFingerprint(facts) };
}

/**
 * The project's git commit and whether the work tree has changes (null when not a git checkout).
 *
 * @example
 * readGitState('/work/main') // -> { commit: '5e665ac...', dirty: true }
 */
export function readGitState(cwd: string): { commit: string | null; dirty: boolean | null } {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' });
  if (head.status !== 0) return { commit: null, dirty: null };
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' });
  return { commit: head.stdout.trim(), dirty: status.status === 0 ? status.stdout.trim() !== '' : null };
}
