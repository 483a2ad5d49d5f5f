/**
 * Markdown reports (the seed plan's reports/v1.0_baseline.md and reports/v2.0_comparison.md): the baseline
 * variant's measurements with CIs, and the candidate-vs-baseline comparison with verdicts, expectations,
 * targets, syscalls per request, the open-loop spectrum, warnings and change points. Renderers return strings.
 */
import { describeEvent } from '../history/history-events.ts';
import { metricDef } from '../metrics/metric-defs.ts';
import type { Analysis, RunResult } from '../schema.ts';
import { fmtChange, fmtEstimate, fmtNum, fmtP, fmtValue } from './format.ts';
import { comparisonsOf, reportedRun, variantLabel, variantTitle } from './select.ts';

/**
 * Escape text from raw files for a Markdown table cell.
 *
 * @example
 * mdEscape('a|b <x>') // 'a\\|b &lt;x&gt;'
 */
export function mdEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([\\|*_`[\]#])/g, '\\$1').replace(/\r?\n/g, ' ');
}

/**
 * A Markdown table.
 *
 * @example
 * mdTable(['a', 'b'], [['1', '2']]) // ['| a | b |', '|---|---|', '| 1 | 2 |']
 */
export function mdTable(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/**
 * The lines that say which run a report is about: run, machine, source, load, statistics.
 *
 * @example
 * runHeader(analysis, run)[0] // '- Run: `2026-...` (v1.0-vs-v2.0), status complete, created ...'
 */
export function runHeader(analysis: Analysis, run: RunResult): string[] {
  const m = run.machine;
  const lines = [
    `- Run: \`${mdEscape(run.id)}\` (${mdEscape(run.label)}), status ${run.status}${run.aa ? ', A/A calibration run' : ''}, created ${run.created_at ?? 'n/a'}`,
  ];
  if (m) lines.push(`- Machine: ${mdEscape(m.name)}, ${mdEscape(m.cpu_model)}, ${m.cpu_count} CPUs, ${fmtNum(m.mem_kb / 1024)} MB RAM, kernel ${mdEscape(m.kernel)}, fingerprint \`${mdEscape(m.fingerprint)}\``);
  if (run.git) lines.push(`- Source: commit ${run.git.commit ? `\`${mdEscape(run.git.commit)}\`` : 'n/a'}${run.git.dirty ? ' (uncommitted changes)' : ''}`);
  const c = run.config as Record<string, unknown> | null;
  if (c) lines.push(`- Load: ${c.connections} connections, ${c.threads} threads, ${c.duration_s} s per timed phase after ${c.warmup_s} s warm-up, fixed rate ${fmtNum(c.rate_rps as number)} req/s, ${c.repetitions} repetitions, order ${c.order}`);
  lines.push(
    `- Statistics: estimate = mean over blocks (median of per-trial values for latency tails), 95% CI (Student's t for means, order statistics for medians); no CI with fewer than 3 blocks.`,
  );
  return lines;
}

/**
 * The run's warnings as Markdown list items.
 *
 * @example
 * warningLines(run) // ['- **gate** `load-saturated`: ...']
 */
export function warningLines(run: RunResult): string[] {
  if (!run.warnings.length) return ['No warnings.'];
  return run.warnings.map((w) => `- **${w.severity}** \`${w.code}\`: ${mdEscape(w.message)}`);
}

/**
 * The baseline report: every metric of the baseline variant of the latest run.
 *
 * @example
 * writeFile('reports/v1.0_baseline.md', renderBaselineMarkdown(analysis))
 */
