import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { manifestV1toV2, manifestV3toV4, migrateManifest, MANIFEST_SCHEMA_VERSION } from '../../ingest/manifest.ts';

// A real committed run's manifest (schema version 1), read only.
const V1 = 'raw-results/2026-12-06T05-53-30Z-v1.0-vs-v2.0/manifest.json';

test('a version 1 manifest gets its machine named by its hostname and becomes a compare run; nothing else changes', () => {
  const raw = JSON.parse(readFileSync(V1, 'utf8'));
  assert.is(raw.schema_version, 1);
  assert.is(raw.machine.name, undefined);
  const m = migrateManifest(JSON.parse(readFileSync(V1, 'utf8')));
  assert.is(MANIFEST_SCHEMA_VERSION, 4);
  assert.is(m.schema_version, 4);
  assert.equal([m.kind, m.sweep], ['compare', null]);
  assert.equal(m.machine, { name: 'vm', hostname: 'vm', kernel: '6.18.44-fc-v1272', cpu_model: 'AMD EPYC', cpu_count: 2, mem_kb: 24683748, fingerprint: 'd81ee1ca05b0b320' });
  const { schema_version: _a, machine: _b, kind: _k, sweep: _s, ...rest } = m;
  const { schema_version: _c, machine: _d, ...restRaw } = raw;
  assert.equal(JSON.parse(JSON.stringify(rest)), restRaw);
});

// A real committed sweep (schema version 3): its points had no rate; the run's one --rate is theirs.
const V3_SWEEP = 'raw-results/2026-12-06T09-44-04Z-sweep-v1.0-vs-v2.0/manifest.json';

test("a version 3 sweep's points get the run's --rate as their fixed rate; nothing else changes", () => {
  const raw = JSON.parse(readFileSync(V3_SWEEP, 'utf8'));
  assert.is(raw.schema_version, 3);
  assert.is(raw.sweep.points[0].rate_rps, undefined);
  const m = migrateManifest(raw);
  assert.equal(m.sweep?.points.map((p) => `${p.id}@${p.rate_rps}`), ['16B@2500', '1KiB@2500', '4KiB@2500', '16KiB@2500', '64KiB@2500', '256KiB@2500', '1MiB@2500']);
  assert.equal(manifestV3toV4({ schema_version: 3, config: {}, sweep: { points: [{ id: '16B' }] } }), { schema_version: 4, config: {}, sweep: { points: [{ id: '16B', rate_rps: null }] } });
  assert.equal(manifestV3toV4({ schema_version: 3, sweep: null }), { schema_version: 4, sweep: null });
  const { schema_version: _a, sweep: _b, ...rest } = m;
  const { schema_version: _c, sweep: _d, ...restRaw } = raw;
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
