/**
 * The Markdown report of the latest sweep run (reports/sweep.md): where each candidate pays, i.e. the
 * break-even size per metric, the paired change against the baseline at every size with its CI and verdict,
 * and each variant's own CPU per request and throughput by size. The headline CPU figure is CPU per request
 * at the fixed rate (the load generator far from saturation); the closed-loop figures follow, under their
 * load-saturation gate. Renderers return strings.
 */
import { sizeLabel } from '../../ingest/byte-size.ts';
import { metricDef } from '../metrics/metric-defs.ts';
import type { Analysis, RunResult } from '../schema.ts';
import { breakEvenText } from './break-even-text.ts';
import { fmtChange, fmtEstimate } from './format.ts';
import { mdEscape, mdTable, runHeader, warningLines } from './markdown.ts';
import { breakEvensOf, comparedCandidates, latestSweep, variantLabel, variantTitle } from './select.ts';

/** The variants' own figures shown by size, beside each other: the headline (CPU per request at the fixed rate) first. */
const CURVES = ['total_cpu_us_per_req_at_fixed_rate', 'gateway_cpu_us_per_req_at_fixed_rate', 'total_cpu_us_per_req', 'gateway_cpu_us_per_req', 'throughput_rps'];

/**
 * The sweep's fixed rate at each size, when its points record one and the fixed-rate phase ran.
 *
 * @example
 * fixedRateLine(run) // '- Fixed rate (open loop) per size: 16 B 2,500 req/s, 4 KiB 2,500 req/s, ..., 1 MiB 32 req/s'
 */
function fixedRateLine(run: RunResult): string[] {
  const sweep = run.sweep!;
  if (!sweep.metrics.includes('openloop_latency_p99_ms') || sweep.points.some((p) => p.rate_rps === null || p.rate_rps === undefined)) return [];
  return [`- Fixed rate (open loop) per size: ${sweep.points.map((p) => `${sizeLabel(p.size_bytes)} ${p.rate_rps!.toLocaleString('en-US')} req/s`).join(', ')}`];
}

/** The change of every sweep metric at each size for one candidate. */
function changeTable(run: RunResult, candidate: string): string[] {
  const sweep = run.sweep!;
  return mdTable(
    ['Size', ...sweep.metrics.map((m) => mdEscape(metricDef(m).label))],
    sweep.points.map((p) => [
      sizeLabel(p.size_bytes),
      ...sweep.metrics.map((m) => {
        const c = p.comparisons.find((x) => x.metric === m && x.candidate.variant === candidate);
        return c ? `${fmtChange(c.change_pct)} ${c.verdict === 'invalid' ? 'invalid' : `**${c.verdict}**`}` : 'n/a';
      }),
    ]),
  );
}

/**
 * The sweep report, or null when no sweep run loaded.
 *
 * @example
 * renderSweepMarkdown(analysis)
 * // -> '# Where does v2.0 pay? v2.0 (fdpass) vs v1.0 (proxy) by response size\n\n- Run: ...\n\n## Break-even\n...'
 */
export function renderSweepMarkdown(analysis: Analysis): string | null {
  const run = latestSweep(analysis);
  const sweep = run?.sweep;
  if (!run || !sweep || !run.baseline || !run.candidate) return null;
  const candidates = comparedCandidates(run);
  const several = candidates.length > 1;
  const bl = mdEscape(variantLabel(run, run.baseline));
  const cl = mdEscape(variantLabel(run, run.candidate));
  const sizes = sweep.points.map((p) => sizeLabel(p.size_bytes));
  const titles = candidates.map((c) => mdEscape(variantTitle(run, c))).join(', ');
  const out = [`# Where does ${cl} pay? ${titles} vs ${mdEscape(variantTitle(run, run.baseline))} by response size`, '', ...runHeader(analysis, run)];
  out.push(`- Sweep: ${sizes.length} sizes (${sizes.join(', ')}); in every block each size once, in shuffled order, with fresh gateways and the variants' trials side by side`);
  out.push(...fixedRateLine(run));
  if (sweep.metrics[0] === 'total_cpu_us_per_req_at_fixed_rate') {
    out.push(
      `- Headline CPU figure: total CPU per request at the fixed rate, where the load generator idles and cannot bend it. The closed-loop figures (throughput, CPU per request under full load) keep their load-saturation gate: where the load generator's CPU saturated they are \`invalid\`.`,
    );
  }
  out.push('');

  out.push(
    '## Break-even',
    '',
    `Where ${several ? 'each candidate' : `${cl}`}'s change against ${bl} crosses zero as the response size grows: between the two measured sizes where the estimate changes sign, interpolated linearly in log size. The 95% band is the range of sizes around it where the change's 95% CI contains zero (CIs are per size); the bracket is the two measured sizes around the crossing.`,
    '',
  );
  out.push(
    ...mdTable(
      [...(several ? ['Candidate'] : []), 'Metric', 'Break-even', 'Invalid sizes'],
      candidates.flatMap((cand) =>
        breakEvensOf(run, cand).map((b) => [
          ...(several ? [mdEscape(variantLabel(run, cand))] : []),
          `${mdEscape(metricDef(b.metric).label)} (\`${b.metric}\`, ${metricDef(b.metric).better} is better)`,
          mdEscape(breakEvenText(b, variantLabel(run, cand))),
          b.invalid_sizes_bytes.length ? b.invalid_sizes_bytes.map(sizeLabel).join(', ') : 'none',
        ]),
      ),
    ),
    '',
  );

  out.push('## Change by size', '');
  for (const cand of candidates) {
    const c = mdEscape(variantLabel(run, cand));
    if (several) out.push(`### ${mdEscape(variantTitle(run, cand))}`, '');
    out.push(
      `Change = (${c} - ${bl}) / ${bl} at each size, paired by block: the signed-rank estimate and 95% interval of the within-block ratios, and the verdict (\`invalid\` when a gate failed at that size: see the notes below).`,
      '',
      ...changeTable(run, cand),
      '',
    );
  }

  const variants = [run.baseline, ...candidates];
  const curves = CURVES.filter((m) => sweep.points.some((p) => p.summaries.some((x) => x.metric === m && x.n > 0)));
  out.push('## Each variant by size', '', 'Mean over blocks with its 95% CI (Student\'s t).', '');
  out.push(
    ...mdTable(
      ['Size', ...curves.flatMap((m) => variants.map((v) => `${mdEscape(metricDef(m).label)}, ${mdEscape(variantLabel(run, v))}`))],
      sweep.points.map((p) => [
        sizeLabel(p.size_bytes),
        ...curves.flatMap((m) =>
          variants.map((v) => {
            const s = p.summaries.find((x) => x.variant === v && x.metric === m);
            return s ? `${fmtEstimate(s.estimate, s.ci_low, s.ci_high, s.unit)} (n=${s.n})` : 'n/a';
          }),
        ),
      ]),
    ),
    '',
  );

  const notes = sweep.points.flatMap((p) => p.warnings.filter((w) => w.severity !== 'note').map((w) => `- ${sizeLabel(p.size_bytes)}: **${w.severity}** \`${w.code}\`: ${mdEscape(w.message)}`));
  out.push('## Notes by size', '', ...(notes.length ? notes : ['No gates or warnings at any size.']), '');
  out.push('## Warnings', '', ...warningLines(run), '');
  return out.join('\n');
}
