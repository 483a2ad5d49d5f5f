import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mdEscape, renderBaselineMarkdown, renderComparisonMarkdown } from '../../../analysis/report/markdown.ts';
import { fixtureAnalysis } from './reports.ts';

test('baseline report: the baseline variant only, a row per measured metric', async () => {
  const md = renderBaselineMarkdown(await fixtureAnalysis());
  assert.ok(md.startsWith('# v1.0 (proxy) baseline\n'));
  assert.match(md, /\| Throughput \| `throughput_rps` \| 6,198 req\/s \[[\d,]+, [\d,]+\] \| mean \| 3 \| 25\.3% \|/);
  assert.match(md, /\| Latency p99 \| `latency_p99_ms` \| .* \| median \| 3 \|/);
  assert.not.match(md, /## Targets/); // a --config run: the seed plan's targets do not apply
  assert.match(md, /## Syscalls per request/);
  assert.not.match(md, /v2\.0/); // the candidate's label appears nowhere
});

test('comparison report: changes, expectations, targets, syscalls side by side, open-loop spectrum, warnings', async () => {
  const md = renderComparisonMarkdown(await fixtureAnalysis());
  assert.ok(md.startsWith('# v2.0 (direct) vs v1.0 (proxy)\n'));
  assert.match(md, /\| Gateway RSS peak \(`gateway_rss_peak_kb`, lower is better\) \| .* \| -3\.4% \[-4\.3, -2\.5\] \| 0\.25 \| invalid: only 3 blocks with gateway\\_rss\\_peak\\_kb on both sides/);
  // every comparison of the 3-block fixture is invalid: no expectation is assessed beside an invalid verdict
  assert.not.match(md, /## Seed guide expectations/);
  assert.match(md, /## Syscalls per request/);
  assert.match(md, /## Open-loop latency at fixed rate \(all repetitions pooled: 18,000 and 18,000 requests\)/);
  assert.match(md, /## Warnings/);
});

test('text from raw files is escaped for tables', () => {
  assert.is(mdEscape('a|b <x> *y*'), 'a\\|b &lt;x&gt; \\*y\\*');
  assert.is(mdEscape('two\nlines'), 'two lines');
});

test.run();
