/**
 * Strings out of UTF-8 bytes, remembered: a 200 MB `pidstat -h` file prints the same few commands (and user
 * names) millions of times, so the byte fast path looks each one up by a hash of its bytes and checks the
 * bytes, instead of decoding a new string per row. Bounded: past `limit` entries the cache starts over, so
 * `-l` command lines that differ on every row cost a decode each, never unbounded memory.
 */

export interface ByteTextCache {
  /**
   * `bytes[start..end)` decoded as UTF-8 (invalid sequences become U+FFFD, like the string path's decoding).
   * `hash` is any hash of those bytes the caller computed while scanning them (0 is fine: then only the length
   * and bytes select the entry).
   */
  decode(bytes: Uint8Array, start: number, end: number, hash: number): string;
}

interface Entry {
  bytes: Uint8Array;
  text: string;
}

/**
 * A fresh cache.
 *
 * @example
 * const cache = createByteTextCache();
 * const row = new TextEncoder().encode('1 2 gateway\n');
 * cache.decode(row, 4, 11, 0) // 'gateway'
 * cache.decode(row, 4, 11, 0) === cache.decode(row, 4, 11, 0) // true: the same string, not decoded again
 */
export function createByteTextCache(limit = 4096): ByteTextCache {
  const decoder = new TextDecoder('utf-8');
  const entries = new Map<number, Entry>();
  return {
    decode(bytes, start, end, hash) {
      const len = end - start;
      const key = (Math.imul(hash, 0x9e3779b1) ^ len) | 0;
      const hit = entries.get(key);
      if (hit !== undefined && hit.bytes.length === len) {
        const b = hit.bytes;
        let j = 0;
        while (j < len && b[j] === bytes[start + j]) j++;
        if (j === len) return hit.text;
      }
      const copy = bytes.slice(start, end);
      const text = decoder.decode(copy);
      if (entries.size >= limit) entries.clear();
      entries.set(key, { bytes: copy, text });
      return text;
    },
  };
}
