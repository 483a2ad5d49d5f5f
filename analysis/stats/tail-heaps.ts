/**
 * The m smallest and m largest values of a stream, in one pass with two bounded heaps and no copy of the
 * stream: what a percentile CI needs from a bootstrap distribution (its two tails), at O(1) for most values.
 *
 * @example
 * const t = new TailHeaps(2); for (const v of [5, 1, 4, 2, 3]) t.add(v); t.finish() // { low: [1, 2], high: [5, 4], count: 5 }
 */
export class TailHeaps {
  private m: number;
  private low: Float64Array; // max-heap of the m smallest
  private high: Float64Array; // max-heap of the negated m largest
  private count = 0;
  private lowTop = Infinity;
  private highTop = Infinity;

  /**
   * @example
   * const t = new TailHeaps(2); for (const v of [5, 1, 4, 2, 3]) t.add(v); t.finish() // { low: [1, 2], high: [5, 4], count: 5 }
   */
  constructor(m: number) {
    if (!Number.isInteger(m) || m < 1) throw new Error(`tail size must be a positive integer, got ${m}`);
    this.m = m;
    this.low = new Float64Array(m);
    this.high = new Float64Array(m);
  }

  /**
   * Empty again, for tails of size m (the arrays are kept when large enough: a typed array costs about a
   * microsecond to make, which a hot caller pays per call otherwise). Results of an earlier `finishInPlace`
   * are overwritten.
   */
  reset(m: number): void {
    if (!Number.isInteger(m) || m < 1) throw new Error(`tail size must be a positive integer, got ${m}`);
    if (this.low.length < m) {
      this.low = new Float64Array(m);
      this.high = new Float64Array(m);
    }
    this.m = m;
    this.count = 0;
    this.lowTop = Infinity;
    this.highTop = Infinity;
  }

  /** Add one value (NaN is an error). */
  add(v: number): void {
    if (v !== v) throw new Error('percentile interval requires values that are not NaN');
    if (this.count !== this.count) throw new Error('tail heaps finished in place: reset them before adding');
    const m = this.m;
    if (this.count < m) {
      siftUp(this.low, this.count, v);
      siftUp(this.high, this.count, -v);
      this.count++;
      this.lowTop = this.low[0];
      this.highTop = this.high[0];
      return;
    }
    this.count++;
    if (v < this.lowTop) {
      replaceTop(this.low, m, v);
      this.lowTop = this.low[0];
    }
    if (-v < this.highTop) {
      replaceTop(this.high, m, -v);
      this.highTop = this.high[0];
    }
  }

  /**
   * Values at or above this and at or below `highBound` change nothing but the count (Infinity while the
   * heaps are filling): a hot loop can test them inline and report them with `skip`.
   */
  get lowBound(): number {
    return this.count < this.m ? Infinity : this.lowTop;
  }

  /** See `lowBound` (-Infinity while the heaps are filling). */
  get highBound(): number {
    return this.count < this.m ? -Infinity : -this.highTop;
  }

  /** Count `k` values that were between the bounds (not NaN), without adding them one by one. */
  skip(k: number): void {
    this.count += k;
  }

  /**
   * What `finish` gives, as views of the heaps' own arrays, sorted in place: no copies, but valid only until
   * the next `add` or `reset`.
   */
  finishInPlace(): { low: Float64Array; high: Float64Array; count: number } {
    const count = this.count;
    const k = Math.min(this.m, count);
    const low = this.low.subarray(0, k).sort();
    const high = this.high.subarray(0, k).sort();
    for (let i = 0; i < k; i++) high[i] = -high[i];
    this.count = NaN; // the arrays are no heaps any more: `add` before `reset` would go wrong, and now throws
    return { low, high, count };
  }

  /** The smallest values ascending, the largest descending (each min(m, count) long), and how many were added. */
  finish(): { low: Float64Array; high: Float64Array; count: number } {
    const k = Math.min(this.m, this.count);
    const low = this.low.slice(0, k).sort();
    const high = this.high.slice(0, k).sort().map((x) => -x);
    return { low, high, count: this.count };
  }
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

function replaceTop(heap: Float64Array, m: number, v: number): void {
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
