import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runJsonPieces } from '../../../analysis/report/rendered-runs.ts';

test('the documented example', () => {
  assert.equal(runJsonPieces('{"run":{"id":"a"},"comparisons":[{"m":1},{"m":2}],"targets":[]}'), {
    run: '{"id":"a"}',
    comparisons: '{"m":1},{"m":2}',
    targets: '',
  });
});

test('keys named like the structure inside the run (a free-form config) or inside strings do not mislead it', () => {
  const run = { id: 'r', config: { targets: [1], comparisons: [2], note: ',"targets":[' } };
  const comparisons = [{ metric: 'throughput_rps', reason: ',"comparisons":[' }];
  const targets = [{ run: 'r', metric: 'rss_kb' }];
  const json = JSON.stringify({ run, comparisons, targets });
  const p = runJsonPieces(json)!;
  assert.equal(JSON.parse(p.run), run);
  assert.equal(JSON.parse(`[${p.comparisons}]`), comparisons);
  assert.equal(JSON.parse(`[${p.targets}]`), targets);
});

test('text not shaped like a run part: null', () => {
  assert.is(runJsonPieces('{"id":"a"}'), null);
  assert.is(runJsonPieces('{"run":{"id":"a"},"comparisons":[]}'), null);
  assert.is(runJsonPieces('{"run":{},"targets":[]}'), null);
  assert.is(runJsonPieces(''), null);
});

test.run();
