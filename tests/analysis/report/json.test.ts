import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderJson, renderJsonChunks } from '../../../analysis/report/json.ts';
import { migrateAnalysis } from '../../../analysis/schema.ts';
import { fixtureAnalysis, renderedOf } from './reports.ts';

test('the JSON text round-trips through the schema', async () => {
  const text = renderJson(await fixtureAnalysis());
  assert.ok(text.startsWith('{"schema_version":2,"settings":{'));
  assert.is(text.indexOf('\n'), text.length - 1); // one line
  assert.ok(text.endsWith('}\n'));
  assert.is(migrateAnalysis(JSON.parse(text)).runs[0].id, '2026-11-22T19-15-00Z-nginx');
});

test('put together from per-run pieces: the same text; a missing or inconsistent piece falls back to the plain text', async () => {
  const analysis = await fixtureAnalysis();
  const plain = renderJson(analysis);
  const rendered = renderedOf(analysis);
  assert.is(renderJson(analysis, rendered), plain);
  assert.is(renderJson(analysis, new Map()), plain);
  const id = analysis.runs[0].id;
  const wrong = new Map(rendered);
  wrong.set(id, { ...rendered.get(id)!, json: JSON.stringify({ run: analysis.runs[0], comparisons: [], targets: [] }) });
  assert.is(renderJson(analysis, wrong), plain); // its comparisons are missing: not used
});

test('as pieces for the writer: the run, comparisons and targets pieces are handed on as they are', async () => {
  const analysis = await fixtureAnalysis();
  const rendered = renderedOf(analysis);
  const chunks = renderJsonChunks(analysis, rendered);
  assert.is(chunks.join(''), renderJson(analysis));
  const run = chunks.find((c) => c.startsWith('{"id":"2026-11-22T19-15-00Z-nginx"'));
  assert.ok(run !== undefined && rendered.get(analysis.runs[0].id)!.json.includes(run));
  assert.equal(renderJsonChunks(analysis), [renderJson(analysis)]); // without pieces: one string
});

test.run();
