import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outputFormat, parseCommandLine, UsageError } from '../../analysis/cli/options.ts';

test('parseCommandLine: the parsed values, or a one-line UsageError naming the option', () => {
  const ok = parseCommandLine({ args: ['--seed', '7', 'run-a'], options: { seed: { type: 'string' } }, allowPositionals: true });
  assert.is(ok.values.seed, '7');
  assert.equal(ok.positionals, ['run-a']);
  for (const args of [['--seed'], ['--bogus']]) {
    try {
      parseCommandLine({ args, options: { seed: { type: 'string' } } });
      assert.unreachable('expected a UsageError');
    } catch (err) {
      assert.instance(err, UsageError);
      const msg = (err as Error).message;
      assert.ok(msg.includes(args[0]), msg);
      assert.ok(msg.endsWith('(see --help)'), msg);
      assert.not.ok(msg.includes('\n'), msg);
    }
  }
});

test('outputFormat: console by default, json, nothing else', () => {
  assert.is(outputFormat(undefined), 'console');
  assert.is(outputFormat('json'), 'json');
  assert.throws(() => outputFormat('xml'), /--format must be console or json, got "xml"/);
});

test.run();
