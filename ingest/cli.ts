/**
 * `npm run --silent parse -- FILE...`: parse raw benchmark outputs and print their records as JSON.
 *
 * stdout: one JSON object for one file, an array for several (in argument order), only when every file
 * parsed. Exit 0 when every file parsed; exit 2 when any file is not a recognised format, is truncated or
 * records a failed run, with one line per such file on stderr: `FILE:LINE: reason`. Never a stack trace.
 * A large pidstat file is printed in bounded memory: every file is parsed first (its samples not kept), then
 * its samples are read from disk again and written as they are parsed (ingest/load.ts, streamPidstatFile).
 */
import { readRawFile, streamPidstatFile } from './load.ts';
import { escapeControlChars, ParseError } from './parse-error.ts';
import { FORMATS } from './formats.ts';
import type { ParsedRecord } from './records.ts';
import type { PidstatRecord } from './records/pidstat.ts';

const USAGE = `usage: npm run --silent parse -- FILE...

Detects each file's format from its content (${FORMATS.map((f) => f.name).join(', ')}) and prints the
parsed record as JSON on stdout: one object for one file, an array for several.

Exit status: 0 when every file parsed; 2 when a file is not a recognised format, is truncated or
records a failed run (one line per file on stderr: FILE:LINE: reason); 1 on an internal error.`;

/**
 * Run the parse CLI on `argv` (without node and the script); returns the exit code.
 * @example await main(['raw-results/x/proxy/rep-1/throughput.wrk.txt']) // prints the record, returns 0
 */
export async function main(argv: string[], out: Output = process.stdout, err: Pick<Output, 'write'> = process.stderr): Promise<number> {
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
  const records: ParsedRecord[] = [];
  let code = 0;
  for (const file of files) {
    try {
      records.push(await readRawFile(file, { onPidstatSamples: () => {} })); // a streamed file's samples: printed later
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
  if (code === 0) await printRecords(files, records, out);
  return code;
}

type Output = Pick<NodeJS.WritableStream, 'write' | 'once'>;

/** Writes `text`; resolves once `out` can take more (so a slow reader of stdout holds the streaming back). */
function write(out: Output, text: string): Promise<void> {
  return out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
}

/** `value` as JSON.stringify(value, null, 2) prints it `depth` levels deep in an enclosing value. */
function json(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

/**
 * Prints what JSON.stringify(one record, or the array of them, null, 2) prints, the samples of a streamed
 * pidstat file (its record from readRawFile has none) read again from `file` as they are written.
 */
async function printRecords(files: string[], records: ParsedRecord[], out: Output): Promise<void> {
  const depth = records.length > 1 ? 1 : 0;
  if (depth === 1) await write(out, '[\n  ');
  for (let i = 0; i < records.length; i++) {
    if (i > 0) await write(out, ',\n  ');
    const r = records[i];
    if (r.format === 'pidstat' && r.samples.length < r.sample_count) await printStreamedPidstat(files[i], r, depth, out);
    else await write(out, json(r, depth));
  }
  await write(out, depth === 1 ? '\n]\n' : '\n');
}

async function printStreamedPidstat(file: string, parsed: PidstatRecord, depth: number, out: Output): Promise<void> {
  const pad = '  '.repeat(depth + 1);
  await write(out, `{\n${pad}"format": "pidstat",\n${pad}"header": ${json(parsed.header, depth + 1)},\n${pad}"samples": [`);
  let n = 0;
  const again = await streamPidstatFile(file, (samples) => {
    let text = '';
    for (const s of samples) text += `${n++ === 0 ? '' : ','}\n${pad}  ${json(s, depth + 2)}`;
    return write(out, text);
  });
  if (again.sample_count !== parsed.sample_count || json(again.header, 0) !== json(parsed.header, 0)) {
    throw new Error(`${file} changed while it was printed`);
  }
  const rest = `"sample_count": ${again.sample_count},\n${pad}"line_count": ${again.line_count},\n${pad}"average": ${json(again.average, depth + 1)}`;
  await write(out, `\n${pad}],\n${pad}${rest}\n${'  '.repeat(depth)}}`);
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
