/**
 * The site over a runs folder holding a run from the future (unreadable manifest) and a run whose label,
 * hostname and variant label carry HTML/script: `npm run site` must still build, list the broken run
 * with its reason, and print every hostile string as text (escaped), never as markup.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE_RUN = path.join(ROOT, 'tests', 'fixtures', 'analysis', 'runs', '2026-11-22T19-15-00Z-nginx');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gatebench-hostile-site-'));
const runs = path.join(tmp, 'runs');
const out = path.join(tmp, 'site');

const LABEL = '<img src=x onerror=alert(1)>';
const HOST = '<script>alert(1)</script>';
const VARIANT = '<b onmouseover=alert(2)>v1</b>';

function copyRun(id: string, edit?: (m: Record<string, any>) => void): void {
  const dir = path.join(runs, id);
  cpSync(FIXTURE_RUN, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  m.id = id;
  edit?.(m);
  writeFileSync(file, JSON.stringify(m, null, 2));
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? htmlFiles(p) : n.endsWith('.html') ? [p] : [];
  });
}

test('the site builds, lists the broken run as unreadable and escapes hostile labels', () => {
  copyRun('2026-11-22T19-15-00Z-good');
  copyRun('2026-11-22T19-16-00Z-future', (m) => (m.schema_version = 999));
  copyRun('2026-11-22T19-18-00Z-html', (m) => {
    m.label = LABEL;
    m.machine.hostname = HOST;
    m.config.variants[0].label = VARIANT;
  });
  const r = spawnSync('npm', ['run', '--silent', 'site', '--', '--runs', runs, '--out', out, '--no-cache'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.is(r.status, 0, `${r.stdout}\n${r.stderr}`.slice(-3000));
  const pages = htmlFiles(out);
  assert.ok(pages.length > 5, `${pages.length} pages`);
  const all = pages.map((p) => readFileSync(p, 'utf8')).join('\n');
  for (const raw of [LABEL, HOST, VARIANT, '<img src=x', '<script>alert', 'onmouseover=alert(2)>']) {
    assert.not.ok(all.includes(raw), `raw markup in the site: ${raw}`);
  }
  assert.ok(all.includes('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;'), 'the label is shown as text');
  assert.ok(all.includes('&lt;b onmouseover'), 'the variant label is shown as text');
  const index = readFileSync(path.join(out, 'runs', 'index.html'), 'utf8');
  assert.match(index, /2026-11-22T19-16-00Z-future/);
  assert.match(index, /manifest schema_version 999 is newer than this gatebench/);
  assert.match(index, /2026-11-22T19-15-00Z-good/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
