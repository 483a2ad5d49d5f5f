import type HandlebarsNS from 'handlebars';
import { formatNumber, formatWithUnit, formatPercent, formatChangePct, formatBytes, displayUnit } from './format-number.ts';
import { formatCi, formatChangeCi } from './format-ci.ts';
import { verdictBadge } from './verdict-badge.ts';
import { jsonForScript } from './escape.ts';
import { formatDate } from './format-date.ts';

type Hbs = typeof HandlebarsNS;

/** Handlebars passes its options object as the last argument; helpers with optional arguments drop it. */
function args(list: unknown[]): unknown[] {
  const last = list[list.length - 1];
  return last && typeof last === 'object' && 'hash' in (last as object) ? list.slice(0, -1) : list;
}

const n = (v: unknown): number | null => (typeof v === 'number' ? v : v === null || v === undefined || v === '' ? null : Number(v));
const d = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/**
 * The template helpers of the site, by name. Templates only call these; each returns escaped text or a
 * SafeString of HTML built from escaped parts.
 *
 *   {{num value [decimals]}}            12,346
 *   {{unit value unit [decimals]}}      12,346 req/s · 41.3% · 18.2 µs
 *   {{pct value}}                       12.3%
 *   {{change value}}                    -41.3%
 *   {{ci est low high unit}}            12.3% [10.1, 14.2]
 *   {{changeCi est low high}}           -41.3% [-45.0, -37.9]
 *   {{bytes size}}                      1.5 KiB
 *   {{unitLabel unit}}                  µs
 *   {{badge word [title]}}              <span class="badge badge-good">improved</span>
 *   {{json value}}                      JSON safe inside <script type="application/json">
 *   {{date iso}}                        2026-11-22 19:06 UTC
 *
 * @example
 * const hbs = Handlebars.create(); registerHelpers(hbs); hbs.compile('{{pct x}}')({ x: 12.345 }) // '12.3%'
 */
export function registerHelpers(hbs: Hbs): void {
  hbs.registerHelper('num', (...a: unknown[]) => {
    const [v, dec] = args(a);
    return formatNumber(n(v), d(dec));
  });
  hbs.registerHelper('unit', (...a: unknown[]) => {
    const [v, u, dec] = args(a);
    return formatWithUnit(n(v), typeof u === 'string' ? u : null, d(dec));
  });
  hbs.registerHelper('pct', (...a: unknown[]) => formatPercent(n(args(a)[0])));
  hbs.registerHelper('change', (...a: unknown[]) => formatChangePct(n(args(a)[0])));
  hbs.registerHelper('ci', (...a: unknown[]) => {
    const [e, lo, hi, u] = args(a);
    return formatCi(n(e), n(lo), n(hi), typeof u === 'string' ? u : null);
  });
  hbs.registerHelper('changeCi', (...a: unknown[]) => {
    const [e, lo, hi] = args(a);
    return formatChangeCi(n(e), n(lo), n(hi));
  });
  hbs.registerHelper('bytes', (...a: unknown[]) => formatBytes(n(args(a)[0])));
  hbs.registerHelper('unitLabel', (...a: unknown[]) => displayUnit(String(args(a)[0] ?? '')));
  hbs.registerHelper('badge', (...a: unknown[]) => {
    const [w, title] = args(a);
    return new hbs.SafeString(verdictBadge(typeof w === 'string' ? w : null, typeof title === 'string' ? title : null));
  });
  hbs.registerHelper('date', (...a: unknown[]) => formatDate(typeof args(a)[0] === 'string' ? (args(a)[0] as string) : null));
  hbs.registerHelper('json', (...a: unknown[]) => new hbs.SafeString(jsonForScript(args(a)[0] ?? null)));
}
