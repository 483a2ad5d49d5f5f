/**
 * Where each task's record sits among the records of the sample time being collected: a table from a task key
 * (a PID, or -1 - TID for thread rows) to a small index, looked up once per row and emptied once per sample
 * time. Open addressing over typed arrays, emptied in O(1) by bumping a stamp, so a `-h` file (one lookup per
 * row, one emptying per few rows) pays neither a Map's hashing of boxed keys nor its reallocation on clear().
 */

const EMPTY = -1;

/**
 * A key -> index table. Keys are any numbers except NaN (ids above 2^31 included); indexes are >= 0.
 *
 * @example
 * const t = new TaskIndex();
 * t.set(412, 0);
 * t.set(-1 - 9081, 1); // a thread row's key
 * t.get(412) // 0
 * t.get(7) // -1
 * t.clear();
 * t.get(412) // -1
 */
export class TaskIndex {
  private keys: Float64Array;
  private indexes: Int32Array;
  private stamps: Uint32Array;
  private stamp = 1;
  private shift: number;
  private mask: number;
  private count = 0;

  /** Room for `capacity` keys before growing. A small table (capacity 4) keeps its arrays in V8's heap, cheap to make. */
  constructor(capacity = 64) {
    let size = 8;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.indexes = new Int32Array(size);
    this.stamps = new Uint32Array(size);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
  }

  /** The index stored for `key`, or -1. */
  get(key: number): number {
    const stamps = this.stamps;
    const keys = this.keys;
    const stamp = this.stamp;
    const mask = this.mask;
    let slot = Math.imul(key | 0, 0x9e3779b1) >>> this.shift;
    while (stamps[slot] === stamp) {
      if (keys[slot] === key) return this.indexes[slot];
      slot = (slot + 1) & mask;
    }
    return EMPTY;
  }

  /** Stores `index` for `key` (a key not in the table: the parser looks it up first). */
  set(key: number, index: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.count++;
    this.put(key, index);
  }

  /** Forgets every key. */
  clear(): void {
    this.count = 0;
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  private put(key: number, index: number): void {
    const stamps = this.stamps;
    const mask = this.mask;
    let slot = Math.imul(key | 0, 0x9e3779b1) >>> this.shift;
    while (stamps[slot] === this.stamp) slot = (slot + 1) & mask;
    stamps[slot] = this.stamp;
    this.keys[slot] = key;
    this.indexes[slot] = index;
  }

  private grow(): void {
    const { keys, indexes, stamps, stamp } = this;
    const size = (this.mask + 1) * 2;
    this.keys = new Float64Array(size);
    this.indexes = new Int32Array(size);
    this.stamps = new Uint32Array(size);
    this.stamp = 1;
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    for (let s = 0; s < stamps.length; s++) if (stamps[s] === stamp) this.put(keys[s], indexes[s]);
  }
}
