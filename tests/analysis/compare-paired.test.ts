import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { blockPairs, comparePaired, saturatedBlocks } from '../../analysis/compare/compare-paired.ts';
import type { Warning } from '../../analysis/warnings.ts';
import { metricDef } from '../../analysis/metrics/metric-defs.ts';
import type { RepetitionResult } from '../../analysis/schema.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { reduce } from '../../analysis/metrics/summarize.ts';

function rep(variant: string, repetition: number, metrics: Record<string, number | null>, status = 'complete'): RepetitionResult {
  return { variant, repetition, order: 0, status, error: null, metrics, series: [], syscalls: [], open_loop_spectrum: [], files: [], errors: [] };
}

/** A machine that halves its speed after block 3: both variants step, the within-block ratio stays 0.8. */
function stepped(blocks: number): RepetitionResult[] {
  const out: RepetitionResult[] = [];
  for (let k = 1; k <= blocks; k++) {
    const speed = k <= 3 ? 1 : 0.5;
    const wobble = 1 + 0.01 * ((k * 7) % 5 - 2); // -2%..+2%, deterministic
    out.push(rep('proxy', k, { throughput_rps: 100000 * speed }));
    out.push(rep('fdpass', k, { throughput_rps: 80000 * speed * wobble }));
  }
  return out;
}

function compared(reps: RepetitionResult[], metric = 'throughput_rps', runWarnings: Warning[] = []) {
  const def = metricDef(metric);
  const side = (v: string) =>
    reduce('run', v, def, reps.filter((r) => r.variant === v && r.status !== 'failed').map((r) => r.metrics[metric]).filter((x): x is number => typeof x === 'number'), DEFAULT_SETTINGS);
  return comparePaired('run', def, reps, side('proxy'), side('fdpass'), runWarnings, DEFAULT_SETTINGS);
}

test('blockPairs: values by block; a failed trial or a missing value drops the block', () => {
  const reps = [...stepped(4), rep('proxy', 5, { throughput_rps: 1 }), rep('fdpass', 5, { throughput_rps: 2 }, 'failed'), rep('proxy', 6, { throughput_rps: null }), rep('fdpass', 6, { throughput_rps: 3 })];
  const p = blockPairs(reps, 'proxy', 'fdpass', 'throughput_rps');
  assert.equal(p.blocks, [1, 2, 3, 4]);
  assert.equal(p.baseline, [100000, 100000, 100000, 50000]);
  assert.is(p.total, 5, 'block 6 had both variants complete; block 5 did not');
});

test('blockPairs: an excluded block counts in the total but is not paired', () => {
  const p = blockPairs(stepped(4), 'proxy', 'fdpass', 'throughput_rps', new Set([2, 4]));
  assert.equal(p.blocks, [1, 3]);
  assert.is(p.total, 4);
});

/** The gate a block gets when wrk saturated its CPU while the gateway's CPU had idle time. */
function saturatedGate(variant: string, repetition: number, phase = 'throughput'): Warning {
  return { code: 'load-saturated', variant, repetition, phase, load_cpu_pct: 100, capacity_pct: 100, threshold_pct: 90 };
}

test('saturatedBlocks: the gates\' blocks when at most a quarter and enough blocks remain, else none', () => {
  const pairs = blockPairs(stepped(28), 'proxy', 'fdpass', 'throughput_rps');
  assert.equal([...saturatedBlocks([saturatedGate('proxy', 27), saturatedGate('fdpass', 27), saturatedGate('fdpass', 3)], pairs, 6)], [27, 3]);
  assert.equal([...saturatedBlocks([1, 2, 3, 4, 5, 6, 7].map((k) => saturatedGate('proxy', k)), pairs, 6)], [1, 2, 3, 4, 5, 6, 7], '7 of 28 is a quarter');
  assert.equal([...saturatedBlocks([1, 2, 3, 4, 5, 6, 7, 8].map((k) => saturatedGate('proxy', k)), pairs, 6)], [], '8 of 28 is more');
  assert.equal([...saturatedBlocks([saturatedGate('proxy', 1)], pairs, 28)], [], '27 left, 28 needed');
  assert.equal([...saturatedBlocks([{ code: 'aa-run' }], pairs, 6)], []);
});

