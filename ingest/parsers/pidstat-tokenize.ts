/**
 * Splits one pidstat line into whitespace-separated tokens by position: `starts[i]`..`ends[i]` in the line.
 * No substrings are made unless asked for ({@link tokenText}), so numeric fields can be read straight from the
 * line's character codes; the free-text Command column (thread names like `JS Helper`, -l command lines) is
 * taken verbatim from its start to the end of the line. Only ASCII space and tab separate tokens: pidstat pads
 * with them, while the narrow no-break space of `Moyenne :` is part of the label. A hand-written scanner, not a
 * regex split: this runs once per line of 200 MB files.
 */

/** Reusable position buffers: token i of `line` is `line.slice(starts[i], ends[i])`; `count` are valid. */
export interface Tokens {
  line: string;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

/** Fresh, empty buffers for {@link tokenizeLine}. */
export function createTokens(): Tokens {
  return { line: '', starts: new Int32Array(64), ends: new Int32Array(64), count: 0 };
}

/** Buffers given back, lent again by borrowTokens (each parse needs one pair; making it cost more than small files). */
const SPARE: Tokens[] = [];

/**
 * Buffers for {@link tokenizeLine}: spare ones given back by returnTokens, else fresh ones. The borrower owns them
 * until it gives them back (once), and must not use them after.
 *
 * @example
 * const t = borrowTokens();
 * try { tokenizeLine('a b', t).count; } finally { returnTokens(t); } // 2
 */
export function borrowTokens(): Tokens {
  return SPARE.pop() ?? createTokens();
}

/**
 * Gives `t` (from borrowTokens) back for a later borrower. At most 16 are kept.
 *
 * @example
 * returnTokens(t); // t must not be used any more
 */
export function returnTokens(t: Tokens): void {
  t.line = '';
  t.count = 0;
  if (SPARE.length < 16) SPARE.push(t);
}

/**
 * Fills `into` with the token positions of `line` and returns it (buffers are reused between calls).
 *
 * @example
 * const t = tokenizeLine('12:53:20   1000  |__JS Helper', createTokens());
 * t.count // 4
 * tokenText(t, 2) // '|__JS'
 * t.starts[2] // 17
 */
export function tokenizeLine(line: string, into: Tokens): Tokens {
  let { starts, ends } = into;
  const n = line.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    let c = line.charCodeAt(i);
    while (c === 32 || c === 9) {
      i++;
      if (i === n) break;
      c = line.charCodeAt(i);
    }
    if (i === n) break;
    const start = i;
    i++;
    while (i < n) {
      c = line.charCodeAt(i);
      if (c === 32 || c === 9) break;
      i++;
    }
    if (count === starts.length) {
      const grownStarts = new Int32Array(count * 2);
      const grownEnds = new Int32Array(count * 2);
      grownStarts.set(starts);
      grownEnds.set(ends);
      into.starts = starts = grownStarts;
      into.ends = ends = grownEnds;
    }
    starts[count] = start;
    ends[count] = i;
    count++;
  }
  into.line = line;
  into.count = count;
  return into;
}

/**
 * The text of token `i`.
 *
 * @example
 * tokenText(tokenizeLine('a  bc', createTokens()), 1) // 'bc'
 */
export function tokenText(t: Tokens, i: number): string {
  return t.line.slice(t.starts[i], t.ends[i]);
}

/**
 * The texts of tokens `from` (inclusive) to `to` (exclusive).
 *
 * @example
 * tokenTexts(tokenizeLine('# Time  UID', createTokens()), 0, 3) // ['#', 'Time', 'UID']
 */
export function tokenTexts(t: Tokens, from = 0, to = t.count): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) out.push(t.line.slice(t.starts[i], t.ends[i]));
  return out;
}

/**
 * True when token `i` is exactly `word` (compared in place, no substring).
 *
 * @example
 * tokenIs(tokenizeLine('12:00:00 UID PID Command', createTokens()), 3, 'Command') // true
 */
export function tokenIs(t: Tokens, i: number, word: string): boolean {
  return t.ends[i] - t.starts[i] === word.length && t.line.startsWith(word, t.starts[i]);
}
