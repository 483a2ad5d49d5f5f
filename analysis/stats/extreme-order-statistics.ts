/**
 * The m smallest values of an array, ascending, in one pass with a bounded max-heap: O(N log m), and most
 * values are rejected by one comparison. Used for the tails of bootstrap distributions (m ~ 250 of 10,000).
 */

/**
 * @example
 * smallestSorted(Float64Array.from([5, 1, 4, 2, 3]), 2) // Float64Array [1, 2]
 */
export function smallestSorted(a: ArrayLike<number>, m: number): Float64Array {
  if (m > a.length) throw new Error(`cannot take the ${m} smallest of ${a.length} values`);
  if (m * 4 > a.length) return Float64Array.from(a).sort().slice(0, m);
  const heap = new Float64Array(m);
  for (let i = 0; i < m; i++) siftUp(heap, i, a[i]);
  for (let i = m; i < a.length; i++) {
    const v = a[i];
    if (v < heap[0]) siftDown(heap, m, v);
  }
  return heap.sort();
}

function siftUp(heap: Float64Array, pos: number, v: number): void {
  let i = pos;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[p] >= v) break;
    heap[i] = heap[p];
    i = p;
  }
  heap[i] = v;
}

/** replace the root (the maximum) with v and restore the heap */
function siftDown(heap: Float64Array, m: number, v: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= m) break;
    const r = l + 1;
    const c = r < m && heap[r] > heap[l] ? r : l;
    if (heap[c] <= v) break;
    heap[i] = heap[c];
    i = c;
  }
  heap[i] = v;
}
