import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { Analysis, RunResult } from '../../../analysis/schema.ts';
import { DEFAULT_SETTINGS } from '../../../analysis/settings.ts';
import { registerHelpers } from '../../../site/helpers/register-helpers.ts';
import { OUR_META, OUR_QUESTION, siteFraming } from '../../../site/views/framing.ts';
import { methodologyView } from '../../../site/views/methodology.ts';
import { overviewView } from '../../../site/views/overview.ts';
import type { SiteInput } from '../../../site/views/site-input.ts';

const PARTIALS = fileURLToPath(new URL('../../../site/templates/_partials', import.meta.url));
const hbs = Handlebars.create();
registerHelpers(hbs);
for (const f of readdirSync(PARTIALS)) hbs.registerPartial(f.replace(/\.hbs$/, ''), readFileSync(join(PARTIALS, f), 'utf8'));
const partial = (name: string, data: unknown) => hbs.compile(readFileSync(join(PARTIALS, `${name}.hbs`), 'utf8'))(data);

function analysis(framing: RunResult['framing'], variants: RunResult['variants']): Analysis {
  const run: RunResult = {
    id: 'r1', label: 'x', status: 'complete', error: null, created_at: '2026-12-06T05:00:00Z',
    machine: { name: 'bench1', hostname: 'bench1', kernel: '6.1', cpu_model: 'Xeon', cpu_count: 4, mem_kb: 8388608, fingerprint: 'fp1' },
    git: { commit: 'abc', dirty: false }, tools: {}, config: null, baseline: variants[0].name, candidate: variants[1].name, aa: false,
    variants, warnings: [], summaries: [], repetitions: [], syscalls: [], open_loop: [], ...(framing ? { framing } : {}),
  };
  return { schema_version: 2, settings: DEFAULT_SETTINGS, metrics: [], runs: [run], comparisons: [], targets: [], history: { groups: [] }, latest: { bench1: 'r1' } };
}
const input = (a: Analysis): SiteInput => ({ analysis: a, extras: new Map(), base: '/gb/', generated_at: '2026-12-06T05:00:00Z' });
const nginx = [{ name: 'proxy', label: 'nginx proxy chain' }, { name: 'direct', label: 'nginx direct' }];

test('our gateway (or a run from before framing): the seed question and the fd-passing text', () => {
  for (const f of [{ ours: true, title: null, question: null, description: null }, undefined]) {
    const fr = siteFraming(analysis(f, [{ name: 'proxy', label: 'v1.0' }, { name: 'fdpass', label: 'v2.0' }]));
    assert.equal(fr, { ours: true, question: OUR_QUESTION, lede: null, meta: OUR_META });
  }
});

test('a --config run: its own question and words; no page speaks of fd passing', () => {
  const a = analysis({ ours: false, title: null, question: null, description: null }, nginx);
  assert.equal(siteFraming(a), {
    ours: false,
    question: 'What does nginx direct change against nginx proxy chain?',
    lede: 'gatebench measured nginx proxy chain and nginx direct under the same load, in randomized blocks of back-to-back trials. Every number below comes with a 95% confidence interval and a verdict.',
    meta: 'gatebench: nginx direct vs nginx proxy chain, measured under the same load with 95% confidence intervals.',
  });
  const own = analysis({ ours: false, title: 'proxy chain vs direct', question: 'Is the proxy chain worth its CPU?', description: 'nginx relaying over a unix socket, against nginx alone.' }, nginx);
  const ov = overviewView(input(own));
  assert.is(ov.layout.description, 'gatebench: proxy chain vs direct, measured under the same load with 95% confidence intervals.');
  const html = partial('overview', ov) + partial('methodology', methodologyView(input(own)));
  assert.ok(html.includes('<h1>Is the proxy chain worth its CPU?</h1>'));
  assert.ok(html.includes('nginx relaying over a unix socket, against nginx alone.'));
  for (const word of ['fd passing', 'SCM_RIGHTS', 'socket to the worker', 'v1.0', 'v2.0', 'seed guide']) assert.not.ok(html.includes(word), word);
  assert.ok(html.includes('<h3>Expected by the config vs measured</h3>'));
  // ours: the fd-passing explanation is there
  const ours = partial('methodology', methodologyView(input(analysis({ ours: true, title: null, question: null, description: null }, [{ name: 'proxy', label: 'v1.0' }, { name: 'fdpass', label: 'v2.0' }]))));
  assert.ok(ours.includes('SCM_RIGHTS'));
});

test.run();
