import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeAll } from '../../analysis/analyze.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { syntheticRun } from '../../bench/lib/synthetic.ts';

// SYNTHETIC history: 12 runs on one machine; from run 8 on, fdpass's throughput drops by 20%; 3 runs on another machine.
function history() {
  const inputs = [];
  for (let i = 0; i < 12; i++) {
    inputs.push(
      syntheticRun({
        id: `run-${String(i).padStart(2, '0')}`,
        created_at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        seed: i,
        repetitions: 5,
        noise: 0.01,
        effects: { fdpass: { rps: i >= 8 ? 0.96 : 1.2 } },
      }),
    );
  }
  for (let i = 0; i < 3; i++) inputs.push(syntheticRun({ id: `other-${i}`, created_at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), seed: 100 + i, repetitions: 5, fingerprint: 'other', machine: 'other' }));
  return analyzeAll(inputs.reverse(), DEFAULT_SETTINGS, []).analysis;
}

test('runs are grouped by machine name and ordered by time', () => {
  const a = history();
  assert.equal(a.history.groups.map((g) => [g.name, g.runs.length]), [
    ['other', 3],
    ['synthetic', 12],
  ]);
  assert.equal(a.history.groups[1].runs.slice(0, 3), ['run-00', 'run-01', 'run-02']);
  assert.equal(a.latest, { other: 'other-2', synthetic: 'run-11' });
});

test('the throughput step of fdpass is detected at run 8 as a regression; proxy has no step', () => {
  const g = history().history.groups[1];
  const fd = g.series.find((s) => s.metric === 'throughput_rps' && s.variant === 'fdpass')!;
  assert.is(fd.points.length, 12);
  assert.equal(fd.change_points.map((c) => [c.run, c.direction, Math.round(c.change_pct)]), [['run-08', 'regressed', -20]]);
  const px = g.series.find((s) => s.metric === 'throughput_rps' && s.variant === 'proxy')!;
  assert.equal(px.change_points, []);
  const change = g.series.find((s) => s.metric === 'throughput_rps' && s.variant === 'change_pct')!;
  assert.is(change.unit, '%');
  assert.equal(change.change_points.map((c) => [c.run, c.direction]), [['run-08', 'regressed']]);
  assert.ok(change.points[0].estimate! > 15 && change.points[11].estimate! < 0);
});

test('every history point carries its run, time, estimate and CI', () => {
  const g = history().history.groups[1];
  const p = g.series.find((s) => s.metric === 'gateway_cpu_us_per_req' && s.variant === 'proxy')!.points[0];
  assert.is(p.run, 'run-00');
  assert.is(p.created_at, '2026-01-01T00:00:00.000Z');
  assert.ok(p.ci_low! <= p.estimate! && p.estimate! <= p.ci_high!);
  assert.is(p.n, 5);
});

test.run();
