/**
 * Quote an argv for display as one shell command line, so a reader can copy and re-run it.
 *
 * @example
 * shellQuote(['wrk', '-t2', '--latency', 'http://127.0.0.1:8080/fn/hello']) // 'wrk -t2 --latency http://127.0.0.1:8080/fn/hello'
 * shellQuote(['sh', '-c', 'echo a b']) // "sh -c 'echo a b'"
 */
export function shellQuote(argv: string[]): string {
  return argv.map((a) => (a !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
