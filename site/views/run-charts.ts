/**
 * The charts of a run page, built from the run's analysis result: CPU, RSS and context switches over time of
 * a representative repetition, throughput per repetition, wrk percentiles, the open-loop spectrum, syscalls
 * per request, and a flame graph per variant.
 */
import type { Analysis, RunResult, RepetitionResult } from '../../analysis/schema.ts';
import type { Chart } from '../charts/chart.ts';
import type { RunExtras } from './site-input.ts';
import type { StaticChart } from './chart-view.ts';
import { cpuOverTimeChart, type CpuPoint } from '../charts/cpu-over-time.ts';
import { rssOverTimeChart, type RssPoint } from '../charts/rss-over-time.ts';
import { contextSwitchesChart, type CswPoint } from '../charts/context-switches.ts';
import { perRepetitionChart } from '../charts/throughput-per-rep.ts';
import { latencyPercentilesChart } from '../charts/latency-percentiles.ts';
import { latencySpectrumChart } from '../charts/latency-spectrum.ts';
import { syscallsChart } from '../charts/syscalls-per-request.ts';
import { flameLayout, topFrames } from '../flame/flame-layout.ts';
import { renderFlameSvg } from '../flame/render-flame.ts';
import { formatNumber, formatPercent } from '../helpers/format-number.ts';
import { variantLabel } from './comparison-rows.ts';
import { isPairedRun } from './run-speed.ts';

export interface RunCharts {
  cpu: Chart[];
  rss: Chart | null;
  csw: Chart | null;
  throughput: Chart | null;
  latency: Chart | null;
  spectrum: Chart | null;
  syscalls: Chart | null;
  flames: (StaticChart & { variant: string; error: string | null })[];
}

/**
 * The repetition of a variant whose throughput is the median of its completed repetitions (the lower middle
 * for an even count); the first repetition with series when no throughput is known.
 *
 * @example
 * representativeRepetition(run, 'proxy')?.repetition // 3
 */
