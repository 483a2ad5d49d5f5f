/**
 * Which registered format reads a text: by content, never by file name. Pure.
 */
import { firstNonBlankLine } from './first-line.ts';
import { FORMATS, type Format } from './formats.ts';
import { ParseError } from './parse-error.ts';

/** How much of a file the sniffers see. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The format whose sniffer accepts `head` (the first SNIFF_BYTES of a file), or a ParseError naming the
 * first line when none does.
 *
 * @example
 * detectFormat('Running 30s test @ http://127.0.0.1:8080/\n...').name // 'wrk'
 * detectFormat('hello\n') // throws ParseError('not a recognised format (first line: "hello")', 1)
 */
export function detectFormat(head: string, formats: readonly Format[] = FORMATS): Format {
  const text = head.startsWith('\uFEFF') ? head.slice(1) : head;
  const first = firstNonBlankLine(text);
  if (first === null) throw new ParseError('empty file: nothing to parse', 1);
  if (text.includes('\0')) throw new ParseError('not a recognised format (binary data, not tool text output)', 1);
  const firstIdx = first.index;
  const firstLine = first.line.trim();
  if (firstLine.startsWith('### ') && (text.match(/^### /gm) ?? []).length > 1) {
    throw new ParseError(
      'a collection of excerpts ("### source" headed blocks), not one tool output: split it into one file per block',
      firstIdx + 1,
    );
  }
  for (const format of formats) if (format.sniff(text)) return format;
  const shown = firstLine.length > 80 ? `${firstLine.slice(0, 77)}...` : firstLine;
  throw new ParseError(`not a recognised format (first line: "${shown}")`, firstIdx + 1);
}
