import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderJson } from '../../../analysis/report/json.ts';
import { migrateAnalysis } from '../../../analysis/schema.ts';
import { fixtureAnalysis } from './reports.ts';

test('the JSON text round-trips through the schema', async () => {
  const text = renderJson(await fixtureAnalysis());
  assert.ok(text.startsWith('{"schema_version":1,"settings":{'));
  assert.is(text.indexOf('\n'), text.length - 1); // one line
  assert.ok(text.endsWith('}\n'));
  assert.is(migrateAnalysis(JSON.parse(text)).runs[0].id, '2026-11-22T19-15-00Z-nginx');
});

test.run();
