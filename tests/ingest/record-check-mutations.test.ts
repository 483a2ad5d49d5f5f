/**
 * Seeded mutation test of ingest/record-check.ts: real records (parsed from fixtures) and real manifests,
 * edited thousands of times at random. Whenever a compiled check says true, zod must accept the value and
 * return it unchanged (deep-equal; with keyOrder 'schema' also JSON-identical); whenever zod refuses, both
 * checks must say false and safeParseRecord must give zod's own issues.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { detectFormat } from '../../ingest/detect.ts';
import { Manifest } from '../../ingest/manifest.ts';
import { compileCheck, safeParseRecord } from '../../ingest/record-check.ts';
import * as records from '../../ingest/records.ts';
// the seeded generator the statistics use, so a failure reproduces
import { mulberry32 } from '../../analysis/stats/prng.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

const SCHEMAS: Record<string, z.ZodType> = records.RECORD_SCHEMAS;

/** Small real files, at least one per format (wrk2 with spectra, perf -I intervals, pidstat -t with extras). */
const FIXTURES = [
  'tests/fixtures/wrk/latency-c16.txt',
  'tests/fixtures/wrk/wrk2-uncorrected-seconds.txt',
  'tests/fixtures/perf-stat/text-p-fr_FR-grouped.txt',
  'tests/fixtures/perf-stat/json-I500.txt',
  'tests/fixtures/perf-stat/csv-x-r3.txt',
  'tests/fixtures/strace/c-f-p-nginx-under-wrk.txt',
  'tests/fixtures/legacy-csv/seed-monitor-proxy.csv',
  'tests/fixtures/pidstat/c-urwd-Hh.txt',
  'tests/fixtures/pidstat/deDE-ut-threads.txt',
  'tests/fixtures/bench/throughput-nginx-close-post.txt',
  'tests/fixtures/bench/latency-nginx-R1000.txt',
  'tests/fixtures/bench/latencies-nginx-R1000.txt',
  'tests/fixtures/bench/memory-gateway-proxy.txt',
  'tests/fixtures/bench/cpu-nginx-throughput.txt',
];
const MANIFESTS = ['tests/fixtures/analysis/runs/2026-11-22T19-15-00Z-nginx/manifest.json', 'raw-results/2026-11-22T19-44-14Z-v1.0-vs-v2.0/manifest.json'];


type Container = Record<string, unknown> | unknown[];

/** Every object and array inside `root` (root included), with where it hangs. */
function containers(root: unknown): { node: Container; parent: Container | null; key: string | number }[] {
  const out: { node: Container; parent: Container | null; key: string | number }[] = [];
  const walk = (node: unknown, parent: Container | null, key: string | number) => {
    if (typeof node !== 'object' || node === null) return;
    out.push({ node: node as Container, parent, key });
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, node, i));
    else for (const k of Object.keys(node)) walk((node as Record<string, unknown>)[k], node as Container, k);
  };
  walk(root, null, '');
  return out;
}

const VALUES: unknown[] = [null, Number.NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 2 ** 53, 'str', '', '19:1:2', 'bogus', 'counted', true, undefined, {}, [], [1], { a: 1 }];

/** One random edit of `root` (in place, except the root itself may be replaced: the new root is returned). */
function mutate(root: unknown, rand: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const anyValue = () => structuredClone(pick(VALUES)); // a fresh copy: a shared {} would end up inside itself
  const all = containers(root);
  const target = pick(all);
  const node = target.node;
  const replace = (v: unknown) => {
    if (target.parent === null) root = v;
    else (target.parent as Record<string | number, unknown>)[target.key] = v;
  };
  const op = Math.floor(rand() * 12);
  if (Array.isArray(node)) {
    if (op < 3 && node.length) node.splice(Math.floor(rand() * node.length), 1);
    else if (op < 5) node.length = 0;
    else if (op < 7 && node.length) delete node[Math.floor(rand() * node.length)]; // a hole
    else if (op < 9 && node.length) node[Math.floor(rand() * node.length)] = anyValue();
    else if (op < 10) replace({ ...node });
    else node.push(anyValue());
    return root;
  }
  const keys = Object.keys(node);
  const key = keys.length ? pick(keys) : 'none';
  const value = (node as Record<string, unknown>)[key];
  switch (op) {
    case 0:
      delete (node as Record<string, unknown>)[key];
      break;
    case 1:
      (node as Record<string, unknown>).zz_unknown = anyValue();
      break;
    case 2:
      replace({ zz_first: 1, ...node });
      break;
    case 3: {
      // swap two keys' places
      const other = pick(keys);
      const swapped: Record<string, unknown> = {};
      for (const k of keys) swapped[k === key ? other : k === other ? key : k] = (node as Record<string, unknown>)[k === key ? other : k === other ? key : k];
      replace(swapped);
      break;
    }
    case 4:
      replace(Object.assign(Object.create(null) as object, node));
      break;
    case 5:
      (node as Record<symbol, unknown>)[Symbol('s')] = 1;
      break;
    case 6:
      if (typeof value === 'number') (node as Record<string, unknown>)[key] = value + 0.5;
      else if (typeof value === 'string') (node as Record<string, unknown>)[key] = `${value}x`;
      else (node as Record<string, unknown>)[key] = anyValue();
      break;
    case 7:
      replace(Object.values(node));
      break;
    case 8:
      (node as Record<string, unknown>)[key] = undefined;
      break;
    default:
      (node as Record<string, unknown>)[key] = anyValue();
  }
  return root;
}

