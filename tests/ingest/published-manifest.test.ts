import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { migrateManifest } from '../../ingest/manifest.ts';
import { manifestAnchors, publishedMachineName, publishedManifest } from '../../ingest/published-manifest.ts';

// a committed run (never edited): collected in /work/main before paths were anchored
const id = '2026-12-06T06-27-06Z-v1.0-vs-v2.0';
const committed = migrateManifest(JSON.parse(readFileSync(`raw-results/${id}/manifest.json`, 'utf8')));

test('the anchors of a committed run are found in its own content', () => {
  assert.equal(manifestAnchors(committed), [
    { path: '/work/main', as: '<project>' },
    { path: `/work/main/raw-results/.tmp-${id}`, as: '<run>' },
    { path: `/work/main/raw-results/${id}`, as: '<run>' },
  ]);
});

test('published, a committed run carries no absolute path of the machine that took it', () => {
  const p = publishedManifest(committed);
  assert.not.match(JSON.stringify(p), /\/work\/main/);
  const proxy = p.config.variants[0];
  assert.equal(proxy.start, ['<project>/native/build/gateway', '--mode', 'proxy', '--port', '8080', '--workers', '1']);
  assert.is(proxy.cwd, '<project>/');
  assert.is(proxy.build, 'make -C <project>/native -s');
  const rep = p.repetitions.find((r) => r.variant === 'proxy' && r.repetition === 1)!;
  const bench = rep.phases.find((x) => x.name === 'fixed-rate')!.commands.find((c) => c.role === 'bench-latency')!;
  assert.equal(bench.argv.slice(0, 4), ['taskset', '-c', '1', '<project>/native/build/bench-latency']);
  assert.is(bench.argv[bench.argv.indexOf('--latencies') + 1], '<run>/proxy/rep-1/fixed-rate.latencies.txt');
  assert.equal(rep.sut!.command.argv, ['taskset', '-c', '0', '<project>/native/build/gateway', '--mode', 'proxy', '--port', '8080', '--workers', '1']);
  // what is not a path is untouched; publishing twice changes nothing more
  assert.equal(p.repetitions.map((r) => r.pids), committed.repetitions.map((r) => r.pids));
  assert.equal(publishedManifest(p), p);
  assert.is(p.machine.hostname, 'vm');
});

test('a --config run: the config folder, home directories and pid files', () => {
  const variant = committed.config.variants[0];
  const m = {
    ...committed,
    config: {
      ...committed.config,
      config_file: '/home/ann/gw/bench/gw.json',
      variants: [{ ...variant, cwd: '/home/ann/gw/bench/v1', start: ['sh', '-c', 'exec ./gw --conf /home/ann/gw/bench/v1.conf'], env: { LD_LIBRARY_PATH: '/home/ann/lib' }, monitor: { pid_file: '/home/ann/gw/bench/v1/gw.pid', process_names: null, front: { pid_file: '/srv/gw/front.pid' }, workers: 'descendants' as const, profile: 'front' as const } }],
    },
    argv: ['--config', '/home/ann/gw/bench/gw.json', '--out', '/home/ann/runs'],
  };
  const p = publishedManifest(m);
  assert.is((p.config as { config_file?: string }).config_file, '<config-dir>/gw.json');
  const v = p.config.variants[0];
  assert.is(v.cwd, '<config-dir>/v1');
  assert.equal(v.start, ['sh', '-c', 'exec ./gw --conf <config-dir>/v1.conf']);
  assert.equal(v.env, { LD_LIBRARY_PATH: '~/lib' });
  assert.equal(v.monitor, { pid_file: '<config-dir>/v1/gw.pid', process_names: null, front: { pid_file: '/srv/gw/front.pid' }, workers: 'descendants', profile: 'front' });
  assert.equal(p.argv, ['--config', '<config-dir>/gw.json', '--out', '~/runs']);
  assert.not.match(JSON.stringify(p), /\/home\/ann/);
});

test('the machine is published under the name the user chose, else its hostname', () => {
  assert.is(publishedMachineName({ hostname: 'ann-laptop.corp.example', name: 'ci-runner-1' }), 'ci-runner-1');
  assert.is(publishedMachineName({ hostname: 'vm' }), 'vm');
  assert.is(publishedMachineName({ hostname: 'vm', name: null }), 'vm');
  const named = { ...committed, machine: { ...committed.machine, hostname: 'ann-laptop.corp.example', name: 'bench-1' } };
  assert.is(publishedManifest(named).machine.hostname, 'bench-1');
});

test.run();
