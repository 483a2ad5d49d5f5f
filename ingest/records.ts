/**
 * The union of every record a parser returns, discriminated by `format`. Each format's schema lives in
 * its own module under ingest/records/ (one zod declaration = validator + type); this file only joins them.
 * Parser authors: add your record to the union as you add a parser.
 */
import { z } from 'zod';
import { BenchCpuRecord } from './records/bench-cpu.ts';
import { BenchLatenciesRecord } from './records/bench-latencies.ts';
import { BenchLatencyRecord } from './records/bench-latency.ts';
import { BenchMemoryRecord } from './records/bench-memory.ts';
import { BenchThroughputRecord } from './records/bench-throughput.ts';
import { LegacyCsvRecord } from './records/legacy-csv.ts';
import { PerfStatRecord } from './records/perf-stat.ts';
import { PidstatRecord } from './records/pidstat.ts';
import { ProcStatRecord } from './records/proc-stat.ts';
import { SpeedProbeRecord } from './records/speed-probe.ts';
import { StraceRecord } from './records/strace.ts';
import { WrkRecord } from './records/wrk.ts';

export { BenchCpuRecord, BenchLatenciesRecord, BenchLatencyRecord, BenchMemoryRecord, BenchThroughputRecord, LegacyCsvRecord, PerfStatRecord, PidstatRecord, ProcStatRecord, SpeedProbeRecord, StraceRecord, WrkRecord };

export const ParsedRecord = z.discriminatedUnion('format', [WrkRecord, PerfStatRecord, StraceRecord, LegacyCsvRecord, PidstatRecord, BenchThroughputRecord, BenchLatencyRecord, BenchLatenciesRecord, BenchMemoryRecord, BenchCpuRecord, SpeedProbeRecord, ProcStatRecord]);
export type ParsedRecord = z.infer<typeof ParsedRecord>;
