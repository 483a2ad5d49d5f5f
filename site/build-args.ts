/**
 * Command-line options of `npm run site`.
 *
 *   --base /<repo>/   path prefix of every link (GitHub Pages project sites); default /
 *   --runs DIR        the runs folder; default raw-results
 *   --out DIR         output folder; default _site
 *   --analysis FILE   the analysis JSON `npm run analyze` wrote; default reports/analysis.json; made first (reports
 *                     written next to it) when missing or not listing the runs of --runs (load/load-analysis.ts)
 *   --cache DIR       render cache; default .cache/site
 *   --no-cache        render everything again
 */
import { normalizeBase } from './views/href.ts';

export interface BuildOptions {
  base: string;
  runsDir: string;
  outDir: string;
  analysisFile: string;
  cacheDir: string | null;
  quiet: boolean;
}

/**
 * Parse the arguments after `npm run site --`. Throws a one-line error for a user mistake.
 *
 * @example
 * parseBuildArgs(['--base', 'gatebench']) // { base: '/gatebench/', runsDir: 'raw-results', outDir: '_site', analysisFile: 'reports/analysis.json', cacheDir: '.cache/site', quiet: false }
 */
export function parseBuildArgs(argv: string[]): BuildOptions {
  const o: BuildOptions = { base: '/', runsDir: 'raw-results', outDir: '_site', analysisFile: 'reports/analysis.json', cacheDir: '.cache/site', quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--base':
      case '--pathprefix':
        o.base = normalizeBase(value());
        break;
      case '--runs':
        o.runsDir = value();
        break;
      case '--out':
        o.outDir = value();
        break;
      case '--analysis':
        o.analysisFile = value();
        break;
      case '--cache':
        o.cacheDir = value();
        break;
      case '--no-cache':
        o.cacheDir = null;
        break;
      case '--quiet':
        o.quiet = true;
        break;
      default:
        throw new Error(`unknown option ${a} (known: --base, --runs, --out, --analysis, --cache, --no-cache, --quiet)`);
    }
  }
  if (/[\s"'<>]/.test(o.base)) throw new Error(`--base ${o.base} must not contain spaces, quotes or angle brackets`);
  return o;
}
