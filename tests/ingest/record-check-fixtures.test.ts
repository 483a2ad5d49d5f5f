/**
 * Differential test of ingest/record-check.ts on every real file: each record the parsers return (through the
 * compiled check) must be deep-equal and JSON-identical to what zod's parse of it gives (the old path).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { detectFormat } from '../../ingest/detect.ts';
import { Manifest, migrateManifest } from '../../ingest/manifest.ts';
import { compileCheck } from '../../ingest/record-check.ts';
import * as records from '../../ingest/records.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIRS = [join(ROOT, 'tests/fixtures'), join(ROOT, 'raw-results'), '/work/shared/formats'];

const SCHEMAS: Record<string, z.ZodType> = records.RECORD_SCHEMAS;

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

const files = DIRS.flatMap(filesUnder);

/** zod runs by the parsers (a fallback from the compiled check), counted by wrapping each schema's parse calls. */
let zodRuns = 0;
for (const schema of [...Object.values(SCHEMAS), records.PidstatRecord.omit({ samples: true })]) {
  const { safeParse, parse } = schema;
  Object.assign(schema, {
    safeParse: (v: unknown) => {
      zodRuns++;
      return safeParse.call(schema, v);
    },
    parse: (v: unknown) => {
      zodRuns++;
      return parse.call(schema, v);
    },
  });
}

test('every schema the parsers validate with compiles (no fallback to zod by construction)', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) assert.ok(compileCheck(schema) !== null, name);
  assert.ok(compileCheck(records.PidstatRecord.omit({ samples: true })) !== null);
  assert.ok(compileCheck(Manifest) !== null);
});

test('every parsed fixture: the record equals the old path (zod.parse of it), deep and as JSON; all pass the check', () => {
  const byFormat: Record<string, number> = {};
  let failedCheck = 0;
  let fellBack = 0;
  for (const file of files) {
    if (!/\.(txt|log|csv|out)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    let record: { format: string };
    zodRuns = 0;
    try {
      record = detectFormat(text.slice(0, 65536)).parse(text) as { format: string };
    } catch {
      continue; // not a raw format, or a fixture of a parse error
    }
    fellBack += zodRuns;
    const schema = SCHEMAS[record.format];
    assert.ok(schema !== undefined, `${file}: format ${record.format} has a schema`);
    const viaZod = schema.parse(record); // the old path: zod's output for the record
    assert.ok(isDeepStrictEqual(record, viaZod), `${file}: deep-equal`);
    if (record.format === 'pidstat') {
      // the pidstat parser returned its own object before too (zod only gave the verdict): the old path's
      // record is the parser's, keys in its order; the check ignores key order there
      if (!compileCheck(schema, { keyOrder: 'any' })?.(record)) failedCheck++;
    } else {
      assert.is(JSON.stringify(record), JSON.stringify(viaZod), `${file}: JSON`);
      if (!compileCheck(schema)?.(record)) failedCheck++;
    }
    byFormat[record.format] = (byFormat[record.format] ?? 0) + 1;
  }
  assert.is(failedCheck, 0, 'records made by the parsers all pass their compiled check');
  assert.is(fellBack, 0, 'no parser ran zod on a fixture that parses');
  // the corpus covers every format
  for (const format of Object.keys(SCHEMAS)) assert.ok((byFormat[format] ?? 0) > 0, `a ${format} fixture parsed`);
});

test('every manifest.json: migrateManifest (checked) equals Manifest.parse, deep and as JSON', () => {
  let seen = 0;
  let passed = 0;
  for (const file of files) {
    if (!file.endsWith('manifest.json')) continue;
    const text = readFileSync(file, 'utf8');
    let viaZod: unknown;
    try {
      viaZod = Manifest.parse(JSON.parse(text));
    } catch {
      assert.throws(() => migrateManifest(JSON.parse(text)));
      continue;
    }
    const raw: unknown = JSON.parse(text);
    const migrated = migrateManifest(raw);
    assert.ok(isDeepStrictEqual(migrated, viaZod), `${file}: deep-equal`);
    assert.is(JSON.stringify(migrated), JSON.stringify(viaZod), `${file}: JSON`);
    seen++;
    if (migrated === raw) passed++;
  }
  assert.ok(seen >= 5, `manifests seen: ${seen}`);
  assert.is(passed, seen, 'every collected manifest passes as it is');
});

test.run();
