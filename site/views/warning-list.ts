/**
 * Warnings as pages show them: gates first, then warnings, then notes, the first few visible and the rest
 * behind a disclosure, so a run with dozens of warnings stays readable.
 */

export interface WarningList {
  shown: { severity: string; message: string }[];
  more: { severity: string; message: string }[];
  total: number;
}

const RANK: Record<string, number> = { gate: 0, warning: 1, note: 2 };

/**
 * Order and split warnings.
 *
 * @example
 * warningList([{ severity: 'note', message: 'a' }, { severity: 'gate', message: 'b' }], 1)
 * // { shown: [{ severity: 'gate', message: 'b' }], more: [{ severity: 'note', message: 'a' }], total: 2 }
 */
export function warningList(warnings: { severity: string; message: string }[], limit: number): WarningList {
  const sorted = warnings
    .map((w, i) => ({ w: { severity: w.severity, message: w.message }, i }))
    .sort((a, b) => (RANK[a.w.severity] ?? 3) - (RANK[b.w.severity] ?? 3) || a.i - b.i)
    .map((x) => x.w);
  return { shown: sorted.slice(0, limit), more: sorted.slice(limit), total: sorted.length };
}
