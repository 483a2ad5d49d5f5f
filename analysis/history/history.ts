/**
 * History across runs: one timeline per machine, by the name the user gave it (`--machine`, default the
 * hostname; numbers from different machines are not comparable), runs ordered by creation time; per metric
 * a series per variant and the series of the change % (candidate vs baseline; not of A/A runs), each with its detected steps
 * (change points), and the timeline's events (a new kernel, CPU, tool version or load configuration).
 */
import { timelineEvents } from './history-events.ts';
import { METRICS } from '../metrics/metric-defs.ts';
import { detectSteps } from '../stats/change-points.ts';
import type { ChangePoint, Comparison, HistoryGroup, HistoryPoint, HistorySeries, MetricDef, RunResult, Settings } from '../schema.ts';

/**
 * Run order in history: creation time, then id.
 *
 * @example
 * runs.sort(byCreation)
 */
export function byCreation(a: RunResult, b: RunResult): number {
  return (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id);
}

function changePoints(def: MetricDef, points: HistoryPoint[], relative: boolean, settings: Settings): ChangePoint[] {
  const usable = points.filter((p) => p.estimate !== null);
  if (usable.length < 3) return [];
  const steps = detectSteps(
    usable.map((p) => p.estimate as number),
    relative ? { minStep: settings.change_point_threshold_pct } : { minStep: settings.change_point_threshold_pct, stepSize: (a, b) => b - a },
  );
  return steps.filter((s) => Number.isFinite(s.size)).map((s) => {
    const run = usable[s.index].run;
    const up = s.after > s.before;
    return {
      index: points.findIndex((p) => p.run === run),
      run,
      before: s.before,
      after: s.after,
      change_pct: s.size,
      direction: up === (def.better === 'higher') ? 'improved' : 'regressed',
    };
  });
}

/**
 * @example
 * historyGroups(runs, comparisons, DEFAULT_SETTINGS)
 * // [{ name: 'vm', runs: ['r1', 'r2'], series: [{ metric: 'throughput_rps', variant: 'proxy', points: [...], change_points: [] }, ...], events: [...] }]
 */
export function historyGroups(runs: RunResult[], comparisons: Comparison[], settings: Settings): HistoryGroup[] {
  const groups = new Map<string, RunResult[]>();
  for (const r of runs) {
    if (r.status === 'error' || !r.machine) continue;
    const g = groups.get(r.machine.name) ?? [];
    g.push(r);
    groups.set(r.machine.name, g);
  }
  const compByRun = new Map<string, Map<string, Comparison>>();
  for (const c of comparisons) {
    let m = compByRun.get(c.run);
    if (!m) compByRun.set(c.run, (m = new Map()));
    m.set(c.metric, c);
  }
  const out: HistoryGroup[] = [];
  for (const [name, list] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    list.sort(byCreation);
    const series: HistorySeries[] = [];
    const variants: string[] = [];
    for (const r of list) for (const v of r.variants) if (!variants.includes(v.name)) variants.push(v.name);
    const summaryIndex = list.map((r) => new Map(r.summaries.map((s) => [`${s.variant}\u0000${s.metric}`, s])));
    for (const def of METRICS) {
      if (!def.compared) continue;
      for (const variant of variants) {
        const points: HistoryPoint[] = [];
        list.forEach((r, i) => {
          const s = summaryIndex[i].get(`${variant}\u0000${def.name}`);
          if (s && s.estimate !== null) points.push({ run: r.id, created_at: r.created_at, estimate: s.estimate, ci_low: s.ci_low, ci_high: s.ci_high, n: s.n });
        });
        if (points.length) series.push({ metric: def.name, unit: def.unit, better: def.better, variant, points, change_points: changePoints(def, points, true, settings) });
      }
      // the change of the candidate against the baseline; an A/A run compares a variant with itself (its
      // verdicts are the calibration's), so it is not a point of this series
      const points: HistoryPoint[] = [];
      for (const r of list) {
        if (r.aa) continue;
        const c = compByRun.get(r.id)?.get(def.name);
        if (c && c.change_pct.estimate !== null) {
          points.push({ run: r.id, created_at: r.created_at, estimate: c.change_pct.estimate, ci_low: c.change_pct.ci_low, ci_high: c.change_pct.ci_high, n: Math.min(c.baseline.n, c.candidate.n) });
        }
      }
      if (points.length) series.push({ metric: def.name, unit: '%', better: def.better, variant: 'change_pct', points, change_points: changePoints(def, points, false, settings) });
    }
    out.push({ name, machine: list[list.length - 1].machine!, runs: list.map((r) => r.id), series, events: timelineEvents(list.filter((r) => !r.sweep)) });
  }
  return out;
}