test('a block where the client was saturated drops out with a note; the rest give a valid verdict', () => {
  const reps = stepped(10).map((r) => (r.repetition === 4 && r.variant === 'fdpass' ? { ...r, metrics: { throughput_rps: 20000 } } : r));
  const c = compared(reps, 'throughput_rps', [saturatedGate('fdpass', 4)]);
  assert.is(c.verdict, 'regressed');
  assert.equal(c.blocks, { used: 9, total: 10 });
  const w = c.warnings.find((x) => x.code === 'saturated-blocks-dropped')!;
  assert.equal([w.severity, w.blocks, w.total], ['note', [4], 10]);
  assert.match(String(w.message), /^throughput_rps: block 4 left out \(1 of 10\): there the load generator was saturated/);
  assert.not.ok(c.warnings.some((x) => x.code === 'load-saturated' || x.code === 'blocks-dropped'));
  assert.ok(c.change_pct.ci_low! >= -21.6 && c.change_pct.ci_high! <= -18.4, JSON.stringify(c.change_pct));
});

test('saturated in more than a quarter of the blocks: the gates stay and the comparison is invalid', () => {
  const c = compared(stepped(10), 'throughput_rps', [1, 2, 3].map((k) => saturatedGate('proxy', k)));
  assert.is(c.verdict, 'invalid');
  assert.equal(c.blocks, { used: 10, total: 10 });
  assert.is(c.warnings.filter((x) => x.code === 'load-saturated').length, 3);
  // a fixed-rate gate does not touch a throughput-phase metric
  assert.is(compared(stepped(10), 'throughput_rps', [saturatedGate('proxy', 1, 'fixed-rate')]).verdict, 'regressed');
});

test('when dropping saturated blocks would leave too few, none drops: the saturated load makes it invalid', () => {
  const c = compared(stepped(6), 'throughput_rps', [saturatedGate('proxy', 6)]);
  assert.is(c.verdict, 'invalid');
  assert.equal(c.blocks, { used: 6, total: 6 });
  assert.equal(c.warnings.filter((x) => x.severity === 'gate').map((x) => x.code), ['load-saturated']);
  assert.match(String(c.reason), /^proxy repetition 6 \(throughput\): the load generator used 100(\.0)?% CPU/);
});

test('a machine step hits both sides and cancels: -20% with a narrow interval, regressed, paired design', () => {
  const c = compared(stepped(10));
  assert.is(c.design, 'paired');
  assert.equal(c.blocks, { used: 10, total: 10 });
  // ratios 0.8 x (1 + -2%..+2%): the Hodges-Lehmann estimate is within them, the interval too
  assert.ok(c.change_pct.estimate! > -21.6 && c.change_pct.estimate! < -18.4, `${c.change_pct.estimate}`);
  assert.ok(c.change_pct.ci_low! >= -21.6 && c.change_pct.ci_high! <= -18.4, `${c.change_pct.ci_low} ${c.change_pct.ci_high}`);
  assert.is(c.verdict, 'regressed');
  // every block agrees in sign: the exact sign-flip p is 2 / 2^10
  assert.is(c.p_value, 2 / 1024);
  // both variants vary ~33% between blocks (the step): a note, not a gate
  assert.equal(c.warnings.map((w) => [w.code, w.severity]), [['variant-cv', 'note'], ['variant-cv', 'note']]);
  assert.is(c.reason, null);
});

test('fewer than 6 blocks: invalid, too-few-blocks says how many remain and how many dropped', () => {
  const reps = [...stepped(5), rep('proxy', 6, { throughput_rps: 5 }), rep('fdpass', 6, { throughput_rps: null })];
  const c = compared(reps);
  assert.is(c.verdict, 'invalid');
  const w = c.warnings.find((x) => x.code === 'too-few-blocks')!;
  assert.equal([w.blocks, w.min_blocks, w.dropped], [5, 6, 1]);
  assert.is(c.expected, null);
});

test('block ratios that barely repeat: a ratio-spread note, and an interval as wide as they are', () => {
  const reps: RepetitionResult[] = [];
  const ratios = [0.2, 4, 0.3, 3.5, 0.25, 5, 0.2, 4.5];
  ratios.forEach((r, i) => reps.push(rep('proxy', i + 1, { throughput_rps: 1000 }), rep('fdpass', i + 1, { throughput_rps: 1000 * r })));
  const c = compared(reps);
  assert.is(c.verdict, 'no significant difference');
  const w = c.warnings.find((x) => x.code === 'ratio-spread')! as unknown as { spread_pct: number; threshold_pct: number; severity: string };
  assert.ok(w.spread_pct > 100 && w.threshold_pct === 100 && w.severity === 'note', JSON.stringify(w));
  assert.ok(c.change_pct.ci_low! < -70 && c.change_pct.ci_high! > 250, JSON.stringify(c.change_pct));
});

test('run gates that name a variant apply; a baseline of 0 is a gate', () => {
  const reps = stepped(8).map((r) => (r.variant === 'proxy' ? { ...r, metrics: { throughput_rps: 0 } } : r));
  const c = compared(reps);
  assert.is(c.verdict, 'invalid');
  assert.ok(c.warnings.some((w) => w.code === 'baseline-zero'));
});

test.run();
