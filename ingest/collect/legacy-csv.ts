/**
 * Where the collector gets the converter of pidstat samples to the seed-era CSV
 * (`timestamp,pid,cpu_percent,...`): ingest/parsers/legacy-csv.ts `toLegacyCsv`, owned by the parsers'
 * engineer. Loaded lazily so the collector runs (without writing the CSV) while that module does not exist.
 */
import type { PidstatRecord } from '../records/pidstat.ts';

/**
 * The converter, or null when ingest/parsers/legacy-csv.ts is not there yet.
 *
 * @example
 * const toCsv = await legacyCsvConverter(); toCsv?.(record) // -> 'timestamp,pid,cpu_percent,...\n'
 */
export async function legacyCsvConverter(): Promise<((rec: PidstatRecord) => string) | null> {
  const path = '../parsers/legacy-csv.ts';
  try {
    const mod = (await import(path)) as { toLegacyCsv?: (samples: PidstatRecord['samples']) => string };
    if (typeof mod.toLegacyCsv !== 'function') return null;
    return (rec) => mod.toLegacyCsv!(rec.samples);
  } catch {
    return null;
  }
}
