/**
 * Splits one pidstat line into whitespace-separated tokens, remembering where each token starts so that the
 * free-text Command column (which may contain spaces: thread names like `JS Helper`, -l command lines) can be
 * taken verbatim from the line. Only ASCII space and tab separate tokens: pidstat pads with them, while the
 * narrow no-break space of `Moyenne :` is part of the label. A hand-written scanner, not a regex split: this
 * runs once per line of 200 MB files.
 */

/** Reusable token buffers: `tokens[i]` starts at `starts[i]` in the line; `count` tokens are valid. */
export interface Tokens {
  tokens: string[];
  starts: number[];
  count: number;
}

/** Fresh, empty buffers for {@link tokenizeLine}. */
export function createTokens(): Tokens {
  return { tokens: [], starts: [], count: 0 };
}

/**
 * Fills `into` with the tokens of `line` and returns it (buffers are reused between calls: copy what you keep).
 *
 * @example
 * const t = tokenizeLine('12:53:20   1000  |__JS Helper', createTokens());
 * t.count // 4
 * t.tokens.slice(0, t.count) // ['12:53:20', '1000', '|__JS', 'Helper']
 * t.starts[2] // 17
 */
export function tokenizeLine(line: string, into: Tokens): Tokens {
  const { tokens, starts } = into;
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
    tokens[count] = line.slice(start, i);
    starts[count] = start;
    count++;
  }
  into.count = count;
  return into;
}
