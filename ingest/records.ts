/**
 * The union of every record a parser returns, discriminated by `format`. Each format's schema lives in
 * its own module under ingest/records/ (one zod declaration = validator + type); this file only joins them.
 * Parser authors: add your record to the union as you add a parser.
 */
import { z } from 'zod';
import { PerfStatRecord } from './records/perf-stat.ts';
import { PidstatRecord } from './records/pidstat.ts';
import { WrkRecord } from './records/wrk.ts';

export { PerfStatRecord, PidstatRecord, WrkRecord };

export const ParsedRecord = z.discriminatedUnion('format', [WrkRecord, PerfStatRecord, PidstatRecord]);
export type ParsedRecord = z.infer<typeof ParsedRecord>;
