/**
 * `npm run collect -- [options]`: collect one run (see ingest/collect/README.md), then run the analysis and
 * build the site in a process of their own (`npm run analyze -- --site DIR`): ingest/ never imports the floors
 * above it. Exit codes: 0 run complete, 1 every repetition failed, 2 usage or config error, 3 environment
 * (missing tool, port in use, build failed), 130 interrupted (the partial run is kept, marked incomplete).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT as ROOT } from '../project-root.ts';
import { collect, CollectError } from './collect.ts';
import { readUserDeclared } from './config.ts';
import { DEFAULT_OPTIONS, OptionError, parseCollectArgs, USAGE } from './options.ts';

/** Filesystem errors that are the machine's state, not a bug: said in one line, exit code 3. */
const ENVIRONMENT_ERRORS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the filesystem is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'an I/O error',
};

/** Run an npm script of the project; true when it succeeded (a failure is said, the run stays saved). */
function chain(script: string, args: string[]): boolean {
  console.log(`\n== npm run ${script} -- ${args.join(' ')}`);
  const r = spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) console.error(`collect: npm run ${script} failed (exit code ${r.status ?? r.signal}); the run itself is saved`);
  return r.status === 0;
}

/**
 * Before a run, check the targets and expected changes a --config declares against the analysis's metrics
 * (`npm run analyze -- --check-config`, a process: ingest does not know the metrics). Returns the one-line
 * problem, or null when there is none or nothing is declared (a config that does not parse is left to
 * collect, which names its mistake).
 */
function declarationProblem(config: string): string | null {
  let declared;
  try {
    declared = readUserDeclared(config);
  } catch {
    return null;
  }
  if (declared.targets.length + declared.expected.length === 0) return null;
  const path = resolve(config);
  const r = spawnSync('npm', ['run', '--silent', 'analyze', '--', '--check-config', path], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0) return null;
  const line = (r.stderr || r.stdout || `npm run analyze -- --check-config exited with ${r.status ?? r.signal}`).trim().split('\n').at(-1)!;
  return line.replace(/^analyze: /, '').split(path).join(config);
}

async function main(argv: string[]): Promise<number> {
  let opts;
  try {
    opts = parseCollectArgs(argv);
  } catch (e) {
    if (e instanceof OptionError) {
      console.error(`collect: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const problem = opts.config ? declarationProblem(opts.config) : null;
  if (problem) {
    console.error(`collect: --config ${problem}`);
    return 2;
  }
  try {
    const result = await collect(opts, { root: ROOT, stdout: process.stdout, argv });
    if (result.runDir && opts.analyze && result.exitCode !== 130) {
      // with --out elsewhere, the reports and the site go there too (reports/ and _site/ inside it), never
      // into the project folder
      const out = resolve(ROOT, opts.out);
      const own = opts.out !== DEFAULT_OPTIONS.out;
      const reports = own ? join(out, 'reports') : resolve(ROOT, 'reports');
      const site = own ? join(out, '_site') : resolve(ROOT, '_site');
      // one process: the site is built from the analysis just made and written, without reading it back
      if (chain('analyze', ['--runs', out, '--out', reports, '--site', site])) console.log(`site: ${join(site, 'index.html')} (npm run serve -- --dir ${site} to browse it)`);
    }
    return result.exitCode;
  } catch (e) {
    if (e instanceof CollectError) {
      console.error(`collect: ${e.message}`);
      return e.exitCode;
    }
    const io = e as NodeJS.ErrnoException;
    if (io.code !== undefined && ENVIRONMENT_ERRORS[io.code]) {
      // The disk filled up or the folder became unwritable mid-run: the files written so far stay in the
      // run's .tmp- folder (earlier runs are untouched), and the user learns what to fix in one line.
      console.error(`collect: ${ENVIRONMENT_ERRORS[io.code]} (${io.code}) writing ${io.path ?? 'the run'}; what was written so far is kept in its .tmp- folder under ${resolve(ROOT, opts.out)}, earlier runs are untouched`);
      return 3;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`collect: internal error: ${(e as Error).stack ?? e}`);
    process.exit(70);
  },
);
