import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseUserConfig, readUserConfig, readUserDeclared, resolveUserVariants } from '../../../ingest/collect/config.ts';

test('the shipped example parses and resolves', () => {
  const variants = readUserConfig('examples/my-gateway.json');
  assert.equal(variants.map((v) => `${v.name}=${v.label}`), ['before=v1.3', 'after=v1.4']);
  const before = variants[0];
  assert.is(before.cwd, '/home/me/src/gw-v1.3');
  assert.equal(before.start, ['./build/gateway', '--port', '9090', '--workers', '2']);
  assert.is(before.build, 'make -j2');
  assert.equal(before.monitor, { pid_file: null, process_names: ['gw-worker'], front: 'main', workers: { process_names: ['gw-worker'] }, profile: 'front' });
  assert.equal(before.load, { url: 'http://127.0.0.1:9090/api/resize', method: 'POST', body: '{"width":64,"height":64}', headers: { 'Content-Type': 'application/json' } });
  assert.is(variants[1].ready_url, 'http://127.0.0.1:9091/health');
  assert.is(variants[1].load.url, 'http://127.0.0.1:9091/api/resize');
});

test('a string start command runs through sh -c exec; relative paths follow the config folder', () => {
  const cfg = parseUserConfig(
    JSON.stringify({
      load: { url: 'http://127.0.0.1:9000/' },
      variants: [{ name: 'a', label: 'A', start: './gw --port 9000', cwd: 'gw-a', ready_url: 'http://127.0.0.1:9000/', monitor: { pid_file: 'run/gw.pid' } }],
    }),
    'x.json',
  );
  const [a] = resolveUserVariants(cfg, '/etc/bench');
  assert.equal(a.start, ['sh', '-c', 'exec ./gw --port 9000']);
  assert.is(a.cwd, '/etc/bench/gw-a');
  assert.is(a.monitor.pid_file, '/etc/bench/gw-a/run/gw.pid');
  assert.equal([a.monitor.front, a.monitor.workers], ['main', 'descendants']);
  assert.equal(a.load, { url: 'http://127.0.0.1:9000/', method: 'GET', body: null, headers: {} });
});

const v = (extra: object) => ({ name: 'a', label: 'A', start: ['gw'], ready_url: 'http://127.0.0.1:9000/', ...extra });
const errors: [string, string][] = [
  ['{', 'c.json: not valid JSON'],
  ['{"variants":[]}', 'c.json: variants: Too small: expected array to have >=1 items'],
  [JSON.stringify({ variants: [v({})] }), 'c.json: variants.0: no load (give "load": {"url": ...} in the variant or at the top)'],
  [JSON.stringify({ variants: [v({ load: { url: 'http://127.0.0.1:9000/', body: 'x' } })] }), 'c.json: variants.0.load: a body needs a method such as POST, not GET'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({}), v({})] }), "c.json: variants.1.name: 'a' is used twice"],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({ ready_url: 'ftp://h/' })] }), 'c.json: variants.0.ready_url: Invalid URL'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({ colour: 'red' })] }), 'c.json: variants.0: unknown key "colour"'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({ name: 'a b' })] }), 'c.json: variants.0.name: letters, digits, . _ - only (it names a directory)'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({ monitor: { front: 'workers' } })] }), 'c.json: variants.0.monitor.front: expected "main", "descendants", "group", "none", {"process_names": [...]} or {"pid_file": "..."}'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({ monitor: { front: 'none' } })] }), 'c.json: variants.0.monitor.front: "none" is for workers only; the front is what clients connect to'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({ monitor: { process_names: ['w'], workers: 'group' } })] }), 'c.json: variants.0.monitor: give the workers once, as "workers" or as "process_names", not both'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({ monitor: { profile: 'workers' } })] }), 'c.json: variants.0.monitor.profile: Invalid option: expected one of "front"|"all"'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({})], sweep: [{ size_bytes: 16, path: '/a' }] }), 'c.json: sweep: Too small: expected array to have >=2 items'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({})], sweep: [{ size_bytes: 16, path: '/a' }, { size_bytes: 32 }] }), 'c.json: sweep.1: give the "path" (with query) or the "body" that asks for this size'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({})], sweep: [{ size_bytes: 16, path: 'a' }, { size_bytes: 32, path: '/b' }] }), 'c.json: sweep.0.path: Invalid string: must start with "/"'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({})], sweep: [{ size_bytes: 16, path: '/a' }, { size_bytes: 32, path: '/b', rate: 0 }] }), 'c.json: sweep.1.rate: Too small: expected number to be >0'],
  [JSON.stringify({ load: { url: 'http://h/' }, variants: [v({})], sweep: [{ size_bytes: 16, body: 'x' }, { size_bytes: 32, body: 'y' }] }), "c.json: sweep.0: a body needs a method such as POST, but variants.0's load is a GET"],
];
for (const [text, message] of errors) {
  test(`config error: ${message}`, () => {
    try {
      parseUserConfig(text, 'c.json');
      assert.unreachable('should have thrown');
    } catch (e) {
      assert.is((e as Error).name, 'ConfigError');
      assert.ok((e as Error).message.startsWith(message), (e as Error).message);
    }
  });
}

