import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_RATE_BYTES_PER_S, sweepRateRps } from '../../../ingest/collect/sweep-rate.ts';

test('the default byte budget is 32 MiB of responses per second', () => {
  assert.is(DEFAULT_RATE_BYTES_PER_S, 33554432);
});

test('sweepRateRps: --rate up to the size where the budget bites, then budget / size, rounded down', () => {
  const at = (size_bytes: number) => sweepRateRps({ size_bytes, rate_rps: 2500, rate_bytes_per_s: DEFAULT_RATE_BYTES_PER_S });
  assert.equal([16, 4096, 13421, 13422, 16384, 65536, 262144, 1048576, 16777216].map(at), [2500, 2500, 2500, 2499, 2048, 512, 128, 32, 2]);
  // 13,421 B: 33554432 / 13421 = 2500.2, --rate; 13,422 B: 2499.96, rounded down; with a higher --rate, the budget alone
  assert.is(sweepRateRps({ size_bytes: 13422, rate_rps: 10000, rate_bytes_per_s: DEFAULT_RATE_BYTES_PER_S }), 2499);
});

test('sweepRateRps: at least 1 request/s; a size of 0 takes --rate; an entry\'s own rate wins', () => {
  assert.is(sweepRateRps({ size_bytes: 1048576, rate_rps: 2500, rate_bytes_per_s: 1000 }), 1);
  assert.is(sweepRateRps({ size_bytes: 0, rate_rps: 700, rate_bytes_per_s: 1000 }), 700);
  assert.is(sweepRateRps({ size_bytes: 1048576, rate_rps: 2500, rate_bytes_per_s: 1000, own_rps: 250 }), 250);
  assert.is(sweepRateRps({ size_bytes: 1048576, rate_rps: 2500, rate_bytes_per_s: 33554432, own_rps: null }), 32);
});

test.run();
