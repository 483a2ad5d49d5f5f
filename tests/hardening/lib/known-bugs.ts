/**
 * Hostile inputs that expose bugs in code owned by others, found by tests/hardening/. Each is excluded
 * from the main hostile-file suite and asserted (failing until fixed) in
 * tests/hardening/hostile-files-known-bugs.test.ts; delete the entry once its owner fixed it.
 */
export const KNOWN_BUGS: Record<string, string> = {
  // Fixed and moved to the main suite: pidstat 100 MB line (b71f4b6), wrk negative/hex values (f47d402),
  // negative pidstat percentages (cd51753), pidstat sample times going backwards (68e4f13). None open.
};

/**
 * Fixed in 06eca5a (ParseError escapes control characters); kept as a regression test.
 * Not tied to one file: parse errors quote the offending line verbatim, control characters included, so
 * a file holding ESC sequences or a bare CR rewrites the user's terminal line when `npm run parse`
 * prints `FILE:LINE: reason` (the CLI's oneLine() only folds \n). Seen in the wrk, bench-*, pidstat,
 * perf-stat and strace parsers' "unrecognised line" messages.
 */
export const CONTROL_CHARS_IN_REASON =
  'ingest/parsers/* "unrecognised line" errors and ingest/cli.ts oneLine(): raw control characters (CR, ESC) from the input reach the terminal';
