/**
 * bench-memory summary (stdout of native/build/bench-memory) -> BenchMemoryRecord. Pure.
 */
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { BenchMemoryRecord, type BenchMemoryProcess } from '../records/bench-memory.ts';
import { validatedRecord } from '../validated-record.ts';
import { BenchFields, ProcessFields, processRole, readBenchSummary, sniffBenchSummary } from './bench-summary.ts';

/**
 * Parse one bench-memory summary.
 *
 * @example
 * parseBenchMemory('bench-memory 1\npids: 17917\nchildren: 1\n...')
 * // -> { format: 'bench-memory', rss_baseline_kb: 5556, rss_growth_kb: 0, leak: false, processes: [{ pid: 17917, role: 'root', ... }, ...], ... }
 */
export function parseBenchMemory(text: string): BenchMemoryRecord {
  const summary = readBenchSummary(text, 'bench-memory');
  const f = new BenchFields(summary);
  const leak = f.str('leak');
  if (leak !== 'yes' && leak !== 'no') throw new ParseError(`"leak" value "${leak}" is not yes or no`, summary.fields.get('leak')!.line);
  const processes: BenchMemoryProcess[] = summary.processes.map(({ pairs, line }) => {
    const p = new ProcessFields(pairs, line);
    return {
      pid: p.int('pid'),
      ppid: p.int('ppid'),
      role: processRole(p.str('role'), line),
      comm: p.str('comm'),
      rss_baseline_kb: p.int('rss_baseline_kb'),
      rss_peak_kb: p.int('rss_peak_kb'),
      rss_final_kb: p.int('rss_final_kb'),
      hwm_kb: p.int('hwm_kb'),
      growth_kb: p.signedInt('growth_kb'),
      alive: p.flag('alive'),
    };
  });
  const record = {
    format: 'bench-memory' as const,
    version: summary.version,
    pids: f.ints('pids'),
    children: f.flag('children'),
    interval_ms: f.int('interval_ms'),
    warmup_s: f.num('warmup_s'),
    duration_s: f.num('duration_s'),
    samples: f.int('samples'),
    processes_seen: f.int('processes_seen'),
    processes_final: f.int('processes_final'),
    rss_baseline_kb: f.int('rss_baseline_kb'),
    rss_peak_kb: f.int('rss_peak_kb'),
    rss_final_kb: f.int('rss_final_kb'),
    rss_growth_kb: f.signedInt('rss_growth_kb'),
    rss_slope_kb_per_s: f.num('rss_slope_kb_per_s'),
    hwm_final_kb: f.int('hwm_final_kb'),
    leak_threshold_kb: f.int('leak_threshold_kb'),
    leak: leak === 'yes',
    processes,
    command: f.optionalStr('command'),
    command_exit: f.optionalStr('command_exit') === null ? null : f.signedInt('command_exit'),
  };
  if (processes.length !== record.processes_seen) {
    throw new ParseError(`bench-memory summary lists ${processes.length} process lines for processes_seen ${record.processes_seen} (truncated?)`);
  }
  return validatedRecord(BenchMemoryRecord, record, 'bench-memory');
}

/**
 * @example sniffBenchMemory('bench-memory 1\n') // true
 */
export function sniffBenchMemory(head: string): boolean {
  return sniffBenchSummary(head, 'bench-memory');
}

/** The bench-memory entry of the format registry (ingest/formats.ts). */
export const benchMemoryFormat: Format<BenchMemoryRecord> = { name: 'bench-memory', sniff: sniffBenchMemory, parse: parseBenchMemory };
