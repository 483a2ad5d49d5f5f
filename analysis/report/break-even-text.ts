/**
 * A sweep's break-even in words, for the Markdown and console reports and the site: where the candidate's
 * change crosses zero, its 95% band, the measured sizes that bracket it, and which side pays. Pure.
 */
import { approxSizeLabel, sizeLabel } from '../../ingest/byte-size.ts';
import type { BreakEven } from '../schema.ts';

/**
 * The sizes where the band contains zero, with open ends said as beyond the measured range.
 *
 * @example
 * bandText({ low_bytes: 9600, high_bytes: null }, { from_bytes: 16, to_bytes: 1048576 }) // -> '9.4 KiB to beyond 1 MiB'
 */
export function bandText(interval: NonNullable<BreakEven['interval']>, range: NonNullable<BreakEven['range']>): string {
  const low = interval.low_bytes === null ? `below ${sizeLabel(range.from_bytes)}` : approxSizeLabel(interval.low_bytes);
  const high = interval.high_bytes === null ? `beyond ${sizeLabel(range.to_bytes)}` : approxSizeLabel(interval.high_bytes);
  return `${low} to ${high}`;
}

/**
 * The measured sizes enclosing the crossing.
 *
 * @example
 * bracketText({ below_bytes: 4096, above_bytes: 16384 }) // -> 'between 4 KiB and 16 KiB'
 */
export function bracketText(bracket: NonNullable<BreakEven['bracket']>): string {
  return `between ${sizeLabel(bracket.below_bytes)} and ${sizeLabel(bracket.above_bytes)}`;
}

/**
 * One sentence for a metric's break-even; `candidate` names the candidate variant (e.g. its label).
 *
 * @example
 * breakEvenText(b, 'v2.0')
 * // -> 'about 11 KiB (between 4 KiB and 16 KiB; 95% band 7.6 KiB to 15 KiB): v2.0 is better above it'
 * breakEvenText(notReached, 'v2.0') // -> 'not reached in 16 B to 1 MiB: v2.0 is better at every size'
 */
export function breakEvenText(b: BreakEven, candidate: string): string {
  if (b.status === 'no-data' || !b.range) return 'no data: fewer than two sizes have a change';
  const range = `${sizeLabel(b.range.from_bytes)} to ${sizeLabel(b.range.to_bytes)}`;
  if (b.status === 'not-reached') {
    const side = b.candidate_better === 'everywhere' ? `${candidate} is better at every size` : b.candidate_better === 'nowhere' ? `${candidate} is worse at every size` : 'the change is zero';
    const band = b.interval ? `; the 95% band contains zero from ${bandText(b.interval, b.range)}, so it may lie there` : '';
    return `not reached in ${range}: ${side}${band}`;
  }
  const parts = [b.bracket ? bracketText(b.bracket) : null, b.interval ? `95% band ${bandText(b.interval, b.range)}` : '95% band unknown (a CI is missing)'].filter((x) => x !== null);
  const side = b.candidate_better === 'above' ? `${candidate} is better above it` : `${candidate} is better below it`;
  const many = b.crossings_bytes.length > 1 ? `; the estimate changes sign ${b.crossings_bytes.length} times (at about ${b.crossings_bytes.map(approxSizeLabel).join(', ')}), the last is given` : '';
  return `about ${approxSizeLabel(b.size_bytes!)} (${parts.join('; ')}): ${side}${many}`;
}
