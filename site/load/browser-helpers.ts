/**
 * The browser copy of the number formatting helpers: the same TypeScript as the templates use, transpiled to
 * ES modules. TypeScript's compiler is slow to load, so the transpiled files are kept in the
 * site cache under the hash of their sources, and the compiler is loaded only when a source changed.
 *
 * @example
 * await browserHelpers('site', '.cache/site') // { 'format-number.js': 'export function formatNumber(...' , ... }
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HELPERS = ['format-number', 'format-ci', 'escape', 'verdict-badge'];

export async function browserHelpers(siteDir: string, cacheDir: string | null): Promise<Record<string, string>> {
  const sources = HELPERS.map((name) => [name, readFileSync(join(siteDir, 'helpers', `${name}.ts`), 'utf8')] as const);
  const hash = createHash('sha256').update(JSON.stringify(sources)).digest('hex').slice(0, 16);
  const cached = cacheDir ? join(cacheDir, `browser-helpers-${hash}.json`) : null;
  if (cached) {
    try {
      return JSON.parse(readFileSync(cached, 'utf8')) as Record<string, string>;
    } catch {
      // not cached yet (or unreadable): transpile below
    }
  }
  const { default: ts } = await import('typescript');
  const out: Record<string, string> = {};
  for (const [name, src] of sources) {
    // rewriteRelativeImportExtensions: `from './escape.ts'` becomes `from "./escape.js"`
    out[`${name}.js`] = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2020, rewriteRelativeImportExtensions: true } }).outputText;
  }
  if (cached) {
    mkdirSync(cacheDir!, { recursive: true });
    writeFileSync(cached, JSON.stringify(out));
  }
  return out;
}
