/**
 * What every page's layout needs: navigation, asset URLs under the prefix, the page title.
 */
import { href } from './href.ts';
import { OUR_META } from './framing.ts';

export interface LayoutView {
  title: string;
  base: string;
  nav: { href: string; label: string; current: boolean }[];
  css: string;
  scripts: string[];
  generated_at: string;
  /** the page embeds Vega charts and loads the vega bundles */
  charts: boolean;
  /** the meta description (framing.ts: fd passing only when the site leads with gatebench's own gateway) */
  description: string;
}

export type Section = 'overview' | 'runs' | 'compare' | 'history' | 'methodology';

const NAV: { section: Section; path: string; label: string }[] = [
  { section: 'overview', path: '', label: 'Overview' },
  { section: 'runs', path: 'runs/', label: 'Runs' },
  { section: 'compare', path: 'compare/', label: 'Compare' },
  { section: 'history', path: 'history/', label: 'History' },
  { section: 'methodology', path: 'methodology/', label: 'Methodology' },
];

/**
 * The layout model of a page.
 *
 * @example
 * layoutView({ base: '/gb/', title: 'Overview', section: 'overview', generated_at: '2025-11-22T18:00:00Z', charts: true }).css
 * // '/gb/assets/site.css'
 */
export function layoutView(o: { base: string; title: string; section: Section; generated_at: string; charts: boolean; description?: string }): LayoutView {
  const scripts = o.charts
    ? ['assets/vendor/vega.min.js', 'assets/vendor/vega-lite.min.js', 'assets/vendor/vega-embed.min.js', 'assets/site.js']
    : ['assets/site.js'];
  return {
    title: o.title,
    base: o.base,
    nav: NAV.map((n) => ({ href: href(o.base, n.path), label: n.label, current: n.section === o.section })),
    css: href(o.base, 'assets/site.css'),
    scripts: scripts.map((s) => href(o.base, s)),
    generated_at: o.generated_at,
    charts: o.charts,
    description: o.description ?? OUR_META,
  };
}
