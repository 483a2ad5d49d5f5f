/**
 * A Linux /proc/stat snapshot (copied verbatim by the collector before and after a trial) -> ProcStatRecord.
 * Pure.
 *
 * ```
 * cpu  11181 0 11057 58376 449 0 3234 0 0 0
 * cpu0 4626 0 5083 30507 17 0 1893 0 0 0
 * cpu1 6554 0 5974 27868 431 0 1340 0 0 0
 * intr 387058 0 0 ...
 * ```
 * The aggregate `cpu` line comes first, then one `cpuN` line per online CPU (offline ones are left out, so N
 * may skip numbers). The columns are user nice system idle iowait irq softirq [steal [guest [guest_nice]]],
 * in USER_HZ ticks: kernels before 2.6.11 print no steal (read as 0); fewer than 7 numbers (kernels before
 * 2.6.0) is refused, since iowait, irq and softirq would be unknown. Lines after the CPU block (intr, ctxt,
 * btime, processes, procs_running, procs_blocked, softirq) are not kept.
 */
import { firstNonBlankLine } from '../first-line.ts';
import type { Format } from '../formats.ts';
import { clip, ParseError } from '../parse-error.ts';
import { ProcStatRecord, type ProcStatCpu } from '../records/proc-stat.ts';
import { validatedRecord } from '../validated-record.ts';

const CPU_LINE_RE = /^cpu(\d*)(?:\s|$)/;
const COLUMNS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq'] as const;

/**
 * Parse one /proc/stat snapshot.
 *
 * @example
 * parseProcStat('cpu  11181 0 11057 58376 449 0 3234 0 0 0\ncpu0 4626 0 5083 30507 17 0 1893 0 0 0\nintr 387058 0\n')
 * // -> { format: 'proc-stat', cpus: [{ cpu: null, user: 11181, ..., steal: 0 }, { cpu: 0, user: 4626, ... }] }
 * parseProcStat('cpu  1 2 3 4\ncpu0 1 2 3 4\n')
 * // throws ParseError('"cpu" line has 4 numbers; /proc/stat prints at least 7 (user nice system idle iowait irq softirq)', 1)
 */
export function parseProcStat(text: string): ProcStatRecord {
  const lines = text.split(/\r?\n/);
  const first = firstNonBlankLine(text);
  if (first === null) throw new ParseError('empty /proc/stat snapshot: nothing to parse', 1);
  if (!/^cpu\s/.test(first.line)) {
    throw new ParseError(`not a /proc/stat snapshot: expected the aggregate "cpu" line first, got "${clip(first.line)}"`, first.index + 1);
  }
  const cpus: ProcStatCpu[] = [];
  const seen = new Set<string>();
  let blockEnded = false;
  for (let i = first.index; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i];
    const m = CPU_LINE_RE.exec(line);
    if (m === null) {
      if (line.trim() !== '') blockEnded = true;
      continue;
    }
    const name = m[1] === '' ? 'cpu' : `cpu${m[1]}`;
    if (blockEnded) {
      throw new ParseError(`a "${name}" line after the CPU lines ended: two /proc/stat snapshots in one file? (one per file)`, n);
    }
    if (seen.has(name)) throw new ParseError(`a second "${name}" line: two /proc/stat snapshots in one file? (one per file)`, n);
    seen.add(name);
    const values = line.trim().split(/\s+/).slice(1);
    const ticks = values.map((v) => {
      if (!/^\d+$/.test(v)) throw new ParseError(`"${name}" value "${clip(v)}" is not a tick count (a non-negative integer)`, n);
      const t = Number(v);
      if (!Number.isSafeInteger(t)) throw new ParseError(`"${name}" value ${clip(v)} is too large`, n);
      return t;
    });
    if (ticks.length < COLUMNS.length) {
      throw new ParseError(
        `"${name}" line has ${ticks.length} number${ticks.length === 1 ? '' : 's'}; /proc/stat prints at least 7 (${COLUMNS.join(' ')})`,
        n,
      );
    }
    cpus.push({
      cpu: m[1] === '' ? null : Number(m[1]),
      user: ticks[0],
      nice: ticks[1],
      system: ticks[2],
      idle: ticks[3],
      iowait: ticks[4],
      irq: ticks[5],
      softirq: ticks[6],
      steal: ticks[7] ?? 0,
    });
  }
  if (cpus.length < 2) throw new ParseError('/proc/stat snapshot has no "cpuN" lines after the aggregate "cpu" line (truncated?)', first.index + 1);
  return validatedRecord(ProcStatRecord, { format: 'proc-stat' as const, cpus }, 'proc-stat');
}

/**
 * True when the first non-blank line is an aggregate `cpu` line with at least 7 numbers and a later line
 * starts with `cpu0 `.
 *
 * @example
 * sniffProcStat('cpu  11181 0 11057 58376 449 0 3234 0 0 0\ncpu0 4626 0 5083 30507 17 0 1893 0 0 0\n') // true
 * sniffProcStat('cpu  1 2 3 4\ncpu0 1 2 3 4\n') // false
 */
export function sniffProcStat(head: string): boolean {
  if (!head.includes('\ncpu0 ')) return false;
  const first = firstNonBlankLine(head.charCodeAt(0) === 0xfeff ? head.slice(1) : head);
  // (a `\ncpu0 ` is always after the first non-blank line: were it the first, the test below fails)
  return first !== null && /^cpu\s+\d+( \d+){6,}/.test(first.line);
}

/** The /proc/stat entry of the format registry (ingest/formats.ts). */
export const procStatFormat: Format<ProcStatRecord> = { name: 'proc-stat', sniff: sniffProcStat, parse: parseProcStat };
