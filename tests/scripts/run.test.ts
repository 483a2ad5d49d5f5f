import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// scripts/run.mjs, how package.json's commands run: compiled into dist/, compiled again whenever dist/ does not
// match the sources. Tried on a small project of its own in a temp folder (the launcher, the two tsconfig
// files, a source under ingest/), so that editing a source never touches the checkout.
const REPO = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'gatebench-run-'));
for (const f of ['scripts/run.mjs', 'tsconfig.json', 'tsconfig.build.json']) cpSync(join(REPO, f), join(dir, f));
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
for (const d of ['ingest', 'analysis', 'site']) mkdirSync(join(dir, d));
const source = (greeting: string) => `import { name } from './name.ts';\nconst g: string = '${greeting}';\nconsole.log(\`\${g} \${name} \${process.argv.slice(2).join(' ')} \${process.argv[1].endsWith('dist/ingest/hello.js')}\`);\n`;
writeFileSync(join(dir, 'ingest/name.ts'), "export const name = 'gatebench';\n");
writeFileSync(join(dir, 'ingest/hello.ts'), source('hello'));

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['scripts/run.mjs', ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('the first command compiles dist/, then runs the compiled script with its own arguments', () => {
  assert.equal(run('ingest/hello.ts', 'a', '--b'), { status: 0, stdout: 'hello gatebench a --b true\n', stderr: 'run: compiling the TypeScript sources into dist/ (not compiled yet) ...\n' });
  assert.ok(existsSync(join(dir, 'dist/ingest/hello.js')));
  assert.ok(existsSync(join(dir, 'dist/ingest/name.js')), 'the import ./name.ts became ./name.js');
  assert.match(readFileSync(join(dir, 'dist/ingest/hello.js'), 'utf8'), 'from "./name.js"');
});

test('an up-to-date dist/ is run as it is', () => {
  assert.equal(run('ingest/hello.ts'), { status: 0, stdout: 'hello gatebench  true\n', stderr: '' });
});

test('an edited source is compiled again before it runs', () => {
  writeFileSync(join(dir, 'ingest/hello.ts'), source('hi'));
  assert.equal(run('ingest/hello.ts'), { status: 0, stdout: 'hi gatebench  true\n', stderr: 'run: compiling the TypeScript sources into dist/ (the sources changed since it was compiled) ...\n' });
});

test('a source that does not compile: tsc says why, exit 1, and the last good dist/ stays', () => {
  writeFileSync(join(dir, 'ingest/hello.ts'), "const g: number = 'not a number';\nconsole.log(g);\n");
  const r = run('ingest/hello.ts');
  assert.equal(r.status, 1);
  assert.match(r.stdout, "ingest/hello.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.");
  assert.equal(r.stderr.trim().split('\n').at(-1), 'run: tsc -p tsconfig.build.json failed (exit code 2): fix the errors above (npm run typecheck)');
  assert.match(readFileSync(join(dir, 'dist/ingest/hello.js'), 'utf8'), "'hi'");
  writeFileSync(join(dir, 'ingest/hello.ts'), source('hi'));
});

test('a script that is not a source under ingest/, analysis/ or site/: exit 2', () => {
  assert.equal(run('ingest/nope.ts'), { status: 2, stdout: '', stderr: 'run: compiling the TypeScript sources into dist/ (the sources changed since it was compiled) ...\nrun: ingest/nope.ts is not a source file under ingest/, analysis/ or site/ (no dist/ingest/nope.js)\n' });
});

test('with no script it only brings dist/ up to date', () => {
  assert.equal(run(), { status: 0, stdout: '', stderr: '' });
});

test('a dist/ that cannot be read or written: one line naming it, exit 1', () => {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  mkdirSync(join(dir, 'dist', 'sources.txt'), { recursive: true }); // the stamp's place taken by a folder
  assert.equal(run('ingest/hello.ts'), { status: 1, stdout: '', stderr: `run: cannot compile into ${join(dir, 'dist')} (EISDIR); run the command once as a user who can write there, or npm run setup\n` });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
