/**
 * The "Machine speed during the run" section of a run page: the speed probe's readings per block (chart), one
 * sentence on how much the machine's speed moved and how much of the throughput's trial-to-trial variance
 * that explains, and the throughput of each variant per block on the same x axis. Runs collected before the
 * probe get a sentence saying so.
 */
import type { Analysis, RunResult, RunSpeed } from '../../analysis/schema.ts';
import type { Chart } from '../charts/chart.ts';
import { speedPerBlockChart } from '../charts/speed-per-block.ts';
import { throughputPerBlockChart } from '../charts/throughput-per-block.ts';
import { formatNumber, formatPercent } from '../helpers/format-number.ts';
import { variantLabel } from './comparison-rows.ts';

export interface RunSpeedView {
  /** the run has probe readings */
  has_probe: boolean;
  sentence: string;
  probe: Chart | null;
  /** each variant's throughput per block; null when the run's comparisons are not paired */
  throughput: Chart | null;
}

/** What the page says for a run without probe readings. */
export const NO_PROBE_SENTENCE = 'This run predates the speed probe: it has no readings of the machine’s speed.';

/**
 * The sentence under the speed chart, from the run's speed summary.
 *
 * @example
 * speedSentence({ blocks: [], sut_range_pct: 4.06, load_range_pct: 2.5, max_within_block_pct: 1.23, throughput_probe_correlation: -0.42, throughput_variance_explained_pct: 17.64 })
 * // 'The speed probe’s block means ranged 4.1% on the gateway’s CPU and 2.5% on the load’s; within a block it moved at most 1.2%; it accounts for 17.6% of the trial-to-trial throughput variance (correlation r = -0.42).'
 */
export function speedSentence(speed: RunSpeed): string {
  const head = `The speed probe’s block means ranged ${formatPercent(speed.sut_range_pct)} on the gateway’s CPU and ${formatPercent(speed.load_range_pct)} on the load’s; within a block it moved at most ${formatPercent(speed.max_within_block_pct)}`;
  const tail =
    speed.throughput_variance_explained_pct === null || speed.throughput_probe_correlation === null
      ? 'too few trials with both a throughput and a probe reading to relate it to the throughput'
      : `it accounts for ${formatPercent(speed.throughput_variance_explained_pct)} of the trial-to-trial throughput variance (correlation r = ${formatNumber(speed.throughput_probe_correlation, 2)})`;
  return `${head}; ${tail}.`;
}

/**
 * True when the run's own comparisons were made block by block.
 *
 * @example
 * isPairedRun(analysis, 'r1') // true
 */
export function isPairedRun(analysis: Analysis, runId: string): boolean {
  return analysis.comparisons.some((c) => c.run === runId && c.design === 'paired' && !c.baseline.run && !c.candidate.run);
}

/**
 * Build the section.
 *
 * @example
 * runSpeedView(analysis, run).sentence // 'The speed probe’s block means ranged 4.1% on the gateway’s CPU …'
 */
export function runSpeedView(analysis: Analysis, run: RunResult): RunSpeedView {
  const order = [run.baseline, run.candidate, ...run.variants.map((v) => v.name)].filter((v): v is string => !!v);
  const names = [...new Set(order)].filter((v) => run.repetitions.some((r) => r.variant === v));
  const throughput = isPairedRun(analysis, run.id)
    ? throughputPerBlockChart({
        id: 'throughput-blocks',
        variants: names.map((v) => variantLabel(run, v)),
        points: run.repetitions
          .filter((r) => names.includes(r.variant))
          .map((r) => ({ variant: variantLabel(run, r.variant), block: r.repetition, throughput_rps: r.metrics.throughput_rps ?? null })),
      })
    : null;
  const speed = run.speed;
  if (!speed) return { has_probe: false, sentence: NO_PROBE_SENTENCE, probe: null, throughput };
  return {
    has_probe: true,
    sentence: speedSentence(speed),
    probe: speedPerBlockChart({ id: 'speed', blocks: speed.blocks.map((b) => ({ block: b.block, sut_ns_per_miter: b.sut_ns_per_miter, load_ns_per_miter: b.load_ns_per_miter })) }),
    throughput,
  };
}
