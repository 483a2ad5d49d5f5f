import { escapeHtml } from './escape.ts';

/** Every word a badge can show, mapped to its CSS modifier; anything else renders as `neutral`. */
const BADGE_CLASS: Record<string, string> = {
  improved: 'good',
  regressed: 'bad',
  'no significant difference': 'neutral',
  invalid: 'invalid',
  pass: 'good',
  fail: 'bad',
  inconclusive: 'neutral',
  unavailable: 'invalid',
  confirmed: 'good',
  contradicted: 'bad',
  complete: 'good',
  incomplete: 'warn',
  failed: 'bad',
  error: 'bad',
  gate: 'bad',
  warning: 'warn',
  note: 'neutral',
};

/**
 * The CSS modifier of a verdict, target status, expectation assessment, run status or warning severity.
 *
 * @example
 * badgeClass('regressed') // 'bad'
 */
export function badgeClass(word: string | null | undefined): string {
  return (word && BADGE_CLASS[word]) || 'neutral';
}

/**
 * A badge as HTML, its text escaped; `title` (e.g. the reason of an `invalid` verdict) becomes a tooltip.
 *
 * @example
 * verdictBadge('improved') // '<span class="badge badge-good">improved</span>'
 */
export function verdictBadge(word: string | null | undefined, title?: string | null): string {
  const text = word ?? 'unknown';
  const tip = title ? ` title="${escapeHtml(title)}"` : '';
  return `<span class="badge badge-${badgeClass(word)}"${tip}>${escapeHtml(text)}</span>`;
}
