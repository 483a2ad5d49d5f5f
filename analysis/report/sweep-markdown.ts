/**
 * The Markdown report of the latest sweep run (reports/sweep.md): where the candidate pays, i.e. the
 * break-even size per metric, the paired change at every size with its CI and verdict, and each variant's
 * own CPU per request and throughput by size. Renderers return strings.
 */
import { sizeLabel } from '../../ingest/byte-size.ts';
import { metricDef } from '../metric-defs.ts';
import type { Analysis } from '../schema.ts';
import { breakEvenText } from './break-even-text.ts';
import { fmtChange, fmtEstimate } from './format.ts';
import { mdEscape, mdTable, runHeader, warningLines } from './markdown.ts';
import { latestSweep, variantLabel, variantTitle } from './select.ts';

/** The variants' own figures shown by size, beside each other. */
const CURVES = ['total_cpu_us_per_req', 'gateway_cpu_us_per_req', 'throughput_rps'];

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
  const bl = mdEscape(variantLabel(run, run.baseline));
  const cl = mdEscape(variantLabel(run, run.candidate));
  const sizes = sweep.points.map((p) => sizeLabel(p.size_bytes));
  const out = [`# Where does ${cl} pay? ${mdEscape(variantTitle(run, run.candidate))} vs ${mdEscape(variantTitle(run, run.baseline))} by response size`, '', ...runHeader(analysis, run)];
  out.push(`- Sweep: ${sizes.length} sizes (${sizes.join(', ')}); in every block each size once, in shuffled order, with fresh gateways and the variants' trials side by side`, '');

  out.push(
    '## Break-even',
    '',
    `Where ${cl}'s change against ${bl} crosses zero as the response size grows: between the two measured sizes where the estimate changes sign, interpolated linearly in log size. The 95% band is the range of sizes around it where the change's 95% CI contains zero (CIs are per size); the bracket is the two measured sizes around the crossing.`,
    '',
  );
  out.push(
    ...mdTable(
      ['Metric', 'Break-even', 'Invalid sizes'],
      sweep.break_even.map((b) => [
        `${mdEscape(metricDef(b.metric).label)} (\`${b.metric}\`, ${metricDef(b.metric).better} is better)`,
        mdEscape(breakEvenText(b, variantLabel(run, run.candidate!))),
        b.invalid_sizes_bytes.length ? b.invalid_sizes_bytes.map(sizeLabel).join(', ') : 'none',
      ]),
    ),
    '',
  );

  out.push(
    '## Change by size',
    '',
    `Change = (${cl} - ${bl}) / ${bl} at each size, paired by block: the signed-rank estimate and 95% interval of the within-block ratios, and the verdict (\`invalid\` when a gate failed at that size: see the notes below).`,
    '',
  );
  out.push(
    ...mdTable(
      ['Size', ...sweep.metrics.map((m) => mdEscape(metricDef(m).label))],
      sweep.points.map((p) => [
        sizeLabel(p.size_bytes),
        ...sweep.metrics.map((m) => {
          const c = p.comparisons.find((x) => x.metric === m);
          return c ? `${fmtChange(c.change_pct)} ${c.verdict === 'invalid' ? 'invalid' : `**${c.verdict}**`}` : 'n/a';
        }),
      ]),
    ),
    '',
  );

  const variants = [run.baseline, run.candidate];
  out.push('## Each variant by size', '', 'Mean over blocks with its 95% CI (Student\'s t).', '');
  out.push(
    ...mdTable(
      ['Size', ...CURVES.flatMap((m) => variants.map((v) => `${mdEscape(metricDef(m).label)}, ${mdEscape(variantLabel(run, v))}`))],
      sweep.points.map((p) => [
        sizeLabel(p.size_bytes),
        ...CURVES.flatMap((m) =>
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
