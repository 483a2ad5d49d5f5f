/**
 * The response-size axis of the sweep charts: bytes on a log scale, ticks at the measured sizes, labelled
 * `16 B`, `4 KiB`, `1 MiB` (a Vega expression, so the build-time SVG and the browser agree).
 */

/** Vega expression labelling a byte count in B, KiB or MiB, to three significant digits. */
export const SIZE_LABEL_EXPR =
  "datum.value >= 1048576 ? format(datum.value / 1048576, '.3~r') + ' MiB' : datum.value >= 1024 ? format(datum.value / 1024, '.3~r') + ' KiB' : format(datum.value, '.3~r') + ' B'";

/**
 * The x encoding of a chart over response sizes.
 *
 * @example
 * sizeAxis([16, 1024, 1048576], 'size').scale // { type: 'log', domain: [16, 1048576] }
 */
export function sizeAxis(sizes: number[], field: string) {
  const sorted = [...sizes].sort((a, b) => a - b);
  return {
    field,
    type: 'quantitative' as const,
    title: 'response size (log scale)',
    scale: { type: 'log' as const, domain: [sorted[0] ?? 1, sorted[sorted.length - 1] ?? 1] },
    axis: { values: sorted, labelExpr: SIZE_LABEL_EXPR, grid: true },
  };
}
