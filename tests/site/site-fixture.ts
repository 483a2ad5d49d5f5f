/**
 * Test helper (not a suite): builds the site once from the real fixture runs plus two runs made at test time
 * in a temporary folder: a copy of a real run whose labels and hostname are the hostile string `XSS`, and a
 * run whose manifest is not JSON. The fixture files themselves are never modified.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, type BuildResult } from '../../site/build.ts';

export const XSS = '<img src=x onerror=alert(1)>';
export const BASE = '/gatebench/';
export const FIXTURE_RUNS = fileURLToPath(new URL('../fixtures/site/runs', import.meta.url));
export const REAL_RUNS = ['2026-11-22T19-03-41Z-dev-site', '2026-11-22T19-06-44Z-dev-site-2'];
export const XSS_RUN = '2026-11-22T19-09-00Z-xss';
export const BROKEN_RUN = '2026-11-22T19-10-00Z-broken';

export interface BuiltSite {
  root: string;
  runs: string;
  out: string;
  /** the analysis the site was built from (written by the build, as npm run analyze writes it) */
  analysisFile: string;
  result: BuildResult;
  cleanup(): void;
}

/**
 * Build the fixture site into a fresh temporary folder.
 *
 * @example
 * const site = await buildFixtureSite(); readFileSync(join(site.out, 'index.html'), 'utf8'); site.cleanup();
 */
export async function buildFixtureSite(): Promise<BuiltSite> {
  const root = mkdtempSync(join(tmpdir(), 'gb-site-test-'));
  const runs = join(root, 'runs');
  const out = join(root, 'out');
  mkdirSync(runs);
  for (const id of REAL_RUNS) cpSync(join(FIXTURE_RUNS, id), join(runs, id), { recursive: true, preserveTimestamps: true });
  // a hostile copy: same raw files, labels and hostname replaced in the manifest
  cpSync(join(FIXTURE_RUNS, REAL_RUNS[1]), join(runs, XSS_RUN), { recursive: true, preserveTimestamps: true });
  const manifestPath = join(runs, XSS_RUN, 'manifest.json');
  const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
  m.id = XSS_RUN;
  m.label = XSS;
  m.created_at = '2026-11-22T19:09:00.000Z';
  m.machine.hostname = XSS;
  m.config.variants[1].label = XSS;
  writeFileSync(manifestPath, JSON.stringify(m, null, 2));
  mkdirSync(join(runs, BROKEN_RUN));
  writeFileSync(join(runs, BROKEN_RUN, 'manifest.json'), '{ "schema_version": 1, "id": ');
  // no analysis file yet: the build makes it first, as npm run analyze would, into reports/
  const analysisFile = join(root, 'reports', 'analysis.json');
  const result = await buildSite({ base: BASE, runsDir: runs, outDir: out, analysisFile, cacheDir: join(root, 'cache'), quiet: true });
  return { root, runs, out, analysisFile, result, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
