import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildManifest, defaultRunLabel, runStatus, variantsThatNeverRan, type ManifestInput } from '../../../ingest/collect/build-manifest.ts';
import { DEFAULT_OPTIONS } from '../../../ingest/collect/options.ts';
import { buildPlan } from '../../../ingest/collect/plan.ts';
import { embeddedVariants } from '../../../ingest/collect/variants.ts';
import { manifestV2toV3, migrateManifest, type Repetition } from '../../../ingest/manifest.ts';
import { embeddedSweepPoints } from '../../../ingest/collect/sweep-points.ts';
import { sweepResults } from '../../../ingest/collect/sweep-summary.ts';

const variants = embeddedVariants({ root: '/repo', port: 8080, workers: 1, fn: 'hello' }).slice(0, 2); // proxy, fdpass
const plan = buildPlan({ variants: ['proxy', 'fdpass'], repetitions: 1, order: 'abab', seed: 5 });

function rep(variant: string, order: number, status: Repetition['status']): Repetition {
  return {
    variant,
    repetition: 1,
    order,
    status,
    error: status === 'failed' ? 'gateway exited with code 1 before answering http://127.0.0.1:8080/api/hello' : null,
    started_at: '2026-11-22T10:00:00.000Z',
    finished_at: '2026-11-22T10:00:10.000Z',
    pids: { gateway: 100, workers: [101], load: [102] },
    phases: [
      {
        name: 'throughput',
        timed: true,
        started_at: '2026-11-22T10:00:01.000Z',
        finished_at: '2026-11-22T10:00:06.000Z',
        commands: [{ role: 'wrk', argv: ['wrk', '-d', '5s'], exit_code: 0, signal: null, pid: 102 }],
        files: [{ role: 'wrk', path: `${variant}/rep-1/throughput.wrk.txt` }],
        summary: { requests: 1000, requests_per_s: 200 },
      },
    ],
  };
}

function input(over: Partial<ManifestInput> = {}): ManifestInput {
  return {
    id: '2026-11-22T10-00-00Z-v1.0-vs-v2.0',
    label: 'v1.0-vs-v2.0',
    created_at: '2026-11-22T10:00:00.000Z',
    finished_at: '2026-11-22T10:00:20.000Z',
    machine: { name: 'vm', hostname: 'vm', kernel: '6.1', cpu_model: 'AMD EPYC', cpu_count: 2, mem_kb: 1000, fingerprint: '0123456789abcdef' },
    tools: { wrk: '4.1.0', perf: null },
    git: { commit: 'a'.repeat(40), dirty: false },
    options: { ...DEFAULT_OPTIONS, repetitions: 1 },
    variants,
    load_scripts: { proxy: null, fdpass: null },
    seed: 5,
    pinning: { sut_cpus: '0', load_cpus: '1' },
    plan,
    together: true,
    repetitions: [rep('proxy', 0, 'complete'), rep('fdpass', 1, 'complete')],
    skipped: [{ phase: 'perf-record', reason: 'perf is not installed' }],
    interrupted_by: null,
    argv: ['--repetitions', '1'],
    ...over,
  };
}

test('runStatus', () => {
  assert.is(runStatus([{ variant: 'a', status: 'complete' }, { variant: 'a', status: 'failed' }], 2, false), 'complete');
  assert.is(runStatus([{ variant: 'a', status: 'failed' }, { variant: 'b', status: 'failed' }], 2, false), 'failed');
  // a variant that never completed: nothing to compare, the run failed
  assert.is(runStatus([{ variant: 'a', status: 'complete' }, { variant: 'b', status: 'failed' }], 2, false), 'failed');
  assert.equal(variantsThatNeverRan([{ variant: 'a', status: 'complete', error: null }, { variant: 'b', status: 'failed', error: 'boom' }, { variant: 'b', status: 'failed', error: 'again' }]), [['b', 'boom']]);
  assert.is(runStatus([{ variant: 'a', status: 'complete' }], 2, false), 'incomplete');
  assert.is(runStatus([{ variant: 'a', status: 'complete' }, { variant: 'b', status: 'complete' }], 2, true), 'incomplete');
  assert.is(runStatus([{ variant: 'a', status: 'complete' }, { variant: 'b', status: 'incomplete' }], 2, false), 'incomplete');
});

test('defaultRunLabel', () => {
  assert.is(defaultRunLabel(variants, false, 'proxy'), 'v1.0-vs-v2.0');
  assert.is(defaultRunLabel([{ label: 'v1.0 (A)' }, { label: 'v1.0 (B)' }], true, 'proxy'), 'aa-proxy');
  assert.is(defaultRunLabel([{ label: 'release 1/2' }, { label: 'next' }], false, 'x'), 'release_1_2-vs-next');
});

