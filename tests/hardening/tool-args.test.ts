// The hardening tools' command lines (hardening/lib/tool-args.ts): a bad flag is one line naming the tool and
// the flag, exit status 2, before anything is built or started.
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const run = (script: string, args: string[]) => spawnSync('npx', ['tsx', script, ...args], { encoding: 'utf8' });

test('soak: an unknown mode is one line and exit 2', () => {
  const r = run('hardening/soak.ts', ['--mode', 'tcp']);
  assert.is(r.status, 2);
  assert.is(r.stderr, 'soak: --mode must be one of proxy, fdpass, fdpass-conn, got "tcp"\n');
  assert.is(r.stdout, '');
});

test('fd-hygiene: a count that is not a whole number is one line and exit 2', () => {
  const r = run('hardening/fd-hygiene.ts', ['--requests', '1.5']);
  assert.is(r.status, 2);
  assert.is(r.stderr, 'fd-hygiene: --requests must be a whole number >= 0, got "1.5"\n');
});

test('soak: --workers below 1 is refused with its minimum', () => {
  const r = run('hardening/soak.ts', ['--workers', '0']);
  assert.is(r.status, 2);
  assert.is(r.stderr, 'soak: --workers must be a whole number >= 1, got "0"\n');
});

test.run();
