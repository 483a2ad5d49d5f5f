/**
 * Folded stacks -> the rectangles of an icicle flame graph (root on top, callees below, width proportional to
 * samples). Pure: no SVG here, see render-flame.ts.
 */

export interface FlameRect {
  name: string;
  /** full path from the root, for the tooltip */
  path: string;
  depth: number;
  /** left edge and width as fractions of the total, 0..1 */
  x: number;
  w: number;
  samples: number;
}

interface Node {
  name: string;
  value: number;
  children: Map<string, Node>;
}

/**
 * Lay out folded stacks: children sorted by name (like flamegraph.pl), frames narrower than `minFraction` of
 * the total dropped, depth capped at `maxDepth`.
 *
 * @example
 * flameLayout(new Map([['a;b', 3], ['a;c', 1]]), { minFraction: 0, maxDepth: 10 })
 * // [{ name: 'all', depth: 0, x: 0, w: 1, samples: 4, … }, { name: 'a', depth: 1, … }, { name: 'b', depth: 2, x: 0, w: 0.75, … }, { name: 'c', depth: 2, x: 0.75, w: 0.25, … }]
 */
export function flameLayout(stacks: Map<string, number>, opts: { minFraction: number; maxDepth: number }): FlameRect[] {
  const root: Node = { name: 'all', value: 0, children: new Map() };
  for (const [key, count] of stacks) {
    root.value += count;
    let node = root;
    for (const frame of key.split(';').slice(0, opts.maxDepth)) {
      let child = node.children.get(frame);
      if (!child) {
        child = { name: frame, value: 0, children: new Map() };
        node.children.set(frame, child);
      }
      child.value += count;
      node = child;
    }
  }
  const rects: FlameRect[] = [];
  if (root.value === 0) return rects;
  const total = root.value;
  const walk = (node: Node, depth: number, x: number, path: string) => {
    const w = node.value / total;
    if (w < opts.minFraction) return;
    rects.push({ name: node.name, path, depth, x, w, samples: node.value });
    let cx = x;
    for (const child of [...node.children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      walk(child, depth + 1, cx, path ? `${path};${child.name}` : child.name);
      cx += child.value / total;
    }
  };
  walk(root, 0, 0, '');
  rects[0].path = 'all';
  return rects;
}

/**
 * The functions with the most samples on stack (inclusive), for the flame graph's table fallback.
 *
 * @example
 * topFrames(new Map([['a;b', 3], ['a;c', 1]]), 2) // [{ name: 'a', samples: 4 }, { name: 'b', samples: 3 }]
 */
export function topFrames(stacks: Map<string, number>, limit: number): { name: string; samples: number }[] {
  const inclusive = new Map<string, number>();
  for (const [key, count] of stacks) {
    for (const frame of new Set(key.split(';'))) inclusive.set(frame, (inclusive.get(frame) ?? 0) + count);
  }
  return [...inclusive.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([name, samples]) => ({ name, samples }));
}
