/**
 * Links under the site's path prefix. Every internal URL of the site is made here, so a project site on
 * GitHub Pages (`/<repo>/`) and a local preview at `/` both work.
 */

/**
 * Normalize a path prefix to `/…/` form.
 *
 * @example
 * normalizeBase('gatebench') // '/gatebench/'
 * normalizeBase('') // '/'
 */
export function normalizeBase(base: string): string {
  const trimmed = base.trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * A site path (no leading slash) under the prefix.
 *
 * @example
 * href('/gatebench/', 'runs/x/') // '/gatebench/runs/x/'
 */
export function href(base: string, path: string): string {
  return `${base}${path.replace(/^\/+/, '')}`;
}

/**
 * The directory name of a run's page: the run id with anything outside `[A-Za-z0-9._-]` replaced by `_`.
 * Run ids are directory names under raw-results/, so this is the id itself in practice.
 *
 * @example
 * runSlug('2025-11-22T18-00-00Z-v2.0') // '2025-11-22T18-00-00Z-v2.0'
 * runSlug('../x y') // '.._x_y'
 */
export function runSlug(id: string): string {
  const s = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return s === '.' || s === '..' || s === '' ? `_${s}` : s;
}

/**
 * The permalink of a run page.
 *
 * @example
 * runHref('/', 'r1') // '/runs/r1/'
 */
export function runHref(base: string, id: string): string {
  return href(base, `runs/${runSlug(id)}/`);
}
