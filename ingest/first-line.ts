/**
 * The first line of a text that is not blank, found without splitting the whole text: format sniffers look
 * at it for every file of a long history, and a 64 KiB head split into lines for each sniffer added up.
 */

export interface FirstLine {
  /** the line, without its terminator (`\n` or `\r\n`), not trimmed */
  line: string;
  /** its 0-based line number */
  index: number;
}

/**
 * The first non-blank line of `text`, or null when every line is blank.
 *
 * @example
 * firstNonBlankLine('\n  \r\nbench-cpu 1\r\nduration_s: 2\n') // { line: 'bench-cpu 1', index: 2 }
 * firstNonBlankLine(' \n\t\n') // null
 */
export function firstNonBlankLine(text: string): FirstLine | null {
  let start = 0;
  for (let index = 0; start <= text.length; index++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    for (let i = start; i < lineEnd; i++) {
      if (!isBlank(text.charCodeAt(i))) return { line: text.slice(start, lineEnd), index };
    }
    start = end + 1;
  }
  return null;
}

/** What String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). */
function isBlank(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
