/**
 * Paths as a run publishes them (pure): an absolute path under a known folder is written relative to it,
 * behind a marker, `<project>/native/build/gateway`, `<run>/proxy/rep-1/fixed-rate.latencies.txt`,
 * `<config-dir>/nginx-proxy.conf`; a path under a home directory becomes `~/...`. So a manifest never
 * carries the user's home directory or the layout of the machine that took it, and still says exactly what
 * ran, relative to what.
 */

/** An absolute folder and the marker that replaces it. */
export interface PathAnchor {
  path: string;
  as: string;
}

/** The markers: the gatebench checkout, the run's folder, the folder of the --config file, a home directory. */
export const PROJECT = '<project>';
export const RUN = '<run>';
export const CONFIG_DIR = '<config-dir>';
export const HOME = '~';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** a path starts a word: at the start, or after a space, quote, `=`, `:`, `,` or `(` */
const BEFORE = `(^|[\\s'"=:,(])`;
/** and the folder ends there, or a deeper path follows */
const AFTER = `(?=$|[/\\s'",:)])`;
/** home directories on any machine: /home/NAME, /Users/NAME, /root */
const HOMES = new RegExp(`${BEFORE}(?:/home/[^/\\s'",:)]+|/Users/[^/\\s'",:)]+|/root)${AFTER}`, 'g');

/**
 * `text` with every anchored folder replaced by its marker (the longest folder first, so a run folder
 * inside the project is `<run>`), then any home directory by `~`.
 *
 * @example
 * anchorPaths('make -C /work/main/native -s', [{ path: '/work/main', as: '<project>' }]) // -> 'make -C <project>/native -s'
 * anchorPaths('cd /home/ann/gw && ./gw', []) // -> 'cd ~/gw && ./gw'
 */
export function anchorPaths(text: string, anchors: readonly PathAnchor[]): string {
  let out = text;
  const sorted = anchors
    .map((a) => ({ path: a.path.length > 1 ? a.path.replace(/\/+$/, '') : a.path, as: a.as }))
    .filter((a) => a.path.startsWith('/') && a.path.length > 1)
    .sort((a, b) => b.path.length - a.path.length);
  for (const a of sorted) {
    if (!out.includes(a.path)) continue;
    out = out.replace(new RegExp(`${BEFORE}${escape(a.path)}${AFTER}`, 'g'), (_m, before: string) => `${before}${a.as}`);
  }
  return out.includes('/') ? out.replace(HOMES, (_m, before: string) => `${before}${HOME}`) : out;
}
