/**
 * `npm run import -- DIR --label L [--out raw-results]`: import a folder of seed-era results as a run.
 * Exit codes: 0 imported, 2 usage error or nothing to import.
 */
import { resolve } from 'node:path';
import { PROJECT_ROOT as ROOT } from '../project-root.ts';
import { ImportError, importSeedRun } from './import-run.ts';

const USAGE = 'usage: npm run import -- DIR --label L [--out DIR]   (DIR holds proxy_cpu.csv, proxy_wrk.txt, zerocopy_cpu.csv, zerocopy_wrk.txt)';

async function main(argv: string[]): Promise<number> {
  let dir: string | null = null;
  let label: string | null = null;
  let out = 'raw-results';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      console.log(USAGE);
      return 0;
    } else if (a === '--label' || a === '--out') {
      const v = argv[++i];
      if (v === undefined) {
        console.error(`import: ${a} needs a value\n${USAGE}`);
        return 2;
      }
      if (a === '--label') label = v;
      else out = v;
    } else if (a.startsWith('--')) {
      console.error(`import: unknown option '${a}'\n${USAGE}`);
      return 2;
    } else if (dir === null) dir = a;
    else {
      console.error(`import: one directory at a time (got '${dir}' and '${a}')`);
      return 2;
    }
  }
  if (dir === null || label === null) {
    console.error(`import: ${dir === null ? 'the directory to import' : '--label'} is missing\n${USAGE}`);
    return 2;
  }
  if (!/^[A-Za-z0-9._-]+$/.test(label)) {
    console.error(`import: --label '${label}' may only contain letters, digits, '.', '_' and '-' (it names a directory)`);
    return 2;
  }
  try {
    const { runDir, manifest } = await importSeedRun(resolve(process.cwd(), dir), label, resolve(ROOT, out), argv);
    for (const r of manifest.repetitions) {
      const s = r.phases[0]?.summary ?? {};
      console.log(`import: ${r.variant} (${manifest.config.variants.find((v) => v.name === r.variant)?.label}): ${r.status}${r.error ? ` (${r.error})` : ''}${typeof s.requests_per_s === 'number' ? `, ${s.requests_per_s} req/s` : ''}`);
    }
    console.log(`import: run ${manifest.status}: ${runDir}`);
    return 0;
  } catch (e) {
    if (e instanceof ImportError) {
      console.error(`import: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`import: internal error: ${(e as Error).stack ?? e}`);
    process.exit(70);
  },
);
