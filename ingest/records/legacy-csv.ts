/**
 * The record for the CSV the seed-era monitor script wrote (`monitor_cpu.sh`: pidstat piped through awk
 * with fixed column positions). Columns keep the file's own names, which are that file format's contract:
 * `timestamp,pid,cpu_percent,user_cpu,sys_cpu,memory_mb,ctx_switches,voluntary_switches,nonvoluntary_switches`
 * (percentages of one CPU, resident memory in MiB, context switches per second; `ctx_switches` is
 * voluntary + non-voluntary).
 *
 * Real seed-era files are known to hold values from the wrong pidstat columns (under a 12-hour locale the
 * awk positions shift: a command name in `nonvoluntary_switches`, memory 0.00). The parser reads them as
 * they are: a cell that is not a number is null and listed in `invalid_cells`, so nothing downstream
 * mistakes it for a measurement.
 */
import { z } from 'zod';

export const LEGACY_CSV_COLUMNS = [
  'timestamp',
  'pid',
  'cpu_percent',
  'user_cpu',
  'sys_cpu',
  'memory_mb',
  'ctx_switches',
  'voluntary_switches',
  'nonvoluntary_switches',
] as const;

const metric = z.number().nullable();

export const LegacyCsvSample = z.object({
  /** as written, e.g. "2026-11-22 19:01:16" */
  timestamp: z.string(),
  pid: z.number().int().nullable(),
  cpu_percent: metric,
  user_cpu: metric,
  sys_cpu: metric,
  memory_mb: metric,
  ctx_switches: metric,
  voluntary_switches: metric,
  nonvoluntary_switches: metric,
});
export type LegacyCsvSample = z.infer<typeof LegacyCsvSample>;

export const LegacyCsvRecord = z.object({
  format: z.literal('legacy-csv'),
  samples: z.array(LegacyCsvSample),
  /** cells that were not numbers (1-based line, column name, the text): read as null */
  invalid_cells: z.array(z.object({ line: z.number().int(), column: z.string(), value: z.string() })),
});
export type LegacyCsvRecord = z.infer<typeof LegacyCsvRecord>;
