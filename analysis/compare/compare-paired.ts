/**
 * The paired comparison of one metric between two variants of one run: block by block. A block holds one
 * trial of every variant, back to back in shuffled order, so whatever the machine did during the block (a
 * VM's speed stepping up or down) hits both sides alike and cancels in the within-block ratio
 * candidate/baseline. Steps:
 *
 * 1. pair the values by block (blocks where either side failed or has no positive value drop out, and the
 *    comparison says how many remain). A block where the load generator was saturated while the gateway's
 *    CPU had idle time (a `load-saturated` gate of this metric's phase, on either side) measured the client,
 *    not the gateway: it drops out too, as long as such blocks are at most a quarter of the blocks (a step
 *    of the machine's speed that slowed the client's CPU for a moment) and enough blocks remain. Otherwise
 *    saturation is the rule of the run, not an accident of the machine, and the gates make the comparison
 *    `invalid`;
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
 * Pair a metric's values by block; blocks in `exclude` count in `total` but are not paired.
 *
 * @example
 * blockPairs(reps, 'proxy', 'fdpass', 'throughput_rps') // { blocks: [1, 2, 3], baseline: [...], candidate: [...], total: 3 }
 * blockPairs(reps, 'proxy', 'fdpass', 'throughput_rps', new Set([2])) // { blocks: [1, 3], ..., total: 3 }
 */
export function blockPairs(reps: RepetitionResult[], baseline: string, candidate: string, metric: string, exclude: ReadonlySet<number> = new Set()): BlockPairs {
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
    if (exclude.has(k)) continue;
    const vb = b.metrics[metric];
    const vc = c.metrics[metric];
    if (typeof vb !== 'number' || typeof vc !== 'number' || !(vb > 0) || !(vc > 0) || !Number.isFinite(vb) || !Number.isFinite(vc)) continue;
    out.blocks.push(k);
    out.baseline.push(vb);
    out.candidate.push(vc);
  }
  return out;
}

/** The largest share of a comparison's blocks that may drop out for a saturated load generator. */
export const MAX_SATURATED_BLOCK_SHARE = 0.25;

/**
 * The blocks a comparison leaves out because the load generator, not the gateway, set the pace there: the
 * blocks of its `load-saturated` gates, when they are at most MAX_SATURATED_BLOCK_SHARE of the `pairs`'
 * blocks and at least `minBlocks` paired blocks remain without them; none otherwise (the gates stay, and
 * the comparison is `invalid` for a saturated load).
 *
 * @example
 * saturatedBlocks([{ code: 'load-saturated', variant: 'proxy', repetition: 27, ... }], pairsOf28Blocks, 6) // Set { 27 }
 * saturatedBlocks(gatesOfTenBlocks, pairsOf28Blocks, 6) // Set {}: 10 of 28 is more than a quarter
 */
export function saturatedBlocks(gates: Warning[], pairs: BlockPairs, minBlocks: number): Set<number> {
  const blocks = new Set<number>();
  for (const w of gates) if (w.code === 'load-saturated') blocks.add(w.repetition);
  const left = pairs.blocks.filter((k) => !blocks.has(k)).length;
  return blocks.size <= pairs.total * MAX_SATURATED_BLOCK_SHARE && left >= minBlocks ? blocks : new Set();
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
  const runGates = applicableGates(runWarnings, def, [b.variant, c.variant]);
  const notes: Warning[] = [];

  const everyBlock = blockPairs(reps, b.variant, c.variant, def.name);
  const saturated = saturatedBlocks(runGates, everyBlock, minBlocks);
  const gates: Warning[] = runGates.filter((w) => !(w.code === 'load-saturated' && saturated.has(w.repetition)));
  const pairs = saturated.size > 0 ? blockPairs(reps, b.variant, c.variant, def.name, saturated) : everyBlock;
  if (saturated.size > 0) notes.push({ code: 'saturated-blocks-dropped', metric: def.name, blocks: [...saturated].sort((x, y) => x - y), total: pairs.total });
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
  const missing = dropped - saturated.size;
  if (pairs.blocks.length < minBlocks && b.n > 0 && c.n > 0 && b.estimate !== 0) {
    gates.push({ code: 'too-few-blocks', metric: def.name, blocks: pairs.blocks.length, min_blocks: minBlocks, dropped });
  } else if (missing > 0) notes.push({ code: 'blocks-dropped', metric: def.name, used: pairs.total - missing, total: pairs.total });
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
