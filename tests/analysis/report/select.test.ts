import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeAll } from '../../../analysis/analyze.ts';
import { latestRun, reportedRun, variantTitle } from '../../../analysis/report/select.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import { syntheticRun } from '../../../bench/lib/synthetic.ts';

test('reports are about the latest run that is not an A/A calibration run', () => {
  // SYNTHETIC runs (bench/lib/synthetic.ts)
  const normal = syntheticRun({ id: 'normal', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: 3 });
  const aa = syntheticRun({ id: 'aa', created_at: '2026-01-02T00:00:00Z', seed: 2, repetitions: 3 });
  aa.manifest!.config.aa = true;
  const { analysis } = analyzeAll([normal, aa], DEFAULT_SETTINGS, []);
  assert.is(latestRun(analysis)!.id, 'aa');
  assert.is(reportedRun(analysis)!.id, 'normal');
  assert.is(variantTitle(reportedRun(analysis)!, 'proxy'), 'v1.0 (proxy)');
  const onlyAa = analyzeAll([aa], DEFAULT_SETTINGS, []).analysis;
  assert.is(reportedRun(onlyAa)!.id, 'aa');
  assert.ok(onlyAa.runs[0].warnings.some((w) => w.code === 'aa-run'));
});

test.run();