export function renderBaselineMarkdown(analysis: Analysis): string {
  const run = reportedRun(analysis);
  if (!run || !run.baseline) return '# Baseline report\n\nNo run could be loaded.\n';
  const v = run.baseline;
  const out = [`# ${mdEscape(variantTitle(run, v))} baseline`, '', ...runHeader(analysis, run), ''];
  out.push('## Measurements', '');
  const rows = run.summaries
    .filter((s) => s.variant === v && s.n > 0)
    .map((s) => {
      const d = metricDef(s.metric);
      return [mdEscape(d.label), `\`${s.metric}\``, fmtEstimate(s.estimate, s.ci_low, s.ci_high, s.unit), s.statistic, String(s.n), s.cv_pct === null ? 'n/a' : `${s.cv_pct.toFixed(1)}%`];
    });
  out.push(...mdTable(['Metric', 'Name', 'Estimate [95% CI]', 'Statistic', 'n', 'CV'], rows), '');
  const targets = analysis.targets.filter((t) => t.run === run.id && t.variant === v);
  if (targets.length) {
    out.push('## Targets', '', 'A target passes only when the whole 95% CI meets it.', '');
    out.push(...mdTable(['Target', 'Threshold', 'Measured [95% CI]', 'Status'], targets.map((t) => [mdEscape(t.target), `${t.op} ${fmtValue(t.threshold, t.unit)}`, fmtEstimate(t.estimate, t.ci_low, t.ci_high, t.unit), t.status])), '');
  }
  const sys = run.syscalls.find((s) => s.variant === v);
  if (sys) {
    out.push('## Syscalls per request (strace -c -f, untimed phase)', '');
    out.push(...mdTable(['Syscall', 'Calls', 'Per request'], sys.syscalls.slice(0, 15).map((s) => [mdEscape(s.name), fmtNum(s.calls), fmtNum(s.per_req)])), '');
  }
  out.push('## Warnings', '', ...warningLines(run), '');
  return `${out.join('\n')}`;
}

/**
 * The comparison report: candidate vs baseline of the latest run.
 *
 * @example
 * writeFile('reports/v2.0_comparison.md', renderComparisonMarkdown(analysis))
 */
