/**
 * How a comparison was made, in words for the tables: `paired, 18 of 20 blocks` (with the interval's actual
 * level when it is not the nominal 95%, e.g. `paired, 10 of 10 blocks, 95.1% CI`) or `two samples`.
 */
import type { Comparison } from '../../analysis/schema.ts';
import { formatPercent } from '../helpers/format-number.ts';

/**
 * The design of a comparison as a short phrase. Files written before the paired design have no `design`:
 * they were two-sample comparisons. The signed-rank interval's level is discrete, so it is printed (one
 * decimal, in percent) whenever it does not print as the nominal level.
 *
 * @example
 * designLabel({ design: 'paired', blocks: { used: 18, total: 20 }, ci_level: 0.95 }) // 'paired, 18 of 20 blocks'
 * designLabel({ design: 'paired', blocks: { used: 10, total: 10 }, ci_level: 0.9512 }) // 'paired, 10 of 10 blocks, 95.1% CI'
 * designLabel({ design: 'two-sample' }) // 'two samples'
 */
export function designLabel(c: Pick<Comparison, 'design' | 'blocks' | 'ci_level'>, nominalPct = 95): string {
  if (c.design !== 'paired') return 'two samples';
  const parts = ['paired'];
  if (c.blocks) parts.push(`${c.blocks.used} of ${c.blocks.total} blocks`);
  const level = c.ci_level;
  if (typeof level === 'number' && Number.isFinite(level)) {
    const shown = formatPercent(level * 100);
    if (shown !== formatPercent(nominalPct)) parts.push(`${shown} CI`);
  }
  return parts.join(', ');
}