export function representativeRepetition(run: RunResult, variant: string): RepetitionResult | null {
  const reps = run.repetitions.filter((r) => r.variant === variant && r.series.length > 0);
  if (reps.length === 0) return null;
  const withTp = reps.filter((r) => typeof r.metrics.throughput_rps === 'number');
  if (withTp.length === 0) return reps[0];
  const sorted = [...withTp].sort((a, b) => (a.metrics.throughput_rps as number) - (b.metrics.throughput_rps as number) || a.repetition - b.repetition);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Sum the samples of several processes at the same (rounded) second. */
function sumByTime<T extends { t_s: number }>(lists: T[][], fields: (keyof T)[]): Map<number, Record<string, number | null>> {
  const out = new Map<number, Record<string, number | null>>();
  for (const list of lists) {
    for (const s of list) {
      const t = Math.round(s.t_s);
      const acc = out.get(t) ?? Object.fromEntries(fields.map((f) => [f, null]));
      for (const f of fields) {
        const v = s[f] as unknown as number | null;
        if (typeof v === 'number') acc[f as string] = (acc[f as string] ?? 0) + v;
      }
      out.set(t, acc);
    }
  }
  return out;
}

/**
 * Build the charts of a run.
 *
 * @example
 * runCharts(analysis, run, extras).throughput?.title // 'Throughput: each block’s trial and the mean' (a paired run; 'Throughput per repetition' otherwise)
 */
export function runCharts(analysis: Analysis, run: RunResult, extras: RunExtras | undefined): RunCharts {
  const order = [run.baseline, run.candidate, ...run.variants.map((v) => v.name)].filter((v): v is string => !!v);
  const variantNames = [...new Set(order)].filter((v) => run.variants.some((x) => x.name === v) || run.repetitions.some((r) => r.variant === v));
  const labels = variantNames.map((v) => variantLabel(run, v));
  const reps = new Map(variantNames.map((v) => [v, representativeRepetition(run, v)]));
  const noteParts = variantNames.map((v) => {
    const r = reps.get(v);
    const n = run.repetitions.filter((x) => x.variant === v).length;
    return r ? `${variantLabel(run, v)} repetition ${r.repetition} of ${n}` : `${variantLabel(run, v)}: no samples`;
  });
  const note = `${noteParts.join(', ')} (the repetition with the median throughput)`;

  const cpuGw: CpuPoint[] = [];
  const cpuWk: CpuPoint[] = [];
  const rss: RssPoint[] = [];
  const csw: CswPoint[] = [];
  let workerCount = 0;
  for (const v of variantNames) {
    const rep = reps.get(v);
    if (!rep) continue;
    const label = variantLabel(run, v);
    const phase = rep.series.some((s) => s.phase === 'throughput') ? 'throughput' : rep.series[0]?.phase;
    const series = rep.series.filter((s) => s.phase === phase);
    const gw = series.filter((s) => s.process === 'gateway');
    const wk = series.filter((s) => s.process === 'worker');
    workerCount = Math.max(workerCount, wk.length);
    const gwSum = sumByTime(gw.map((s) => s.samples), ['usr_pct', 'system_pct', 'rss_kb', 'cswch_per_s', 'nvcswch_per_s']);
    const wkSum = sumByTime(wk.map((s) => s.samples), ['usr_pct', 'system_pct', 'rss_kb']);
    for (const [t, s] of [...gwSum.entries()].sort((a, b) => a[0] - b[0])) {
      cpuGw.push({ variant: label, t_s: t, usr_pct: s.usr_pct, system_pct: s.system_pct });
      rss.push({ variant: label, process: 'gateway', t_s: t, rss_kb: s.rss_kb });
      csw.push({ variant: label, t_s: t, cswch_per_s: s.cswch_per_s, nvcswch_per_s: s.nvcswch_per_s });
    }
    for (const [t, s] of [...wkSum.entries()].sort((a, b) => a[0] - b[0])) {
      cpuWk.push({ variant: label, t_s: t, usr_pct: s.usr_pct, system_pct: s.system_pct });
      rss.push({ variant: label, process: 'workers (sum)', t_s: t, rss_kb: s.rss_kb });
    }
  }
  const cpu: Chart[] = [cpuOverTimeChart({ id: 'cpu-gateway', process: 'gateway', variants: labels, points: cpuGw, note })];
  if (cpuWk.length) cpu.push(cpuOverTimeChart({ id: 'cpu-workers', process: `workers (sum of ${workerCount})`, variants: labels, points: cpuWk, note }));

  const summary = (metric: string, variant: string) => run.summaries.find((s) => s.metric === metric && s.variant === variant);
  const def = (metric: string) => analysis.metrics.find((m) => m.name === metric);

  const tpDef = def('throughput_rps');
  const throughput = perRepetitionChart({
    id: 'throughput',
    metricLabel: tpDef?.label ?? 'Throughput',
    unit: 'req/s',
    statistic: tpDef?.statistic ?? 'mean',
    per: isPairedRun(analysis, run.id) ? 'block' : 'repetition',
    variants: labels,
    reps: run.repetitions.map((r) => ({ variant: variantLabel(run, r.variant), repetition: r.repetition, value: r.metrics.throughput_rps ?? null })),
    cis: variantNames.flatMap((v) => {
      const s = summary('throughput_rps', v);
      return s ? [{ variant: variantLabel(run, v), estimate: s.estimate, ci_low: s.ci_low, ci_high: s.ci_high, n: s.n }] : [];
    }),
  });

  const pctMetrics = analysis.metrics
    .map((m) => ({ m, p: /^latency_p(\d+(?:_\d+)?)_ms$/.exec(m.name) }))
    .filter((x) => x.p && x.m.phase === 'throughput')
    .map((x) => ({ name: x.m.name, label: `p${x.p![1].replace('_', '.')}`, num: Number(x.p![1].replace('_', '.')) }))
    .sort((a, b) => a.num - b.num);
  const latency = latencyPercentilesChart({
    id: 'latency',
    variants: labels,
    percentiles: pctMetrics.map((p) => p.label),
    points: pctMetrics.flatMap((p) =>
      variantNames.flatMap((v) => {
        const s = summary(p.name, v);
        return s ? [{ variant: variantLabel(run, v), percentile: p.label, estimate: s.estimate, ci_low: s.ci_low, ci_high: s.ci_high }] : [];
      }),
    ),
  });

  const rate = typeof run.config?.rate_rps === 'number' ? `${formatNumber(run.config.rate_rps as number, 0)} req/s` : 'a fixed rate';
  const spectrum = latencySpectrumChart({
    id: 'spectrum',
    variants: labels,
    rate,
    points: run.open_loop.flatMap((o) => o.spectrum.map((p) => ({ variant: variantLabel(run, o.variant), percentile: p.percentile, latency_ms: p.latency_ms }))),
  });

  const syscalls = syscallsChart({
    id: 'syscalls',
    variants: labels,
    limit: 14,
    rows: run.syscalls.flatMap((v) => v.syscalls.map((s) => ({ variant: variantLabel(run, v.variant), name: s.name, per_req: s.per_req }))),
  });

  const flames = (extras?.flames ?? []).map((f) => {
    const label = variantLabel(run, f.variant);
    const id = `flame-${f.variant.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const title = `Flame graph: ${label}`;
    if (!f.stacks || f.stacks.samples === 0) {
      // never an empty box: the sentence says what perf record followed and why it found nothing
      const reason = f.error ?? 'No flame graph: perf record found no stack sample.';
      return { kind: 'static' as const, id, title, variant: label, error: reason, empty_reason: reason, caption: '', svg: '', table: { columns: [], rows: [] } };
    }
    const rects = flameLayout(f.stacks.stacks, { minFraction: 0.002, maxDepth: 48 });
    const top = topFrames(f.stacks.stacks, 15);
    return {
      kind: 'static' as const,
      id,
      title,
      variant: label,
      error: null,
      caption: `Where ${label} spends CPU: ${formatNumber(f.stacks.samples, 0)} stack samples from perf record -g (all repetitions pooled, untimed phase). Each box is a function; its width is its share of samples, callees hang below their caller. Hover a box for its numbers.`,
      svg: renderFlameSvg(rects, { width: 1100, title }),
      table: {
        columns: ['function', 'samples on stack', 'share'],
        rows: top.map((t) => [t.name, formatNumber(t.samples, 0), formatPercent((100 * t.samples) / f.stacks!.samples)]),
      },
    };
  });

  const rssChart = rssOverTimeChart({ id: 'rss', variants: labels, processes: ['gateway', 'workers (sum)'], points: rss, note });
  const cswChart = contextSwitchesChart({ id: 'csw', process: 'gateway', variants: labels, points: csw, note });
  return { cpu, rss: rssChart, csw: cswChart, throughput, latency, spectrum, syscalls, flames };
}
