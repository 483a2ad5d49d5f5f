/**
 * bench-cpu summary (stdout of native/build/bench-cpu) -> BenchCpuRecord. Pure.
 */
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { BenchCpuRecord, type BenchCpuProcess } from '../records/bench-cpu.ts';
import { validatedRecord } from '../validated-record.ts';
import { BenchFields, ProcessFields, processRole, readBenchSummary, sniffBenchSummary } from './bench-summary.ts';

/**
 * Parse one bench-cpu summary.
 *
 * @example
 * parseBenchCpu('bench-cpu 1\npids: 17917\nchildren: 1\nclock_tick_us: 10000\n...')
 * // -> { format: 'bench-cpu', requests: 92438, total_cpu_us: 1500000, total_cpu_us_per_req: 16.227, processes: [...], ... }
 */
export function parseBenchCpu(text: string): BenchCpuRecord {
  const summary = readBenchSummary(text, 'bench-cpu');
  const f = new BenchFields(summary);
  const processes: BenchCpuProcess[] = summary.processes.map(({ pairs, line }) => {
    const p = new ProcessFields(pairs, line);
    return {
      pid: p.int('pid'),
      ppid: p.int('ppid'),
      role: processRole(p.str('role'), line),
      comm: p.str('comm'),
      utime_us: p.int('utime_us'),
      stime_us: p.int('stime_us'),
      cpu_us: p.int('cpu_us'),
      cpu_pct: p.num('cpu_pct'),
      cpu_us_per_req: p.optionalNum('cpu_us_per_req'),
      waited_children_cpu_us: p.int('waited_children_cpu_us'),
      alive: p.flag('alive'),
    };
  });
  const record = {
    format: 'bench-cpu' as const,
    version: summary.version,
    pids: f.ints('pids'),
    children: f.flag('children'),
    clock_tick_us: f.int('clock_tick_us'),
    interval_ms: f.int('interval_ms'),
    duration_s: f.num('duration_s'),
    requests: f.optionalInt('requests'),
    processes_seen: f.int('processes_seen'),
    processes,
    total_utime_us: f.int('total_utime_us'),
    total_stime_us: f.int('total_stime_us'),
    total_cpu_us: f.int('total_cpu_us'),
    total_cpu_pct: f.num('total_cpu_pct'),
    total_cpu_us_per_req: f.optionalNum('total_cpu_us_per_req'),
    waited_children_cpu_us: f.int('waited_children_cpu_us'),
    command: f.optionalStr('command'),
    command_exit: f.optionalStr('command_exit') === null ? null : f.signedInt('command_exit'),
  };
  if (processes.length !== record.processes_seen) {
    throw new ParseError(`bench-cpu summary lists ${processes.length} process lines for processes_seen ${record.processes_seen} (truncated?)`);
  }
  if ((record.requests === null) !== (record.total_cpu_us_per_req === null)) {
    throw new ParseError('bench-cpu summary has "requests" without "total_cpu_us_per_req" or the reverse');
  }
  return validatedRecord(BenchCpuRecord, record, 'bench-cpu');
}

/**
 * @example sniffBenchCpu('bench-cpu 1\n') // true
 */
export function sniffBenchCpu(head: string): boolean {
  return sniffBenchSummary(head, 'bench-cpu');
}

/** The bench-cpu entry of the format registry (ingest/formats.ts). */
export const benchCpuFormat: Format<BenchCpuRecord> = { name: 'bench-cpu', sniff: sniffBenchCpu, parse: parseBenchCpu };
