/**
 * Charts as the templates print them: an empty profile is a figure with the sentence that says why, never an
 * empty box; an empty Vega chart says it has no data.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { registerHelpers } from '../../../site/helpers/register-helpers.ts';
import { NO_DATA, renderCharts, type ChartView } from '../../../site/views/chart-view.ts';

const PARTIALS = fileURLToPath(new URL('../../../site/templates/_partials', import.meta.url));
const hbs = Handlebars.create();
registerHelpers(hbs);
for (const f of readdirSync(PARTIALS)) hbs.registerPartial(f.replace(/\.hbs$/, ''), readFileSync(join(PARTIALS, f), 'utf8'));
const flames = hbs.compile(readFileSync(join(PARTIALS, 'flames.hbs'), 'utf8'));
const section = (model: unknown) => flames((model as { charts: { flames: unknown } }).charts.flames);

const WHY = "No flame graph: perf record followed pid 1724 (the front) for 3 s under load and got no stack sample: that process hardly ran while the load did, so it is not what serves the requests (an idle master?); the config's monitor.front says which processes to follow.";
const empty = { kind: 'static' as const, id: 'flame-direct', title: 'Flame graph: nginx direct', caption: '', svg: '', table: { columns: [], rows: [] }, empty_reason: WHY };
const drawn = { kind: 'static' as const, id: 'flame-proxy', title: 'Flame graph: nginx proxy chain', caption: 'Where nginx proxy chain spends CPU', svg: '<svg width="10"></svg>', table: { columns: [], rows: [] } };

test('an empty profile becomes an empty chart that carries its reason; a drawn one keeps its SVG', async () => {
  const out = (await renderCharts({ charts: { flames: [empty, drawn] } }, async () => '')) as { charts: { flames: ChartView[] } };
  assert.equal(out.charts.flames[0], { id: 'flame-direct', title: 'Flame graph: nginx direct', caption: '', svg: '', specJson: '', table: { columns: [], rows: [] }, empty: true, empty_reason: WHY });
  assert.equal([out.charts.flames[1].empty, out.charts.flames[1].empty_reason, out.charts.flames[1].svg], [false, '', '<svg width="10"></svg>']);
});

test('the run page prints the reason in place of the flame graph, with no flame box', async () => {
  const model = await renderCharts({ charts: { flames: [empty] } }, async () => '');
  const html = section(model);
  assert.ok(html.includes(`<p class="chart-empty">${hbs.escapeExpression(WHY)}</p>`), html);
  assert.not.ok(html.includes('flame-wrap'));
  const both = section(await renderCharts({ charts: { flames: [empty, drawn] } }, async () => ''));
  assert.is((both.match(/class="flame-wrap"/g) ?? []).length, 1);
});

test('an empty Vega chart says it has no data', async () => {
  const chart = { id: 'c', title: 'T', caption: 'cap', spec: { datasets: { table: [] } }, table: { columns: [], rows: [] } };
  const [v] = (await renderCharts([chart], async () => '<svg/>')) as ChartView[];
  assert.equal([v.empty, v.empty_reason, v.svg], [true, NO_DATA, '']);
});

test.run();
