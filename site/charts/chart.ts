/**
 * What every chart builder returns: a Vega-Lite spec plus the words and numbers around it. The site renders
 * `spec` to an inline SVG at build time, embeds it for vega-embed, and prints `table` inside `<details>` as
 * the accessible fallback. Builders are pure functions of their data.
 *
 * Spec convention: the data lives in `datasets.table` and the spec reads it with `data: { name: 'table' }`, so
 * the renderer can compile and parse every chart of the same shape once and only put in the rows.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './theme.ts';

export interface ChartTable {
  columns: string[];
  /** formatted cells, one array per row */
  rows: string[][];
}

export interface Chart {
  /** unique within a page: becomes the DOM id `chart-<id>` */
  id: string;
  title: string;
  /** one or two sentences saying what the chart shows and how to read it */
  caption: string;
  spec: TopLevelSpec;
  /** what is drawn at build time when it differs from `spec` (e.g. fewer point marks on long histories) */
  staticSpec?: TopLevelSpec;
  table: ChartTable;
}

/** Long histories draw point marks (links to runs) only for this many latest runs in the build-time SVG. */
export const STATIC_POINTS = 120;

/** The name of the dataset every spec reads. */
export const TABLE = 'table';

/**
 * What every chart spec starts with: the Vega-Lite schema, its title, the site's theme, and its rows as the
 * one named dataset (so the renderer and the page's script find the data in one place).
 *
 * @example
 * chartFrame('Throughput per block', [{ block: 1, throughput_rps: 9829.5 }])
 * // { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: 'Throughput per block', config: CHART_CONFIG, datasets: { table: [...] }, data: { name: 'table' } }
 */
export function chartFrame<Row>(title: string, rows: Row[]) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: CHART_CONFIG,
    datasets: { [TABLE]: rows },
    data: { name: TABLE },
  };
}

/**
 * The frame of a per-block line chart (x = block): the run page's probe and throughput series share it, so
 * a machine-speed step lines up in both.
 *
 * @example
 * blockLines('Throughput per block', rows).encoding.x.field // 'block'
 */
export function blockLines<Row>(title: string, rows: Row[]) {
  return {
    ...chartFrame(title, rows),
    width: 560,
    height: 200,
    mark: { type: 'line' as const, point: true },
    encoding: { x: { field: 'block', type: 'quantitative' as const, title: 'block', axis: { tickMinStep: 1, format: 'd' } } },
  };
}
