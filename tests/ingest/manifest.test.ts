import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { manifestV1toV2, migrateManifest, MANIFEST_SCHEMA_VERSION } from '../../ingest/manifest.ts';

// A real committed run's manifest (schema version 1), read only.
const V1 = 'raw-results/2026-12-06T05-53-30Z-v1.0-vs-v2.0/manifest.json';

test('a version 1 manifest gets its machine named by its hostname and becomes a compare run; nothing else changes', () => {
  const raw = JSON.parse(readFileSync(V1, 'utf8'));
  assert.is(raw.schema_version, 1);
  assert.is(raw.machine.name, undefined);
  const m = migrateManifest(JSON.parse(readFileSync(V1, 'utf8')));
  assert.is(MANIFEST_SCHEMA_VERSION, 3);
  assert.is(m.schema_version, 3);
  assert.equal([m.kind, m.sweep], ['compare', null]);
  assert.equal(m.machine, { name: 'vm', hostname: 'vm', kernel: '6.18.44-fc-v1272', cpu_model: 'AMD EPYC', cpu_count: 2, mem_kb: 24683748, fingerprint: 'd81ee1ca05b0b320' });
  const { schema_version: _a, machine: _b, kind: _k, sweep: _s, ...rest } = m;
  const { schema_version: _c, machine: _d, ...restRaw } = raw;
  assert.equal(JSON.parse(JSON.stringify(rest)), restRaw);
});

test('the v1 -> v2 step keeps a name that is already there, and leaves a manifest without machine to the schema', () => {
  assert.equal(manifestV1toV2({ schema_version: 1, machine: { name: 'bench-1', hostname: 'h' } }), { schema_version: 2, machine: { name: 'bench-1', hostname: 'h' } });
  assert.throws(() => migrateManifest({ ...JSON.parse(readFileSync(V1, 'utf8')), machine: undefined }), /manifest invalid at machine/);
});

test('a current manifest with a machine name passes as it is', () => {
  const v2 = migrateManifest(JSON.parse(readFileSync(V1, 'utf8')));
  const named = { ...JSON.parse(JSON.stringify(v2)), machine: { ...v2.machine, name: 'ci-runner' } };
  assert.is(migrateManifest(named).machine.name, 'ci-runner');
  assert.throws(() => migrateManifest({ ...named, machine: { ...v2.machine, name: undefined } }), /manifest invalid at machine\.name/);
});

test.run();