function parsed(file: string): { schema: z.ZodType; record: unknown } {
  const text = readFileSync(ROOT + file, 'utf8');
  const record = detectFormat(text).parse(text) as { format: string };
  return { schema: SCHEMAS[record.format], record };
}

const BASES: { name: string; schema: z.ZodType; record: unknown }[] = [
  ...FIXTURES.map((f) => ({ name: f, ...parsed(f) })),
  ...MANIFESTS.map((f) => ({ name: f, schema: Manifest as z.ZodType, record: JSON.parse(readFileSync(ROOT + f, 'utf8')) as unknown })),
];

test('the bases: every format, each passing the any-order check (and zod)', () => {
  assert.is(BASES.length, 16);
  assert.equal(new Set(BASES.slice(0, FIXTURES.length).map((b) => (b.record as { format: string }).format)).size, 10);
  for (const b of BASES) {
    assert.ok(b.schema.safeParse(b.record).success, b.name);
    assert.ok(compileCheck(b.schema, { keyOrder: 'any' })?.(b.record), b.name);
  }
});

test('thousands of seeded edits: a true check is zod accepting the value unchanged; zod refusing is a false check', () => {
  const rand = mulberry32(20261122);
  const PER_BASE = 400;
  let mutants = 0;
  let refused = 0;
  let passedOrdered = 0;
  let passedAny = 0;
  let falseNegatives = 0;
  for (const base of BASES) {
    const ordered = compileCheck(base.schema);
    const anyOrder = compileCheck(base.schema, { keyOrder: 'any' });
    if (ordered === null || anyOrder === null) throw new Error(`${base.name}: no check`);
    for (let i = 0; i < PER_BASE; i++) {
      let m: unknown = structuredClone(base.record);
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) m = mutate(m, rand);
      mutants++;
      const o = ordered(m);
      const a = anyOrder(m);
      const zod = base.schema.safeParse(m);
      const fast = safeParseRecord(base.schema, m);
      const where = `${base.name} mutant ${i}`;
      if (o) {
        passedOrdered++;
        assert.ok(zod.success, `${where}: zod accepts what the ordered check passes`);
        assert.ok(isDeepStrictEqual(zod.data, m), `${where}: deep-equal`);
        assert.is(JSON.stringify(zod.data), JSON.stringify(m), `${where}: JSON`);
      }
      if (a) {
        passedAny++;
        assert.ok(zod.success, `${where}: zod accepts what the any-order check passes`);
        assert.ok(isDeepStrictEqual(zod.data, m), `${where}: deep-equal (any order)`);
      }
      if (o) assert.ok(a, `${where}: ordered implies any order`);
      if (!zod.success) {
        refused++;
        assert.not.ok(o || a, `${where}: zod refuses, so do the checks`);
        assert.not.ok(fast.success);
        assert.is(JSON.stringify(fast.error?.issues), JSON.stringify(zod.error.issues), `${where}: zod's issues`);
      } else {
        assert.ok(fast.success, where);
        assert.ok(isDeepStrictEqual(fast.data, zod.data), `${where}: safeParseRecord deep-equal to zod`);
        assert.is(JSON.stringify(fast.data), JSON.stringify(zod.data), `${where}: safeParseRecord JSON-identical to zod`);
        if (!a && isDeepStrictEqual(zod.data, m)) falseNegatives++;
      }
    }
  }
  if (process.env.RECORD_CHECK_COUNTS) console.log({ mutants, refused, passedOrdered, passedAny, falseNegatives });
  assert.is(mutants, 16 * PER_BASE);
  // the edits are a mix: enough of each outcome that the assertions above were exercised
  assert.ok(refused > mutants / 3, `refused ${refused}`);
  assert.ok(passedOrdered > 300, `passed ordered ${passedOrdered}`);
  assert.ok(passedAny > passedOrdered, `passed any order ${passedAny}`);
  // zod accepting a value unchanged that the check refused (it falls back to zod): none in these edits
  assert.is(falseNegatives, 0);
});

test('streaming pidstat: a record (samples []) passing PidstatRecord is accepted by the schema without samples', () => {
  const rand = mulberry32(7);
  const withoutSamples = records.PidstatRecord.omit({ samples: true });
  const check = compileCheck(records.PidstatRecord, { keyOrder: 'any' });
  if (check === null) throw new Error('no check');
  let passed = 0;
  for (const base of BASES.filter((b) => (b.record as { format: string }).format === 'pidstat')) {
    for (let i = 0; i < 300; i++) {
      let m = structuredClone(base.record) as Record<string, unknown>;
      m.samples = [];
      m = mutate(m, rand) as Record<string, unknown>;
      if (check(m)) {
        passed++;
        assert.ok(withoutSamples.safeParse(m).success);
      }
    }
  }
  assert.ok(passed > 50, `passed ${passed}`);
});

test.run();
