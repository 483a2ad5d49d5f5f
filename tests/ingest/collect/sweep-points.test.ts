import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_OPTIONS } from '../../../ingest/collect/options.ts';
import { configSweepPoints, DEFAULT_SWEEP_SIZES, embeddedSweepPoints, pointLoad } from '../../../ingest/collect/sweep-points.ts';

const RATES = { rate_rps: 2500, rate_bytes_per_s: 32 * 1048576 };

test('the default sweep: 16 B to 1 MiB in six steps, each with its fixed rate from the default budget', () => {
  const points = embeddedSweepPoints(DEFAULT_SWEEP_SIZES, DEFAULT_OPTIONS);
  assert.equal(points.map((p) => p.id), ['16B', '4KiB', '16KiB', '64KiB', '256KiB', '1MiB']);
  // 32 MiB/s: --rate's 2,500 up to 8 KiB, then 2,048 at 16 KiB, 512, 128 and 32 req/s
  assert.equal(points.map((p) => p.rate_rps), [2500, 2500, 2048, 512, 128, 32]);
});

test('embedded points ask the payload function for each size, smallest first, each once', () => {
  assert.equal(embeddedSweepPoints([65536, 16, 65536], RATES), [
    { id: '16B', size_bytes: 16, path: '/api/payload?size=16', body: null, rate_rps: 2500 },
    { id: '64KiB', size_bytes: 65536, path: '/api/payload?size=65536', body: null, rate_rps: 512 },
  ]);
});

test("a config's points: sorted by size, path or body kept, an entry's own rate wins, a size given twice refused", () => {
  assert.equal(configSweepPoints([{ size_bytes: 4096, body: '{"n":4096}' }, { size_bytes: 100, path: '/img?w=10' }, { size_bytes: 1048576, path: '/big', rate: 100 }], RATES), [
    { id: '100B', size_bytes: 100, path: '/img?w=10', body: null, rate_rps: 2500 },
    { id: '4KiB', size_bytes: 4096, path: null, body: '{"n":4096}', rate_rps: 2500 },
    { id: '1MiB', size_bytes: 1048576, path: '/big', body: null, rate_rps: 100 },
  ]);
  assert.throws(() => configSweepPoints([{ size_bytes: 10, path: '/a' }, { size_bytes: 10, path: '/b' }], RATES), /sweep\.1: size 10 is already sweep\.0's: give each size once/);
});

test("pointLoad keeps each variant's origin and method, replaces path and query, and the body when the point gives one", () => {
  const load = { url: 'http://127.0.0.1:8081/api/payload?size=16', method: 'GET' as const, body: null, headers: { Accept: '*/*' } };
  assert.equal(pointLoad(load, { id: '1MiB', size_bytes: 1048576, path: '/api/payload?size=1048576', body: null, rate_rps: 32 }), { ...load, url: 'http://127.0.0.1:8081/api/payload?size=1048576' });
  const post = { url: 'http://[::1]:9090/resize', method: 'POST' as const, body: '{}', headers: {} };
  assert.equal(pointLoad(post, { id: '4KiB', size_bytes: 4096, path: null, body: '{"w":64}', rate_rps: 2500 }), { ...post, body: '{"w":64}' });
});

test.run();
