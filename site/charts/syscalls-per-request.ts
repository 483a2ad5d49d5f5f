import type { Chart } from './chart.ts';
import { chartFrame } from './chart.ts';
import { variantColors } from './theme.ts';
import { formatNumber } from '../helpers/format-number.ts';

export interface SyscallRow {
  variant: string;
  name: string;
  per_req: number | null;
}

/**
 * Syscalls per request, side by side per variant, for the syscalls with the most calls (top `limit`).
 *
 * @example
 * syscallsChart({ id: 'sys', variants: ['v1.0', 'v2.0'], rows: [{ variant: 'v1.0', name: 'read', per_req: 4 }], limit: 12 }).table.columns
 * // ['syscall', 'v1.0', 'v2.0']
 */
export function syscallsChart(input: { id: string; variants: string[]; rows: SyscallRow[]; limit: number }): Chart {
  const max = new Map<string, number>();
  for (const r of input.rows) if (r.per_req !== null) max.set(r.name, Math.max(max.get(r.name) ?? 0, r.per_req));
  const top = [...max.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, input.limit).map(([n]) => n);
  const keep = new Set(top);
  const rows = input.rows.filter((r) => keep.has(r.name) && r.per_req !== null).map((r) => ({ variant: r.variant, name: r.name, per_req: r.per_req }));
  const title = 'Syscalls per request (strace -c -f)';
  const byName = new Map<string, Map<string, number | null>>();
  for (const r of input.rows) {
    if (!byName.has(r.name)) byName.set(r.name, new Map());
    byName.get(r.name)!.set(r.variant, r.per_req);
  }
  return {
    id: input.id,
    title,
    caption: `Calls per served request of the ${top.length} most frequent syscalls, gateway and workers together, counted by strace in a separate untimed phase (strace slows the process down, so it never runs during a timed phase).`,
    spec: {
      ...chartFrame(title, rows),
      width: 520,
      height: { step: 11 },
      mark: { type: 'bar', cornerRadiusEnd: 2 },
      encoding: {
        y: { field: 'name', type: 'nominal', title: null, sort: top },
        yOffset: { field: 'variant', type: 'nominal', sort: input.variants },
        x: { field: 'per_req', type: 'quantitative', title: 'calls per request' },
        color: { field: 'variant', type: 'nominal', title: null, scale: variantColors(input.variants) },
        tooltip: [{ field: 'name', title: 'syscall' }, { field: 'variant' }, { field: 'per_req', title: 'per request', format: '.3~f' }],
      },
    },
    table: {
      columns: ['syscall', ...input.variants],
      rows: [...byName.entries()]
        .sort((a, b) => (max.get(b[0]) ?? 0) - (max.get(a[0]) ?? 0) || a[0].localeCompare(b[0]))
        .map(([name, m]) => [name, ...input.variants.map((v) => formatNumber(m.get(v) ?? null, 2))]),
    },
  };
}
