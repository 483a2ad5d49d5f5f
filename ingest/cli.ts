/**
 * `npm run --silent parse -- FILE...`: parse raw benchmark outputs and print their records as JSON.
 *
 * stdout: one JSON object for one file, an array for several (in argument order), only when every file
 * parsed. Exit 0 when every file parsed; exit 2 when any file is not a recognised format, is truncated or
 * records a failed run, with one line per such file on stderr: `FILE:LINE: reason`. Never a stack trace.
 */
import { readRawFile } from './load.ts';
import { escapeControlChars, ParseError } from './parse-error.ts';
import { FORMATS } from './formats.ts';

const USAGE = `usage: npm run --silent parse -- FILE...

Detects each file's format from its content (${FORMATS.map((f) => f.name).join(', ')}) and prints the
parsed record as JSON on stdout: one object for one file, an array for several.

Exit status: 0 when every file parsed; 2 when a file is not a recognised format, is truncated or
records a failed run (one line per file on stderr: FILE:LINE: reason); 1 on an internal error.`;

/**
 * Run the parse CLI on `argv` (without node and the script); returns the exit code.
 * @example await main(['raw-results/x/proxy/rep-1/throughput.wrk.txt']) // prints the record, returns 0
 */
export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const files = argv.filter((a) => a !== '--');
  const unknown = files.find((a) => a.startsWith('-'));
  if (unknown) {
    err.write(`parse: unknown option ${unknown} (try --help)\n`);
    return 2;
  }
  if (files.length === 0) {
    err.write('parse: no FILE given (try --help)\n');
    return 2;
  }
  const records: unknown[] = [];
  let code = 0;
  for (const file of files) {
    try {
      records.push(await readRawFile(file));
    } catch (e) {
      if (e instanceof ParseError) {
        e.file ??= file;
        err.write(`${oneLine(e.describe())}\n`);
        code = Math.max(code, 2);
      } else {
        err.write(`${file}: internal error: ${oneLine((e as Error)?.message ?? String(e))}\n`);
        code = 1;
      }
    }
  }
  if (code === 0) out.write(`${JSON.stringify(files.length === 1 ? records[0] : records, null, 2)}\n`);
  return code;
}

/** One terminal line: newlines folded, other control characters (file names, internal errors) escaped. */
function oneLine(s: string): string {
  return escapeControlChars(s.replace(/\s*\r?\n\s*/g, ' '));
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`parse: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
