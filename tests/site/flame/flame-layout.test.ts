import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { flameLayout, topFrames } from '../../../site/flame/flame-layout.ts';
import { renderFlameSvg } from '../../../site/flame/render-flame.ts';

const stacks = new Map([
  ['a;b', 3],
  ['a;c', 1],
]);

test('rectangles: widths are shares of samples, children sorted by name', () => {
  const r = flameLayout(stacks, { minFraction: 0, maxDepth: 10 });
  assert.equal(
    r.map((x) => [x.name, x.depth, x.x, x.w, x.samples]),
    [
      ['all', 0, 0, 1, 4],
      ['a', 1, 0, 1, 4],
      ['b', 2, 0, 0.75, 3],
      ['c', 2, 0.75, 0.25, 1],
    ],
  );
  assert.is(r[2].path, 'a;b');
});

test('narrow frames and deep frames are dropped', () => {
  assert.equal(flameLayout(stacks, { minFraction: 0.3, maxDepth: 10 }).map((x) => x.name), ['all', 'a', 'b']);
  assert.equal(flameLayout(stacks, { minFraction: 0, maxDepth: 1 }).map((x) => x.name), ['all', 'a']);
  assert.equal(flameLayout(new Map(), { minFraction: 0, maxDepth: 5 }), []);
});

test('top frames count a frame once per stack', () => {
  assert.equal(topFrames(new Map([['a;b;a', 2], ['c', 1]]), 3), [
    { name: 'a', samples: 2 },
    { name: 'b', samples: 2 },
    { name: 'c', samples: 1 },
  ]);
});

test('the SVG escapes frame names and carries a tooltip per frame', () => {
  const svg = renderFlameSvg(flameLayout(new Map([['<img src=x onerror=alert(1)>', 2]]), { minFraction: 0, maxDepth: 5 }), { width: 400, title: 'v1.0 "x"' });
  assert.not.ok(svg.includes('<img'));
  assert.ok(svg.includes('<title>&lt;img src&#61;x onerror&#61;alert(1)&gt; — 2 samples, 100.0%</title>'));
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="v1.0 &quot;x&quot;"'));
  assert.is((svg.match(/<rect /g) ?? []).length, 2);
});

test.run();
