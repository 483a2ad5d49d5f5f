/**
 * The registry of raw formats gatebench reads. Detection is by content, never by file name: each
 * format's `sniff` looks at the first lines of the text; the first format whose sniff says yes parses it.
 * Parser authors register their format in the `FORMATS` array below (order matters: most specific first).
 */
export interface Format<R = unknown> {
  /** the record's `format` field, e.g. "wrk", "pidstat", "perf-stat", "strace-c" */
  name: string;
  /** true when `head` (the first ~64 KiB of the file) looks like this format */
  sniff(head: string): boolean;
  /** text in, validated record out; throws ParseError(reason, line) */
  parse(text: string): R;
}

export const FORMATS: Format[] = [];
