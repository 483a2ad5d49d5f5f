/**
 * The shared ending of analysis's command-line entry points: run `main`, turn a UsageError into one line
 * and exit code 2, anything else into exit code 1 (an internal error, printed whole for a bug report).
 */
import { UsageError } from './options.ts';

/**
 * @example
 * runCli('analyze', main) // "analyze: unknown option --frob" and exit code 2 on a user mistake
 */
export function runCli(name: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      if (err instanceof UsageError) {
        console.error(`${name}: ${err.message}`);
        process.exitCode = 2;
        return;
      }
      console.error(err);
      process.exitCode = 1;
    },
  );
}

/**
 * Write to stdout and wait until it is flushed (a pipe reader must get everything before the exit).
 *
 * @example
 * await writeStdout('{"ok":true}\n')
 */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}
