/**
 * `s` with every control character except tab and newline (C0, DEL, C1: CR, ESC, CSI, NUL...) written as
 * `\xNN`, so text quoted from a hostile input cannot move the cursor or recolour a terminal.
 *
 * @example
 * escapeControlChars('a\rb\x1b[2J') // 'a\\x0db\\x1b[2J'
 */
export function escapeControlChars(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * `text` trimmed and cut to 60 characters, for quoting a line or a value of the input in an error reason.
 *
 * @example
 * clip('  Linux 6.1 (h)  ') // 'Linux 6.1 (h)'
 */
export function clip(text: string): string {
  const s = text.trim();
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * The one error type every parser throws: it names the line and the reason, and the loader adds the
 * file, so a user sees `raw-results/x/wrk.txt:12: expected "Requests/sec:"` and never a stack trace.
 *
 * @example
 * throw new ParseError('wrk output has no "Requests/sec:" line', 14);
 */
export class ParseError extends Error {
  /** 1-based line number in the input, or undefined when the problem is the whole input. */
  readonly line: number | undefined;
  readonly reason: string;
  /** Set by the loader, never by a parser (parsers do not know where their text came from). */
  file: string | undefined;

  /** `reason` is stored with its control characters escaped (escapeControlChars): parsers quote raw lines. */
  constructor(rawReason: string, line?: number, file?: string) {
    const reason = escapeControlChars(rawReason);
    super(reason);
    this.name = 'ParseError';
    this.reason = reason;
    this.line = line;
    this.file = file;
  }

  /** `file:line: reason`, the form compilers use, so editors can jump to it. */
  describe(): string {
    const where = [this.file, this.line].filter((v) => v !== undefined).join(':');
    return where ? `${where}: ${this.reason}` : this.reason;
  }
}
