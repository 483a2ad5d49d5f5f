import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseVariantList } from '../../../ingest/collect/options.ts';
import { canRunTogether, EMBEDDED_DEFAULT, embeddedVariants, functionLoad, onPort, selectVariants } from '../../../ingest/collect/variants.ts';
import type { RoleSelector } from '../../../ingest/role-selector.ts';

const embedded = embeddedVariants({ root: '/repo', port: 8080, workers: 2, fn: 'hello' });

test('embedded variants: proxy v1.0, fdpass v2.0, fdpass-conn v2.1, one binary, mode flag', () => {
  assert.equal(embedded.map((v) => [v.name, v.label]), [['proxy', 'v1.0'], ['fdpass', 'v2.0'], ['fdpass-conn', 'v2.1']]);
  assert.equal(embedded[1].start, ['/repo/native/build/gateway', '--mode', 'fdpass', '--port', '8080', '--workers', '2']);
  assert.equal(embedded[2].start, ['/repo/native/build/gateway', '--mode', 'fdpass-conn', '--port', '8080', '--workers', '2']);
  assert.is(embedded[0].build, 'make -C /repo/native -s');
  assert.is(embedded[0].ready_url, 'http://127.0.0.1:8080/api/hello');
  // the gateway process is the front, its workers (descendants) the workers; perf record profiles the front
  assert.equal(embedded[0].monitor, { pid_file: null, process_names: null, front: 'main', workers: 'descendants', profile: 'front' });
});

test('embedded variants profile the gateway process, or with profile all its workers too', () => {
  assert.equal(embedded.map((v) => v.monitor.profile), ['front', 'front', 'front']);
  const all = embeddedVariants({ root: '/repo', port: 8080, workers: 2, fn: 'hello', profile: 'all' });
  assert.equal(all.map((v) => [v.name, v.monitor.profile, v.monitor.front, v.monitor.workers]), [
    ['proxy', 'all', 'main', 'descendants'],
    ['fdpass', 'all', 'main', 'descendants'],
    ['fdpass-conn', 'all', 'main', 'descendants'],
  ]);
});

test('canRunTogether: own addresses, and no process name shared by two variants in any role', () => {
  const apart = embedded.map((v, i) => onPort(v, 8080 + i));
  assert.is(canRunTogether(apart), true);
  assert.is(canRunTogether(embedded), false, 'both on port 8080');
  const named = (i: number, front: RoleSelector) => ({ ...apart[i], monitor: { ...apart[i].monitor, front } }) as typeof apart[number];
  assert.is(canRunTogether([named(0, { process_names: ['gw'] }), named(1, { process_names: ['gw'] })]), false);
  assert.is(canRunTogether([named(0, { process_names: ['gw'] }), { ...apart[1], monitor: { ...apart[1].monitor, workers: { process_names: ['gw'] } } }]), false);
  assert.is(canRunTogether([named(0, 'descendants'), named(1, 'descendants')]), true);
});

test('function loads', () => {
  assert.equal(functionLoad('hello', 1), { url: 'http://127.0.0.1:1/api/hello', method: 'GET', body: null, headers: {} });
  assert.is(functionLoad('echo', 2).method, 'POST');
  assert.is(functionLoad('payload', 3).url, 'http://127.0.0.1:3/api/payload?size=1024');
  assert.is(functionLoad('payload:65536', 3).url, 'http://127.0.0.1:3/api/payload?size=65536');
  assert.throws(() => functionLoad('resize', 1), /--function 'resize' is not a function of the embedded gateway/);
});

test('selectVariants reorders and relabels', () => {
  const s = selectVariants(embedded, [{ name: 'fdpass', label: 'v2.1' }, { name: 'proxy', label: null }], false, 'the embedded gateway');
  assert.equal(s.map((v) => [v.name, v.label]), [['fdpass', 'v2.1'], ['proxy', 'v1.0']]);
});

test('--variants proxy,fdpass,fdpass-conn: three variants on consecutive ports, labels v1.0 v2.0 v2.1', () => {
  const picked = selectVariants(embedded, parseVariantList('proxy,fdpass,fdpass-conn'), false, 'the embedded gateway').map((v, i) => onPort(v, 8080 + i));
  assert.equal(picked.map((v) => [v.name, v.label, v.source]), [['proxy', 'v1.0', 'proxy'], ['fdpass', 'v2.0', 'fdpass'], ['fdpass-conn', 'v2.1', 'fdpass-conn']]);
  assert.equal(picked[2].start, ['/repo/native/build/gateway', '--mode', 'fdpass-conn', '--port', '8082', '--workers', '2']);
  assert.is(picked[2].ready_url, 'http://127.0.0.1:8082/api/hello');
  assert.ok(canRunTogether(picked));
});

test('without --variants the embedded gateway compares proxy with fdpass', () => {
  assert.equal(selectVariants(embedded, EMBEDDED_DEFAULT, false, 'the embedded gateway').map((v) => [v.name, v.label]), [['proxy', 'v1.0'], ['fdpass', 'v2.0']]);
});

test('--aa runs one variant as A and B', () => {
  const s = selectVariants(embedded, [{ name: 'proxy', label: null }], true, 'x');
  assert.equal(s.map((v) => [v.name, v.label, v.source]), [['proxy-a', 'v1.0 (A)', 'proxy'], ['proxy-b', 'v1.0 (B)', 'proxy']]);
  assert.equal(s[0].start, s[1].start);
  assert.equal(selectVariants(embedded, null, true, 'x').map((v) => v.name), ['proxy-a', 'proxy-b']);
});

test('unknown variant and single variant errors', () => {
  assert.throws(() => selectVariants(embedded, [{ name: 'zerocopy', label: null }, { name: 'proxy', label: null }], false, 'the embedded gateway'), /variant 'zerocopy' is not in the embedded gateway \(it has: proxy, fdpass, fdpass-conn\)/);
  assert.throws(() => selectVariants([embedded[0]], null, false, '--config gw.json'), /--config gw.json has one variant \(proxy\): add a second one to compare, or pass --aa/);
});

test.run();
