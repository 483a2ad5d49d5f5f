/**
 * Strings out of UTF-8 bytes, remembered: a 200 MB `pidstat -h` file prints the same few commands (and user
 * names) millions of times, so the byte fast path looks each one up by a hash of its bytes and checks the
 * bytes, instead of decoding a new string per row. Bounded: a fixed table of `limit` slots (direct-mapped: a
 * new text takes over its slot), and texts longer than CACHED_TEXT_MAX bytes are decoded without being kept,
 * so `-l` command lines that differ on every row cost a decode each, never unbounded memory.
 */

export interface ByteTextCache {
  /**
   * `bytes[start..end)` decoded as UTF-8 (invalid sequences become U+FFFD, like the string path's decoding).
   * `hash` is any hash of those bytes the caller computed while scanning them (0 is fine: then only the length
   * and bytes select the entry).
   */
  decode(bytes: Uint8Array, start: number, end: number, hash: number): string;
}

/** Texts longer than this (in bytes) are not cached. */
export const CACHED_TEXT_MAX = 1024;

/**
 * A fresh cache of `limit` slots (rounded up to a power of two).
 *
 * @example
 * const cache = createByteTextCache();
 * const row = new TextEncoder().encode('1 2 gateway\n');
 * cache.decode(row, 4, 11, 0) // 'gateway'
 * cache.decode(row, 4, 11, 0) === cache.decode(row, 4, 11, 0) // true: the same string, not decoded again
 */
export function createByteTextCache(limit = 4096): ByteTextCache {
  let size = 1;
  while (size < limit) size *= 2;
  const mask = size - 1;
  // made on first use: a parser reading text (every small file) never decodes bytes
  let decoder: TextDecoder | null = null;
  let keyBytes: Array<Uint8Array | null> = [];
  let texts: string[] = [];
  return {
    decode(bytes, start, end, hash) {
      if (decoder === null) {
        decoder = new TextDecoder('utf-8');
        keyBytes = new Array<Uint8Array | null>(size).fill(null);
        texts = new Array<string>(size).fill('');
      }
      const len = end - start;
      const slot = (Math.imul(hash ^ len, 0x9e3779b1) >>> 16) & mask;
      const hit = keyBytes[slot];
      if (hit !== null && hit.length === len) {
        let j = 0;
        while (j < len && hit[j] === bytes[start + j]) j++;
        if (j === len) return texts[slot];
      }
      const copy = bytes.slice(start, end);
      const text = decoder.decode(copy);
      if (len <= CACHED_TEXT_MAX) {
        keyBytes[slot] = copy;
        texts[slot] = text;
      }
      return text;
    },
  };
}
