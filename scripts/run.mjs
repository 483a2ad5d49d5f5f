/**
 * How package.json's commands run: compiled to JavaScript in dist/ (by tsc, tsconfig.build.json), then by
 * plain node. Node 20 runs TypeScript only through a loader such as tsx, whose hooks sit on their own thread
 * and see every import: about 0.4 s before the first line of a command, and more for each module loaded.
 * Tests, benches and hardening tools run the sources with tsx; the commands users wait for run compiled.
 *
 * dist/ is compiled again whenever it does not match the sources (ingest/, analysis/, site/ and the two
 * tsconfig files: each path, size and modification time), so an edited source never runs stale. With no
 * script, it only brings dist/ up to date (the setup step does that).
 *
 *   node scripts/run.mjs analysis/cli/analyze.ts --runs raw-results
 *   node scripts/run.mjs
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** Written last into a complete dist/: the sources it was compiled from. */
const STAMP = 'sources.txt';

/** One line per source file ("path size mtime"): what dist/ must have been compiled from. */
function sourceList() {
  const lines = [];
  const add = (path) => {
    const s = statSync(path);
    lines.push(`${relative(ROOT, path)} ${s.size} ${s.mtimeMs}`);
  };
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) add(path);
    }
  };
  for (const dir of ['ingest', 'analysis', 'site']) walk(join(ROOT, dir));
  for (const file of ['tsconfig.json', 'tsconfig.build.json']) add(join(ROOT, file));
  return lines.sort().join('\n');
}

/** Compile the sources into dist/ unless it already matches them; exits when tsc fails. */
function ensureCompiled() {
  const sources = sourceList();
  const stamp = join(DIST, STAMP);
  const compiledFrom = existsSync(stamp) ? readFileSync(stamp, 'utf8') : null;
  if (compiledFrom === sources) return;
  const why = compiledFrom === null ? 'not compiled yet' : 'the sources changed since it was compiled';
  console.error(`run: compiling the TypeScript sources into dist/ (${why}) ...`);
  // into a folder of its own, moved into place when complete: a command never sees half a dist/
  const tmp = join(ROOT, `dist.tmp-${process.pid}`);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', tmp], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    console.error(`run: tsc -p tsconfig.build.json failed (exit code ${r.status ?? r.signal}): fix the errors above (npm run typecheck)`);
    process.exit(1);
  }
  writeFileSync(join(tmp, STAMP), sources);
  rmSync(DIST, { recursive: true, force: true });
  renameSync(tmp, DIST);
}

try {
  ensureCompiled();
} catch (e) {
  // e.g. a checkout this user cannot write to: one line, no stack
  console.error(`run: cannot compile into ${DIST} (${e.code ?? e.message}); run the command once as a user who can write there, or npm run setup`);
  process.exit(1);
}
const script = process.argv[2];
if (script !== undefined) {
  const compiled = join(DIST, relative(ROOT, resolve(ROOT, script)).replace(/\.ts$/, '.js'));
  if (!existsSync(compiled)) {
    console.error(`run: ${script} is not a source file under ingest/, analysis/ or site/ (no ${relative(ROOT, compiled)})`);
    process.exit(2);
  }
  // the command sees the arguments it would see run directly: process.argv[1] is its own file
  process.argv.splice(1, 2, compiled);
  await import(pathToFileURL(compiled).href);
}