test('a misspelled key is named, with the key it most likely meant', () => {
  const v = (extra: object) => ({ name: 'a', label: 'A', start: ['x'], ready_url: 'http://127.0.0.1:1/', load: { url: 'http://127.0.0.1:1/' }, ...extra });
  const misspelled = { variants: [v({}), { name: 'b', label: 'B', start: ['y'], ready_ulr: 'http://127.0.0.1:2/', load: { url: 'http://127.0.0.1:2/' } }] };
  assert.throws(() => parseUserConfig(JSON.stringify(misspelled), 'my.json'), (e: Error) => e.message === 'my.json: variants.1: unknown key "ready_ulr" (did you mean "ready_url"?)');
  assert.throws(() => parseUserConfig(JSON.stringify({ variants: [v({ colour: 1 }), v({ name: 'b' })] }), 'my.json'), (e: Error) => e.message === 'my.json: variants.0: unknown key "colour"');
});

test('monitor roles: front and workers by selector, pid files relative to the variant cwd, perf record scope', () => {
  const cfg = parseUserConfig(
    JSON.stringify({
      load: { url: 'http://127.0.0.1:9000/' },
      variants: [
        { name: 'a', label: 'A', start: ['gw'], cwd: 'gw-a', ready_url: 'http://127.0.0.1:9000/', monitor: { front: { pid_file: 'run/front.pid' }, workers: 'group', profile: 'all' } },
        { name: 'b', label: 'B', start: ['gw'], ready_url: 'http://127.0.0.1:9000/', monitor: { front: 'descendants', workers: 'none' } },
      ],
    }),
    'x.json',
  );
  const [a, b] = resolveUserVariants(cfg, '/etc/bench');
  assert.equal(a.monitor, { pid_file: null, process_names: null, front: { pid_file: '/etc/bench/gw-a/run/front.pid' }, workers: 'group', profile: 'all' });
  assert.equal(b.monitor, { pid_file: null, process_names: null, front: 'descendants', workers: 'none', profile: 'front' });
});

test('the nginx example makes nginx\'s workers its front, not the idle master', () => {
  const variants = readUserConfig('examples/nginx-proxy-vs-direct.json');
  assert.equal(variants.map((v) => [v.name, v.monitor.front, v.monitor.workers]), [
    ['proxy', 'descendants', 'descendants'],
    ['direct', 'descendants', 'descendants'],
  ]);
});

test('a config declares its own targets and expected changes; a misspelled key in one is named', () => {
  assert.equal(readUserDeclared('examples/my-gateway.json'), {
    targets: [
      { name: 'throughput', metric: 'throughput_rps', op: '>', threshold: 20000 },
      { name: 'p99 latency', metric: 'latency_p99_ms', op: '<', threshold: 10 },
      { name: 'memory', metric: 'gateway_rss_peak_kb', op: '<', threshold: 65536 },
    ],
    expected: [
      { metric: 'total_cpu_us_per_req', low_pct: -20, high_pct: -10, claim: 'CPU per request (v1.4 batches its writes)' },
      { metric: 'throughput_rps', low_pct: 5, high_pct: 15 },
    ],
  });
  assert.equal(readUserDeclared('examples/ci/gatebench.json').expected, []);
  const base = { load: { url: 'http://127.0.0.1:1/' }, variants: [v({})] };
  const bad = (extra: object) => () => parseUserConfig(JSON.stringify({ ...base, ...extra }), 'my.json');
  assert.throws(bad({ targets: [{ name: 'rps', metric: 'throughput_rps', op: '>', treshold: 1 }] }), (e: Error) => e.message === 'my.json: targets.0: unknown key "treshold" (did you mean "threshold"?)');
  assert.throws(bad({ targets: [{ name: 'rps', metric: 'throughput_rps', op: '>=', threshold: 1 }] }), (e: Error) => e.message.startsWith('my.json: targets.0.op: Invalid option'));
  assert.throws(bad({ expected: [{ metric: 'throughput_rps', lowpct: 1, high_pct: 2 }] }), (e: Error) => e.message === 'my.json: expected.0: unknown key "lowpct" (did you mean "low_pct"?)');
  assert.throws(bad({ expected: { throughput_rps: [1, 2] } }), (e: Error) => e.message.startsWith('my.json: expected: Invalid input: expected array'));
});

test("a config's sweep: one load per size, by path or by body", () => {
  const cfg = parseUserConfig(
    JSON.stringify({
      load: { url: 'http://127.0.0.1:9000/resize', method: 'POST', body: '{"w":1}' },
      variants: [v({})],
      sweep: [{ size_bytes: 4096, body: '{"w":64}', rate: 300 }, { size_bytes: 1024, path: '/resize?w=32' }],
    }),
    'x.json',
  );
  assert.equal(cfg.sweep, [{ size_bytes: 4096, body: '{"w":64}', rate: 300 }, { size_bytes: 1024, path: '/resize?w=32' }]);
});

test('readUserConfig names a missing file', () => {
  assert.throws(() => readUserConfig('/nonexistent/gw.json'), /--config \/nonexistent\/gw.json: cannot read it \(ENOENT\)/);
});

test('example is valid JSON with the documented keys', () => {
  const raw = JSON.parse(readFileSync('examples/my-gateway.json', 'utf8'));
  assert.equal(Object.keys(raw.variants[0]).sort(), ['build', 'cwd', 'label', 'load', 'monitor', 'name', 'ready_url', 'start']);
});

test.run();
