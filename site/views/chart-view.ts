/**
 * A chart as the templates print it: the builder's words and table plus the build-time SVG and the spec as
 * JSON for vega-embed. Views hold `Chart`s; build.ts turns them into `ChartView`s with `renderCharts`.
 */
import type { Chart } from '../charts/chart.ts';
import { jsonForScript } from '../helpers/escape.ts';

export interface ChartView {
  id: string;
  title: string;
  caption: string;
  /** inline SVG, already safe (vega and render-flame escape every text) */
  svg: string;
  /** the spec escaped for `<script type="application/json">`; empty for charts not made with Vega (flame graphs) */
  specJson: string;
  table: { columns: string[]; rows: string[][] };
  /** a chart with no data says so instead of drawing empty axes */
  empty: boolean;
  /** what the page says in its place when it is empty */
  empty_reason: string;
}

/** The sentence of an empty Vega chart. */
export const NO_DATA = 'No data for this chart in this run.';

/** A chart whose SVG is made without Vega (the flame graph). */
export interface StaticChart {
  kind: 'static';
  id: string;
  title: string;
  caption: string;
  svg: string;
  table: { columns: string[]; rows: string[][] };
  /** set when there is nothing to draw: the sentence the page shows instead (e.g. why a profile is empty) */
  empty_reason?: string | null;
}

/** True for the objects `renderCharts` replaces. */
function isChart(v: unknown): v is Chart {
  return typeof v === 'object' && v !== null && 'spec' in v && 'table' in v && 'caption' in v && 'id' in v;
}

function isStatic(v: unknown): v is StaticChart {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'static';
}

function hasRows(chart: Chart): boolean {
  const ds = (chart.spec as { datasets?: Record<string, unknown[]> }).datasets;
  return !ds || Object.values(ds).some((rows) => rows.length > 0);
}

/**
 * Replace every `Chart` (and `StaticChart`) inside a view model by its `ChartView`, rendering with `render`
 * (chart -> SVG of its `staticSpec ?? spec`) and embedding `embed(spec)` for vega-embed (e.g. with a large
 * dataset moved to a file). Returns a new object; the input is not changed.
 *
 * @example
 * await renderCharts({ charts: [chart] }, (spec) => renderer.render(spec)) // { charts: [{ id, svg: '<svg…', specJson: '{…}', … }] }
 */
export async function renderCharts<T>(model: T, render: (chart: Chart) => Promise<string>, embed: (spec: Chart['spec']) => unknown = (s) => s): Promise<unknown> {
  const visit = async (v: unknown): Promise<unknown> => {
    if (Array.isArray(v)) return Promise.all(v.map(visit));
    if (isStatic(v)) {
      const reason = v.empty_reason ?? null;
      return { id: v.id, title: v.title, caption: v.caption, svg: reason === null ? v.svg : '', specJson: '', table: v.table, empty: reason !== null, empty_reason: reason ?? '' } satisfies ChartView;
    }
    if (isChart(v)) {
      const empty = !hasRows(v);
      return {
        id: v.id,
        title: v.title,
        caption: v.caption,
        svg: empty ? '' : await render(v),
        specJson: empty ? '' : jsonForScript(embed(v.spec)),
        table: v.table,
        empty,
        empty_reason: empty ? NO_DATA : '',
      } satisfies ChartView;
    }
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = await visit(x);
      return out;
    }
    return v;
  };
  return visit(model);
}
