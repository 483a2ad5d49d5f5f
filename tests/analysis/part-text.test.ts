import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RunPart } from '../../analysis/analyze.ts';
import { analyzeRun } from '../../analysis/analyze-run.ts';
import { deferRepetitions, parsePartText, partText } from '../../analysis/part-text.ts';
import { loadInput } from '../../analysis/load-inputs.ts';
import { DEFAULT_SETTINGS } from '../../analysis/settings.ts';
import { fixtureInput } from './fixture.ts';

async function fixturePart(): Promise<RunPart> {
  const a = analyzeRun(await fixtureInput(), DEFAULT_SETTINGS, []);
  return { run: a.run, comparisons: a.comparisons, targets: a.targets };
}

test('the text is JSON.stringify of the part, byte for byte, and the span holds the repetitions (real fixture run)', async () => {
  const part = await fixturePart();
  assert.ok(part.run.repetitions.length > 0);
  const t = partText(part);
  assert.is(t.json, JSON.stringify(part));
  assert.equal(JSON.parse(t.json.slice(...t.repetitions)), part.run.repetitions);
  assert.is(t.json.slice(t.repetitions[0] - '"repetitions":'.length, t.repetitions[0]), '"repetitions":');
});

test('a committed real run, and a run whose free-form config holds a "repetitions" key of its own', async () => {
  const input = await loadInput('raw-results/2026-11-22T20-37-01Z-v1.0-vs-v2.0');
  const a = analyzeRun(input, DEFAULT_SETTINGS, []);
  assert.is(a.run.status, 'complete');
  assert.is(a.run.repetitions.length, 10);
  const part: RunPart = { run: a.run, comparisons: a.comparisons, targets: a.targets };
  assert.is(partText(part).json, JSON.stringify(part));
  const tricky: RunPart = { ...part, run: { ...part.run, config: { ...part.run.config!, extra: { repetitions: ['\u0000gatebench:repetitions\u0000'] } } as never } };
  const t = partText(tricky);
  assert.is(t.json, JSON.stringify(tricky));
  assert.equal(JSON.parse(t.json.slice(...t.repetitions)), part.run.repetitions);
});

test('an error run (no repetitions) and a part without comparisons', () => {
  const part = { run: { id: 'x', status: 'error', repetitions: [], syscalls: [] }, comparisons: [], targets: [] } as unknown as RunPart;
  const t = partText(part);
  assert.is(t.json, '{"run":{"id":"x","status":"error","repetitions":[],"syscalls":[]},"comparisons":[],"targets":[]}');
  assert.is(t.json.slice(...t.repetitions), '[]');
});

test('parsed back: the same part, repetitions parsed on first access, and the same JSON again', async () => {
  const part = await fixturePart();
  const t = partText(part);
  const back = parsePartText(t);
  const desc = Object.getOwnPropertyDescriptor(back.run, 'repetitions')!;
  assert.is(typeof desc.get, 'function', 'not parsed yet');
  assert.is(JSON.stringify(back), t.json);
  assert.equal(back.run.repetitions, part.run.repetitions);
  assert.is(Object.getOwnPropertyDescriptor(back.run, 'repetitions')!.get, undefined, 'kept once parsed');
  assert.is(back.run.repetitions, back.run.repetitions);
  assert.equal(Object.keys(back.run), Object.keys(part.run));
  assert.equal(back, part);
});

test('deferred in place: same key order and value; assigning replaces the getter', async () => {
  const part = await fixturePart();
  const t = partText(part);
  const keys = Object.keys(part.run);
  const reps = part.run.repetitions;
  deferRepetitions(part, t);
  assert.equal(Object.keys(part.run), keys);
  assert.is(JSON.stringify(part), t.json);
  assert.equal(part.run.repetitions, reps);
  const fresh = parsePartText(t);
  fresh.run.repetitions = [];
  assert.equal(fresh.run.repetitions, []);
});

test.run();
