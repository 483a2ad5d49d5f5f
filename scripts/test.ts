/**
 * `npm test`: the whole test suite, in the order that fails fastest.
 *   1. typecheck (tsc --noEmit)
 *   2. native: build (make -C native) and the C unit tests under ASan+UBSan (make -C native test)
 *   3. every uvu suite under tests/ (*.test.ts), run with tsx
 * Ends with one line `N passed, N failed` (CI reads it) and exits non-zero on any failure.
 *
 *   npm test -- --only uvu|native|typecheck   run one stage
 *   npm test -- tests/ingest                  run the uvu suites under a folder
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
const folder = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--only') ?? 'tests';
/** A hung test must not eat CI's 90 minutes: every stage has a ceiling. */
const STAGE_TIMEOUT_MS = 40 * 60 * 1000;

let passed = 0;
let failed = 0;

function runStage(name: string, argv: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    console.log(`\n== ${name}: ${argv.join(' ')}`);
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    const onData = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      out += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    const timer = setTimeout(() => {
      console.error(`\n${name}: still running after ${STAGE_TIMEOUT_MS / 60000} min, killed`);
      child.kill('SIGKILL');
    }, STAGE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
}

async function main(): Promise<number> {
  if (!only || only === 'typecheck') {
    const r = await runStage('typecheck', ['npx', 'tsc', '--noEmit']);
    if (r.code === 0) passed++;
    else failed++;
  }
  if ((!only || only === 'native') && existsSync('native/Makefile')) {
    const build = await runStage('native build', ['make', '-C', 'native', '-s']);
    if (build.code !== 0) failed++;
    const unit = await runStage('native unit tests', ['make', '-C', 'native', '-s', 'test']);
    let counted = false;
    for (const m of unit.out.matchAll(/^(\d+) passed, (\d+) failed$/gm)) {
      passed += Number(m[1]);
      failed += Number(m[2]);
      counted = true;
    }
    if (unit.code !== 0 && !counted) failed++;
    else if (unit.code !== 0 && counted && failed === 0) failed++;
  }
  if (!only || only === 'uvu') {
    const r = await runStage('uvu', ['node', '--import', 'tsx', 'scripts/uvu-run.ts', folder, '\\.test\\.ts$']);
    const total = /Total:\s+(\d+)/.exec(r.out);
    const ok = /Passed:\s+(\d+)/.exec(r.out);
    const skipped = /Skipped:\s+(\d+)/.exec(r.out);
    if (total && ok) {
      passed += Number(ok[1]);
      failed += Number(total[1]) - Number(ok[1]) - Number(skipped?.[1] ?? 0);
      if (r.code !== 0 && Number(total[1]) === Number(ok[1])) failed++; // a suite crashed outside a test
    } else if (r.code !== 0) {
      failed++;
    }
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
