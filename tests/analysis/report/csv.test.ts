import Papa from 'papaparse';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CSV_COLUMNS, csvField, csvRowsOfRun, renderCsv } from '../../../analysis/report/csv.ts';
import { fixtureAnalysis, renderedOf } from './reports.ts';

test('long format: one row per run, variant, repetition and metric', async () => {
  const csv = renderCsv(await fixtureAnalysis());
  const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
  assert.equal(parsed.meta.fields, [...CSV_COLUMNS]);
  const row = parsed.data.find((r) => r.variant === 'proxy' && r.repetition === '1' && r.metric === 'throughput_rps')!;
  assert.equal(row, {
    run: '2026-11-22T19-15-00Z-nginx',
    created_at: row.created_at,
    machine_fingerprint: 'ac2dc88007342e9a',
    variant: 'proxy',
    label: 'v1.0',
    repetition: '1',
    status: 'complete',
    metric: 'throughput_rps',
    unit: 'req/s',
    value: '7934.38',
    size_bytes: '',
  });
  assert.ok(parsed.data.every((r) => r.value !== '' && Number.isFinite(Number(r.value))));
});

test('quoting of fields with commas, quotes and line breaks (read back by papaparse)', () => {
  assert.is(csvField('plain'), 'plain');
  assert.is(csvField('a,b'), '"a,b"');
  assert.is(csvField('say "hi"'), '"say ""hi"""');
  const tricky = 'x,"y"\nz';
  assert.equal(Papa.parse<string[]>(`${csvField(tricky)},2`).data[0], [tricky, '2']);
});

test('the rows of each run, rendered apart and put together, are the same file', async () => {
  const analysis = await fixtureAnalysis();
  const plain = renderCsv(analysis);
  assert.is(renderCsv(analysis, renderedOf(analysis)), plain);
  const rows = csvRowsOfRun(analysis.runs[0], analysis.metrics);
  assert.ok(rows.endsWith('\n'));
  assert.is(plain, `${CSV_COLUMNS.join(',')}\n${rows}`); // the fixture is one run
});

test.run();
