/**
 * Vega-Lite spec -> SVG string at build time, headless with vega's `View.toSVG()`, cached on disk.
 *
 * Cache: `<cacheDir>/<sha256 of the spec>.svg`, so a rebuild only renders the charts whose spec (data included)
 * changed. Speed: compiling and parsing a spec costs more than rendering it, so the parsed spec is kept per
 * spec *shape* (the spec without `datasets`), and each chart gets a new view on it with its rows put in
 * (see charts/chart.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * The spec drawn at build time: tooltips only exist in the browser (vega-embed), and evaluating them for every
 * mark costs more than drawing the marks, so `tooltip` channels are removed. The top-level title is removed
 * too: the page prints it above the chart, and charts that differ only by title then share one parsed spec.
 *
 * @example
 * staticSpec({ title: 'T', mark: 'point', encoding: { x: { field: 'a' }, tooltip: [{ field: 'a' }] } }) // { mark: 'point', encoding: { x: { field: 'a' } } }
 */
export function staticSpec<T>(spec: T): T {
  const { title: _title, ...rest } = spec as T & { title?: unknown };
  return stripTooltips(rest) as T;
}

/** A spec without its `tooltip` channels. */
function stripTooltips<T>(spec: T): T {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === 'datasets') out[k] = x;
        else if (k === 'encoding' && x && typeof x === 'object') {
          const { tooltip: _drop, ...rest } = x as Record<string, unknown>;
          out[k] = strip(rest);
        } else out[k] = strip(x);
      }
      return out;
    }
    return v;
  };
  return strip(spec) as T;
}

/**
 * The cache key of a spec: SHA-256 of its JSON.
 *
 * @example
 * specHash({ mark: 'point' }) // '7c0d…' (64 hex digits)
 */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex');
}

/**
 * Vega numbers clip paths with a process-wide counter (`clip7`), so two charts on one page can collide and the
 * same spec renders differently depending on what was drawn before. Renumber them per chart from the spec hash.
 */
function renumberClips(svg: string, key: string): string {
  const ids = [...svg.matchAll(/id="(clip\d+)"/g)].map((m) => m[1]);
  const map = new Map(ids.map((id, i) => [id, `c${key.slice(0, 10)}-${i}`]));
  return svg.replace(/id="(clip\d+)"|url\(#(clip\d+)\)/g, (all, a: string | undefined, b: string | undefined) => {
    const id = map.get((a ?? b)!);
    if (!id) return all;
    return a ? `id="${id}"` : `url(#${id})`;
  });
}

/** Vega's SVG carries no document-level accessibility attributes we want; add role and label. */
function finishSvg(svg: string, label: string): string {
  const safe = label.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return svg.replace(/^<svg\b/, `<svg role="img" aria-label="${safe}" focusable="false"`);
}

export interface RenderStats {
  rendered: number;
  cached: number;
}

/**
 * Renders specs to SVG with a disk cache (pass `null` for no cache) and the parsed spec kept per spec shape.
 *
 * @example
 * const r = new ChartRenderer('.cache/charts'); const svg = await r.render(spec); // '<svg role="img" …'
 */
export class ChartRenderer {
  readonly stats: RenderStats = { rendered: 0, cached: 0 };
  private runtimes = new Map<string, { runtime: vega.Runtime; names: string[] }>();

  constructor(private readonly cacheDir: string | null) {
    if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  }

  /** The SVG of a spec, from the cache when the same spec was rendered before. */
  async render(fullSpec: TopLevelSpec, label = ''): Promise<string> {
    const spec = staticSpec(fullSpec);
    const key = specHash(spec);
    const file = this.cacheDir ? join(this.cacheDir, `${key}.svg`) : null;
    if (file) {
      try {
        const svg = readFileSync(file, 'utf8');
        this.stats.cached++;
        return svg;
      } catch {
        // not cached yet
      }
    }
    const svg = finishSvg(renumberClips(await this.renderFresh(spec), key), label || (typeof fullSpec.title === 'string' ? fullSpec.title : ''));
    this.stats.rendered++;
    if (file) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, svg);
      renameSync(tmp, file);
    }
    return svg;
  }

  /**
   * A new view on the parsed spec of this shape, with this chart's rows put in before it first runs: a view
   * that has run keeps layout and scenegraph state (autosize bounds, axis items) that would leak into the
   * next chart drawn with it, so views are never reused, only the compiled and parsed spec.
   */
  private async renderFresh(spec: TopLevelSpec): Promise<string> {
    const { datasets, ...shape } = spec as TopLevelSpec & { datasets?: Record<string, unknown[]> };
    const shapeKey = specHash(shape);
    let entry = this.runtimes.get(shapeKey);
    if (!entry) {
      entry = { runtime: vega.parse(compile(spec).spec), names: Object.keys(datasets ?? {}) };
      if (this.runtimes.size > 64) this.runtimes.delete(this.runtimes.keys().next().value!);
      this.runtimes.set(shapeKey, entry);
    }
    const view = new vega.View(entry.runtime, { renderer: 'none' });
    try {
      for (const name of entry.names) view.data(name, (datasets?.[name] ?? []) as object[]);
      await view.runAsync();
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  }

  /** Release the parsed specs. */
  close(): void {
    this.runtimes.clear();
  }
}
