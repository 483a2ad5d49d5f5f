import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { columnSpec } from '../../../ingest/parsers/pidstat-columns.ts';
import { compileRowFiller } from '../../../ingest/parsers/pidstat-row-filler.ts';
import { createTokens, tokenizeLine } from '../../../ingest/parsers/pidstat-tokenize.ts';

const cols = ['UID', 'PID', '%CPU', 'RSS', 'policy', '%steal'].map(columnSpec);

test('fills every non-id column, unknown ones into extra', () => {
  const fill = compileRowFiller(cols);
  const t = tokenizeLine('12:00:00  0  42  3,50  253.0M  NORMAL  0.10  bash', createTokens());
  const rec: Record<string, unknown> = {};
  assert.is(fill(rec, t.line, t.starts, t.ends, 1), -1);
  assert.equal(rec, { uid: 0, cpu_pct: 3.5, rss_kb: 253 * 1024, policy: 'NORMAL', extra: { '%steal': '0.10' } });
});

test('returns the index of the first bad value', () => {
  const fill = compileRowFiller(cols);
  const t = tokenizeLine('12:00:00  0  42  3.50  x12  NORMAL  0.10  bash', createTokens());
  assert.is(fill({}, t.line, t.starts, t.ends, 1), 3);
  const u = tokenizeLine('12:00:00  0.5  42  3.50  12  NORMAL  0.10  bash', createTokens());
  assert.is(fill({}, u.line, u.starts, u.ends, 1), 0); // UID must be an integer
});

test.run();