test('buildManifest: config, variants, plan and status, readable by migrateManifest', () => {
  const m = buildManifest(input());
  assert.is(m.schema_version, 4);
  assert.is(m.machine.name, 'vm');
  assert.is(m.kind, 'compare');
  assert.is(m.sweep, null);
  assert.is(m.status, 'complete');
  assert.is(m.config.baseline, 'proxy');
  assert.is(m.config.candidate, 'fdpass');
  assert.is(m.config.repetitions, 1);
  assert.is(m.config.rate_rps, 2500);
  assert.is(m.config.function, 'hello');
  assert.is(m.config.seed, 5);
  assert.is(m.config.order, 'random');
  assert.equal(m.config.pinning, { sut_cpus: '0', load_cpus: '1' });
  assert.equal(m.config.variants.map((v) => [v.name, v.label, v.source]), [['proxy', 'v1.0', 'proxy'], ['fdpass', 'v2.0', 'fdpass']]);
  assert.equal(m.config.variants[0].start, ['/repo/native/build/gateway', '--mode', 'proxy', '--port', '8080', '--workers', '1']);
  assert.equal(m.config.variants[0].load, { url: 'http://127.0.0.1:8080/api/hello', method: 'GET', body: null, headers: {} });
  assert.equal(m.plan, plan);
  assert.equal([m.config.design, m.config.blocks_together, m.config.untimed_block], ['blocks', true, 1]);
  assert.equal(m.skipped, [{ phase: 'perf-record', reason: 'perf is not installed' }]);
  assert.is(m.repetitions[0].phases[0].summary?.requests, 1000);
  assert.is(m.repetitions[0].phases[0].commands[0].pid, 102);
  const round = migrateManifest(JSON.parse(JSON.stringify(m)));
  assert.equal(round, m);
});

test('buildManifest: an interrupted run is incomplete and says by what', () => {
  const m = buildManifest(input({ repetitions: [rep('proxy', 0, 'incomplete')], interrupted_by: 'SIGINT' }));
  assert.is(m.status, 'incomplete');
  assert.is(m.interrupted_by, 'SIGINT');
});

test('buildManifest: load averages at start and end survive validation', () => {
  const m = buildManifest(input({ load_avg: { start: [0.5, 0.25, 0.1], end: [1.75, 0.5, 0.2] } }));
  assert.equal(migrateManifest(JSON.parse(JSON.stringify(m))).load_avg, { start: [0.5, 0.25, 0.1], end: [1.75, 0.5, 0.2] });
  assert.is(buildManifest(input()).load_avg, undefined);
});

test('buildManifest: every repetition failed -> failed', () => {
  assert.is(buildManifest(input({ repetitions: [rep('proxy', 0, 'failed'), rep('fdpass', 1, 'failed')] })).status, 'failed');
});

test('buildManifest: a user config run names the load path as its function and no port', () => {
  const m = buildManifest(input({ options: { ...DEFAULT_OPTIONS, config: 'gw.json' } }));
  assert.is(m.config.function, '/api/hello');
  assert.is((m.config as Record<string, unknown>).port, null);
  assert.is((m.config as Record<string, unknown>).config_file, 'gw.json');
});

test('buildManifest: a sweep records its kind, its points, and the point of every trial and plan entry', () => {
  const points = embeddedSweepPoints([16, 1048576], DEFAULT_OPTIONS);
  const sweepPlan = buildPlan({ variants: ['proxy', 'fdpass'], repetitions: 1, order: 'abab', seed: 5, points: points.map((p) => p.id) });
  const trial = (variant: string, order: number, point: string): Repetition => ({ ...rep(variant, order, 'complete'), point });
  const m = buildManifest(
    input({ options: { ...DEFAULT_OPTIONS, repetitions: 1, sweep: true }, points, plan: sweepPlan, repetitions: [trial('proxy', 0, '16B'), trial('fdpass', 1, '16B'), trial('proxy', 2, '1MiB'), trial('fdpass', 3, '1MiB')] }),
  );
  assert.is(m.kind, 'sweep');
  assert.equal(m.sweep, {
    points: [
      { id: '16B', size_bytes: 16, path: '/api/payload?size=16', body: null, rate_rps: 2500 },
      { id: '1MiB', size_bytes: 1048576, path: '/api/payload?size=1048576', body: null, rate_rps: 32 },
    ],
  });
  assert.is(m.config.function, 'payload');
  assert.equal(m.plan?.map((e) => e.point), ['16B', '16B', '1MiB', '1MiB']);
  assert.equal(m.repetitions.map((r) => r.point), ['16B', '16B', '1MiB', '1MiB']);
  assert.is(m.status, 'complete');
  assert.equal(migrateManifest(JSON.parse(JSON.stringify(m))), m);
  // the end-of-run table: per size, each variant's median req/s and gateway CPU, and how many trials
  assert.equal(sweepResults(m).split('\n'), [
    'SWEEP RESULTS (per variant: median req/s and gateway CPU % of its complete trials, and their count)',
    'size      proxy (v1.0)              fdpass (v2.0)             ',
    '16 B      200 req/s (1)             200 req/s (1)             ',
    '1 MiB     200 req/s (1)             200 req/s (1)             ',
    'skipped perf-record: perf is not installed',
  ]);
});

test('a schema 2 manifest migrates to 3 as a compare run, and nothing else changes', () => {
  const m = buildManifest(input());
  const { kind: _kind, sweep: _sweep, ...rest } = JSON.parse(JSON.stringify(m)) as Record<string, unknown>;
  const v2 = { ...rest, schema_version: 2 };
  assert.equal(manifestV2toV3(v2), { ...v2, schema_version: 3, kind: 'compare', sweep: null });
  assert.equal(migrateManifest(v2), m);
  // a schema 1 manifest goes through both steps: its machine is named by its hostname, then it is a compare run
  const { name: _name, ...machine } = m.machine as Record<string, unknown>;
  assert.equal(migrateManifest({ ...v2, schema_version: 1, machine }), m);
  assert.throws(() => migrateManifest({ ...v2, schema_version: 5 }), /manifest schema_version 5 is newer than this gatebench \(4\): upgrade gatebench/);
});

test('buildManifest rejects what the schema rejects, naming the field', () => {
  assert.throws(() => buildManifest(input({ machine: { ...input().machine, cpu_count: 1.5 } })), /manifest invalid at machine.cpu_count/);
});

test.run();
