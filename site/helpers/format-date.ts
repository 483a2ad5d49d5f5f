/**
 * Times as the site prints them: UTC, to the minute, no milliseconds or `T`/`Z` noise.
 *
 * @example
 * formatDate('2026-11-22T19:06:44.274Z') // '2026-11-22 19:06 UTC'
 * formatDate(null) // '—'
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
