/**
 * The paired comparison of one metric between two variants of one run: block by block. A block holds one
 * trial of every variant, back to back in shuffled order, so whatever the machine did during the block (a
 * VM's speed stepping up or down) hits both sides alike and cancels in the within-block ratio
 * candidate/baseline. Steps:
 *
 * 1. pair the values by block (blocks where either side failed or has no positive value drop out, and the
 *    comparison says how many remain);
 * 2. estimate and 95% interval of the ratio from the log ratios (signed-rank method, `stats/paired-log-ratio.ts`);
 * 3. p-value: exact sign-flip permutation test of the signed ranks of the log ratios (`stats/sign-flip-test.ts`),
 *    the test that interval inverts, so the two agree;
 * 4. gates that fit the design: too few blocks, plus the run's own gates (errors, saturated load, ...). A
 *    variant's spread between blocks and a very wide spread of the block ratios (SD of log ratios > 100%)
 *    are notes: the interval, built from those ratios, already carries them;
 * 5. the verdict (`verdict.ts`), and the seed guide's expectation only when the verdict is valid.
 */
import { applicableGates } from './gates.ts';
import type { Comparison, MetricDef, RepetitionResult, Settings } from '../schema.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { pairedLogRatio } from '../stats/paired-log-ratio.ts';
import { deriveSeed } from '../../ingest/prng.ts';
import { signedRanks } from '../stats/signed-ranks.ts';
import { signFlipTest } from '../stats/sign-flip-test.ts';
import type { Reduced } from '../metrics/summarize.ts';
import { comparisonOf, dedupe } from './compare.ts';
import type { Warning } from '../warnings.ts';

/** Per block (repetition number) where both variants completed: the metric's value on each side. */
export interface BlockPairs {
  blocks: number[];
  baseline: number[];
  candidate: number[];
  /** blocks where both variants completed (before dropping missing or non-positive values) */
  total: number;
}

/**
 * Pair a metric's values by block.
 *
 * @example
 * blockPairs(reps, 'proxy', 'fdpass', 'throughput_rps') // { blocks: [1, 2, 3], baseline: [...], candidate: [...], total: 3 }
 */
export function blockPairs(reps: RepetitionResult[], baseline: string, candidate: string, metric: string): BlockPairs {
  const ok = (r: RepetitionResult) => r.status !== 'failed';
  const byBlock = new Map<number, { b?: RepetitionResult; c?: RepetitionResult }>();
  for (const r of reps) {
    if (!ok(r) || (r.variant !== baseline && r.variant !== candidate)) continue;
    const e = byBlock.get(r.repetition) ?? {};
    if (r.variant === baseline) e.b = r;
    else e.c = r;
    byBlock.set(r.repetition, e);
  }
  const out: BlockPairs = { blocks: [], baseline: [], candidate: [], total: 0 };
  for (const k of [...byBlock.keys()].sort((x, y) => x - y)) {
    const { b, c } = byBlock.get(k)!;
    if (!b || !c) continue;
    out.total++;
    const vb = b.metrics[metric];
    const vc = c.metrics[metric];
    if (typeof vb !== 'number' || typeof vc !== 'number' || !(vb > 0) || !(vc > 0) || !Number.isFinite(vb) || !Number.isFinite(vc)) continue;
    out.blocks.push(k);
    out.baseline.push(vb);
    out.candidate.push(vc);
  }
  return out;
}

/**
 * @example
 * comparePaired('run-1', metricDef('throughput_rps'), reps, proxyReduced, fdpassReduced, runWarnings, DEFAULT_SETTINGS)
 * // { design: 'paired', blocks: { used: 20, total: 20 }, change_pct: { estimate: -17.9, ci_low: -19.0, ci_high: -16.8 }, verdict: 'regressed', ... }
 */
export function comparePaired(run: string, def: MetricDef, reps: RepetitionResult[], baseline: Reduced, candidate: Reduced, runWarnings: Warning[], settings: Settings): Comparison {
  const b = baseline.summary;
  const c = candidate.summary;
  const minBlocks = settings.min_blocks ?? DEFAULT_SETTINGS.min_blocks!;
  const spreadLimit = settings.ratio_spread_threshold_pct ?? DEFAULT_SETTINGS.ratio_spread_threshold_pct!;
  const gates: Warning[] = applicableGates(runWarnings, def, [b.variant, c.variant]);
  const notes: Warning[] = [];

  const pairs = blockPairs(reps, b.variant, c.variant, def.name);
  for (const s of [b, c]) {
    if (s.n === 0) gates.push({ code: 'no-data', metric: def.name, variant: s.variant });
    else if (s.cv_pct !== null && s.cv_pct > settings.cv_threshold_pct) {
      notes.push({ code: 'variant-cv', variant: s.variant, metric: def.name, cv_pct: s.cv_pct, threshold_pct: settings.cv_threshold_pct });
    }
  }
  if (b.n > 0 && b.estimate === 0) gates.push({ code: 'baseline-zero', metric: def.name });

  const change = { estimate: null as number | null, ci_low: null as number | null, ci_high: null as number | null };
  const r = pairedLogRatio(pairs.baseline, pairs.candidate, settings.confidence);
  const dropped = pairs.total - pairs.blocks.length;
  if (pairs.blocks.length < minBlocks && b.n > 0 && c.n > 0 && b.estimate !== 0) {
    gates.push({ code: 'too-few-blocks', metric: def.name, blocks: pairs.blocks.length, min_blocks: minBlocks, dropped });
  } else if (dropped > 0) notes.push({ code: 'blocks-dropped', metric: def.name, used: pairs.blocks.length, total: pairs.total });
  const spreadPct = r.sd_log === null ? null : r.sd_log * 100;
  if (spreadPct !== null && spreadPct > spreadLimit) notes.push({ code: 'ratio-spread', metric: def.name, spread_pct: spreadPct, threshold_pct: spreadLimit });
  if (r.ratio !== null) change.estimate = (r.ratio - 1) * 100;
  if (r.ci_low !== null && r.ci_high !== null) {
    change.ci_low = (r.ci_low - 1) * 100;
    change.ci_high = (r.ci_high - 1) * 100;
  }
  let p: number | null = null;
  if (pairs.blocks.length >= 2) {
    const d = pairs.blocks.map((_, i) => Math.log(pairs.candidate[i] / pairs.baseline[i]));
    p = signFlipTest(signedRanks(d), { seed: deriveSeed(settings.seed, run, def.name, 'sign-flip') }).p_value;
  }
  const base = comparisonOf({ run, def, baseline, candidate, change, p_value: p, gates: dedupe(gates), notes: dedupe(notes), settings, design: 'paired' });
  return { ...base, blocks: { used: pairs.blocks.length, total: pairs.total }, ratio_spread_pct: spreadPct, ci_level: r.ci_level };
}