export function renderComparisonMarkdown(analysis: Analysis): string {
  const run = reportedRun(analysis);
  if (!run || !run.baseline || !run.candidate) return '# Comparison report\n\nNo run could be loaded.\n';
  const b = run.baseline;
  const c = run.candidate;
  const bl = mdEscape(variantLabel(run, b));
  const cl = mdEscape(variantLabel(run, c));
  const out = [`# ${mdEscape(variantTitle(run, c))} vs ${mdEscape(variantTitle(run, b))}`, '', ...runHeader(analysis, run), ''];
  out.push(
    '## Changes',
    '',
    `Change = (${cl} - ${bl}) / ${bl}, paired by block: the signed-rank estimate and 95% interval of the within-block ratios, and the exact sign-flip test of their signed ranks (comparisons across runs: the two-sample counterparts, the Hodges-Lehmann ratio with the Mann-Whitney interval and the rank-sum test). Verdict: \`no significant difference\` when the CI includes 0 or |change| < ${analysis.settings.noise_threshold_pct}%; \`invalid\` when a validity gate failed (reason given).`,
    '',
  );
  const comps = comparisonsOf(analysis, run.id);
  out.push(
    ...mdTable(
      ['Metric', `${bl} [95% CI]`, `${cl} [95% CI]`, 'Change [95% CI]', 'p', 'Verdict'],
      comps.map((x) => [
        `${mdEscape(metricDef(x.metric).label)} (\`${x.metric}\`, ${x.better} is better)`,
        `${fmtEstimate(x.baseline.estimate, x.baseline.ci_low, x.baseline.ci_high, x.unit)} (n=${x.baseline.n})`,
        `${fmtEstimate(x.candidate.estimate, x.candidate.ci_low, x.candidate.ci_high, x.unit)} (n=${x.candidate.n})`,
        fmtChange(x.change_pct),
        fmtP(x.p_value).replace('p=', '').replace('p<', '<'),
        x.verdict === 'invalid' ? `invalid: ${mdEscape(x.reason ?? '')}` : `**${x.verdict}**`,
      ]),
    ),
    '',
  );
  const exp = comps.filter((x) => x.expected);
  if (exp.length && exp.some((x) => x.expected!.source === 'config')) {
    out.push('## Expected changes (from the config)', '', "The run's config expected these changes; the measured change and its CI are beside them.", '');
  } else if (exp.length) {
    out.push('## Seed guide expectations', '', 'The seed guide expected these impacts from fd passing; the measured change and its CI are beside them.', '');
  }
  if (exp.length) {
    out.push(
      ...mdTable(
        ['Metric', 'Expected', 'Measured [95% CI]', 'Assessment', 'Note'],
        exp.map((x) => [`\`${x.metric}\``, `${x.expected!.expected_low_pct}..${x.expected!.expected_high_pct}%`, fmtChange(x.change_pct), `**${x.expected!.assessment}**`, mdEscape(x.expected!.note)]),
      ),
      '',
    );
  }
  const targets = analysis.targets.filter((t) => t.run === run.id);
  if (targets.length) {
    out.push('## Targets', '', 'A target passes only when the whole 95% CI meets it.', '');
    out.push(
      ...mdTable(
        ['Target', 'Threshold', 'Variant', 'Measured [95% CI]', 'Status'],
        targets.map((t) => [mdEscape(t.target), `${t.op} ${fmtValue(t.threshold, t.unit)}`, mdEscape(variantLabel(run, t.variant)), fmtEstimate(t.estimate, t.ci_low, t.ci_high, t.unit), t.status]),
      ),
      '',
    );
  }
  const sb = run.syscalls.find((s) => s.variant === b);
  const sc = run.syscalls.find((s) => s.variant === c);
  if (sb || sc) {
    const names = [...new Set([...(sb?.syscalls ?? []), ...(sc?.syscalls ?? [])].map((s) => s.name))].slice(0, 20);
    out.push('## Syscalls per request (strace -c -f, untimed phase)', '');
    out.push(
      ...mdTable(
        ['Syscall', bl, cl],
        names.map((n) => [mdEscape(n), fmtNum(sb?.syscalls.find((s) => s.name === n)?.per_req ?? null), fmtNum(sc?.syscalls.find((s) => s.name === n)?.per_req ?? null)]),
      ),
      '',
    );
  }
  const ob = run.open_loop.find((s) => s.variant === b);
  const oc = run.open_loop.find((s) => s.variant === c);
  if (ob || oc) {
    const ps = [...new Set([...(ob?.spectrum ?? []), ...(oc?.spectrum ?? [])].map((p) => p.percentile))].sort((x, y) => x - y);
    out.push(`## Open-loop latency at fixed rate (all repetitions pooled: ${fmtNum(ob?.count ?? 0)} and ${fmtNum(oc?.count ?? 0)} requests)`, '');
    out.push(
      ...mdTable(
        ['Percentile', `${bl} (ms)`, `${cl} (ms)`],
        ps.map((p) => [String(p), fmtNum(ob?.spectrum.find((x) => x.percentile === p)?.latency_ms ?? null), fmtNum(oc?.spectrum.find((x) => x.percentile === p)?.latency_ms ?? null)]),
      ),
      '',
    );
  }
  const group = analysis.history.groups.find((g) => g.name === run.machine?.name);
  if (group) {
    const steps = group.series.flatMap((s) => s.change_points.map((cp) => ({ s, cp })));
    out.push('## History on this machine', '', `${group.runs.length} run(s); change points (steps of at least ${analysis.settings.change_point_threshold_pct}%):`, '');
    if (!steps.length) out.push('None.', '');
    else {
      out.push(
        ...mdTable(
          ['Metric', 'Series', 'Run', 'Before', 'After', 'Step', 'Direction'],
          steps.map(({ s, cp }) => [`\`${s.metric}\``, mdEscape(s.variant), `\`${mdEscape(cp.run)}\``, fmtValue(cp.before, s.unit), fmtValue(cp.after, s.unit), `${cp.change_pct > 0 ? '+' : ''}${cp.change_pct.toFixed(1)}${s.variant === 'change_pct' ? ' pp' : '%'}`, cp.direction]),
        ),
        '',
      );
    }
    if (group.events.length) {
      out.push('Events on this machine (what changed from the run before):', '');
      out.push(...mdTable(['Run', 'Change'], group.events.map((e) => [`\`${mdEscape(e.run)}\``, mdEscape(describeEvent(e))])), '');
    }
  }
  out.push('## Warnings', '', ...warningLines(run), '');
  return `${out.join('\n')}`;
}
