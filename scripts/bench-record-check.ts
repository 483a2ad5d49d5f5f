/**
 * `tsx scripts/bench-record-check.ts`: what validating one parsed record costs, zod against the check compiled
 * from the same schema (ingest/record-check.ts), on the records of the small raw files a long history is made
 * of (one synthetic run, analysis/synthetic.ts, as bench-parse-small uses). Per file, warm (one record in a tight
 * loop), in microseconds of CPU time per record, median of ROUNDS rounds of ITER calls:
 *   zod      schema.safeParse(record), what every parser ran before
 *   check    the compiled check alone (keyOrder 'schema'; pidstat: 'any', as its parser uses)
 *   fast     safeParseRecord(schema, record) as the parsers now call it (check, plus the ordered copy when the
 *            parser's draft has keys out of the schema's order); pidstat: the check, as its parser calls it
 *   ratio    zod / fast
 *   copy     safeParseRecord of the record with its top-level keys reversed: the check fails on order, the
 *            any-order check passes, and the ordered copy is built (what wrk and bench-latency drafts take)
 * plus the cold cost: compiling every schema's check once (ms), and zod's first safeParse of each record.
 *
 *   tsx scripts/bench-record-check.ts [--rounds 7] [--iterations 3000] [--bundled]
 *
 * `--bundled` runs the same measurements from an esbuild bundle of this script run by plain node (no tsx
 * keepNames), as the analysis workers run. Nothing asserts timings; on a shared machine repeat it.
 */
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { syntheticRunFiles } from '../analysis/synthetic.ts';
import { detectFormat } from '../ingest/detect.ts';
import { compileCheck, safeParseRecord } from '../ingest/record-check.ts';
import * as records from '../ingest/records.ts';
import { medianCpuUs, runBundled } from './lib/cpu-bench.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, iterations: { type: 'string' }, bundled: { type: 'boolean' } } });
const ROUNDS = Number(values.rounds ?? 7);
const ITER = Number(values.iterations ?? 3000);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || !Number.isInteger(ITER) || ITER < 1) {
  console.error('bench-record-check: --rounds and --iterations must be positive integers');
  process.exit(2);
}

const SCHEMAS: Record<string, z.ZodType> = records.RECORD_SCHEMAS;

/** Median CPU microseconds per call of `fn` over ROUNDS rounds of ITER calls (lib/cpu-bench.ts). */
function timeIt(fn: () => unknown): number {
  return medianCpuUs(fn, ROUNDS, ITER);
}

function cpuUs(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(c0);
  return d.user + d.system;
}

if (values.bundled) process.exit(await runBundled(import.meta.url));

const { files } = syntheticRunFiles({
  id: 'bench-record-check',
  created_at: '2026-01-01T00:00:00.000Z',
  seed: 1,
  repetitions: 5,
  effects: { fdpass: { rps: 1.15, gw_sys: 0.45 } },
  fingerprint: 'bench-machine',
});

const compileMs = cpuUs(() => {
  for (const schema of Object.values(SCHEMAS)) {
    compileCheck(schema);
    compileCheck(schema, { keyOrder: 'any' });
  }
}) / 1000;

console.log(`bench:record-check: median of ${ROUNDS} rounds x ${ITER} calls, node ${process.version}; compiling all ${Object.keys(SCHEMAS).length} schemas' checks (both key orders): ${compileMs.toFixed(1)} ms`);
console.log(`  ${'file'.padEnd(30)} ${'format'.padEnd(16)} ${'zod 1st'.padStart(8)} ${'zod'.padStart(7)} ${'check'.padStart(7)} ${'fast'.padStart(7)} ${'ratio'.padStart(6)} ${'copy'.padStart(7)}  (us of CPU/record)`);
const totals = { zod: 0, check: 0, fast: 0 };
for (const [p, text] of [...files].sort((a, b) => a[0].localeCompare(b[0]))) {
  if (!p.startsWith('proxy/rep-1/')) continue;
  const record = detectFormat(text).parse(text) as { format: string };
  const schema = SCHEMAS[record.format];
  const pidstat = record.format === 'pidstat';
  const check = compileCheck(schema, pidstat ? { keyOrder: 'any' } : {});
  if (check === null || !check(record)) throw new Error(`bench-record-check: ${p}: the record does not pass its check`);
  const first = cpuUs(() => schema.safeParse(record));
  const zod = timeIt(() => schema.safeParse(record));
  const checkUs = timeIt(() => check(record));
  const fast = pidstat ? checkUs : timeIt(() => safeParseRecord(schema, record));
  // a draft whose keys are out of the schema's order (wrk's latency_ms, bench-latency's format) takes the copy
  const reversed = Object.fromEntries(Object.entries(record).reverse());
  const copy = pidstat ? Number.NaN : timeIt(() => safeParseRecord(schema, reversed));
  totals.zod += zod;
  totals.check += checkUs;
  totals.fast += fast;
  console.log(
    `  ${p.slice('proxy/rep-1/'.length).padEnd(30)} ${record.format.padEnd(16)} ${first.toFixed(0).padStart(8)} ${zod.toFixed(2).padStart(7)} ${checkUs.toFixed(2).padStart(7)} ${fast.toFixed(2).padStart(7)} ${(zod / fast).toFixed(1).padStart(6)} ${copy.toFixed(2).padStart(7)}`,
  );
}
console.log(`  ${'all files of one repetition'.padEnd(56)} ${totals.zod.toFixed(2).padStart(7)} ${totals.check.toFixed(2).padStart(7)} ${totals.fast.toFixed(2).padStart(7)} ${(totals.zod / totals.fast).toFixed(1).padStart(6)}`);
