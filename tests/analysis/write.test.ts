import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outputText, writeOutputs } from '../../analysis/report/write.ts';

let dir = '';
test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gatebench-write-'));
});
test.after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a file given whole and one given in pieces are written byte for byte, then renamed into place', async () => {
  // pieces around the 1 MiB buffer: small ones, empty ones, multi-byte UTF-8, one larger than the buffer
  const big = 'x'.repeat(1_500_000);
  const pieces = ['{"a":', '', '"µs ± 2 → ok"', ',', 'y'.repeat(400_000), big, '"é"', '}\n'];
  const written = await writeOutputs(join(dir, 'out'), [
    { name: 'whole.md', content: '# report µs\n' },
    { name: 'pieces.json', content: pieces },
  ]);
  assert.equal(written, [join(dir, 'out', 'whole.md'), join(dir, 'out', 'pieces.json')]);
  assert.is(await readFile(join(dir, 'out', 'whole.md'), 'utf8'), '# report µs\n');
  const back = await readFile(join(dir, 'out', 'pieces.json'));
  assert.ok(back.equals(Buffer.from(pieces.join(''), 'utf8')));
  assert.is(back.length, 1_900_029);
  assert.equal((await readdir(join(dir, 'out'))).sort(), ['pieces.json', 'whole.md']);
});

test('an empty list of pieces makes an empty file', async () => {
  await writeOutputs(dir, [{ name: 'empty.csv', content: [] }]);
  assert.is(await readFile(join(dir, 'empty.csv'), 'utf8'), '');
});

test('outputText joins the pieces', () => {
  assert.is(outputText({ name: 'a.csv', content: ['x\n', '1\n'] }), 'x\n1\n');
  assert.is(outputText({ name: 'b.md', content: 'text' }), 'text');
});

test.run();
