import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeRunsFolder } from '../../../analysis/analyze-dirs.ts';
import { reportFiles } from '../../../analysis/report/report-files.ts';
import type { Analysis } from '../../../analysis/schema.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import { writeOutputs } from '../../../analysis/report/write.ts';
import { loadAnalysis, staleness } from '../../../site/load/load-analysis.ts';
import { FIXTURE_ID, FIXTURE_RUNS } from '../../analysis/fixture.ts';

let root = '';
test.before(() => {
  root = mkdtempSync(join(tmpdir(), 'gatebench-load-analysis-'));
  cpSync(join(FIXTURE_RUNS, FIXTURE_ID), join(root, 'runs', FIXTURE_ID), { recursive: true, preserveTimestamps: true });
});
test.after(() => rmSync(root, { recursive: true, force: true }));

test('staleness: the runs an analysis lacks or has beyond the runs folder, or null when it lists exactly them', () => {
  const analysis = { runs: ['a', 'b', 'x'].map((id) => ({ id })) } as unknown as Analysis;
  assert.is(staleness(analysis, ['a', 'b', 'x'], 'r/analysis.json', 'runs'), null);
  assert.is(staleness(analysis, ['x', 'b', 'a'], 'r/analysis.json', 'runs'), null);
  assert.is(staleness(analysis, ['a', 'b', 'x', 'c'], 'r/analysis.json', 'runs'), 'r/analysis.json lacks 1 run of runs/ (c)');
  assert.is(staleness(analysis, ['a', 'b'], 'r/analysis.json', 'runs'), 'r/analysis.json has 1 run not in runs/ (x)');
  assert.is(
    staleness(analysis, ['a', 'c', 'd', 'e', 'f', 'g'], 'r/analysis.json', 'runs'),
    'r/analysis.json lacks 5 runs of runs/ (c, d, e, and 2 more) and has 2 runs not in runs/ (b, x)',
  );
});

test('a missing analysis is made first and written as npm run analyze writes it; then it is read as it is', async () => {
  const runsDir = join(root, 'runs');
  const analysisFile = join(root, 'reports', 'analysis.json');
  const first = await loadAnalysis({ runsDir, analysisFile });
  assert.is(first.analyzed, `${analysisFile} is missing: analyzed ${runsDir}/ first and wrote ${join(root, 'reports')}/, as npm run analyze does`);
  assert.equal(first.analysis.runs.map((r) => r.id), [FIXTURE_ID]);
  assert.equal(readdirSync(join(root, 'reports')).sort(), ['analysis.json', 'metrics.csv', 'v1.0_baseline.md', 'v2.0_comparison.md']);
  const second = await loadAnalysis({ runsDir, analysisFile });
  assert.is(second.analyzed, null);
  const verdicts = (a: Analysis) => a.comparisons.map((c) => `${c.metric} ${c.verdict}`);
  assert.is(verdicts(first.analysis)[0], 'throughput_rps invalid'); // 3 blocks: too few for a paired verdict
  assert.equal(verdicts(second.analysis), verdicts(first.analysis));
});

test('an analysis made with other settings is read as it is; a run added since makes it stale and it is made again', async () => {
  const runsDir = join(root, 'runs');
  const reports = join(root, 'seed-7');
  const { analysis, rendered } = await analyzeRunsFolder(runsDir, { ...DEFAULT_SETTINGS, seed: 7 }, [], { cacheDir: null });
  await writeOutputs(reports, reportFiles(analysis, rendered));
  const analysisFile = join(reports, 'analysis.json');
  const read = await loadAnalysis({ runsDir, analysisFile });
  assert.is(read.analyzed, null);
  assert.is(read.analysis.settings.seed, 7);
  cpSync(join(FIXTURE_RUNS, FIXTURE_ID), join(runsDir, 'copy'), { recursive: true, preserveTimestamps: true });
  try {
    const again = await loadAnalysis({ runsDir, analysisFile });
    assert.is(again.analyzed, `${analysisFile} lacks 1 run of ${runsDir}/ (copy): analyzed ${runsDir}/ first and wrote ${reports}/, as npm run analyze does`);
    assert.equal(again.analysis.runs.map((r) => r.id).sort(), [FIXTURE_ID, 'copy']);
    assert.is(again.analysis.settings.seed, DEFAULT_SETTINGS.seed);
    assert.is(JSON.parse(readFileSync(analysisFile, 'utf8')).runs.length, 2);
  } finally {
    rmSync(join(runsDir, 'copy'), { recursive: true, force: true });
  }
});

test('an unreadable analysis file or a missing runs folder: one line that says what and where', async () => {
  const bad = join(root, 'bad.json');
  writeFileSync(bad, '{"schema_version": 1,');
  try {
    await loadAnalysis({ runsDir: join(root, 'runs'), analysisFile: bad });
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, new RegExp(`^${bad}: not valid JSON \\(.+\\); run npm run analyze to write it again$`));
  }
  try {
    await loadAnalysis({ runsDir: join(root, 'nope'), analysisFile: bad });
    assert.unreachable();
  } catch (e) {
    assert.is((e as Error).message, `runs folder ${join(root, 'nope')} not found (pass --runs DIR)`);
  }
});

test.run();
