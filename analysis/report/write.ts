/**
 * The one writer: puts the rendered reports on disk. Each file is written to a temporary name and renamed,
 * so a reader (the site build) never sees a half-written report. A report given as pieces (a long history's
 * analysis.json and metrics.csv) is encoded piece by piece into one reused buffer: making one 100 MB string
 * of it and encoding that whole cost most of a second more (fresh memory is costly to touch on these VMs).
 */
import { mkdir, open, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export interface OutputFile {
  /** path relative to the output directory */
  name: string;
  /** the text, or the text as consecutive pieces */
  content: string | readonly string[];
}

/** Size of the buffer pieces are encoded into before each write. */
const BUFFER_BYTES = 1 << 20;

/**
 * The text of a file, whether given whole or in pieces.
 *
 * @example
 * outputText({ name: 'a.csv', content: ['x\n', '1\n'] }) // 'x\n1\n'
 */
export function outputText(file: OutputFile): string {
  return typeof file.content === 'string' ? file.content : file.content.join('');
}

/**
 * Write every file under `dir` (created if missing); returns the paths written.
 *
 * @example
 * await writeOutputs('reports', [{ name: 'analysis.json', content: renderJsonChunks(a, rendered) }]) // ['reports/analysis.json']
 */
export async function writeOutputs(dir: string, files: OutputFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  // all at once: a long history's analysis.json and metrics.csv are large, and the kernel copies one on
  // the thread pool while the next pieces of the other are encoded
  return Promise.all(
    files.map(async (f) => {
      const path = join(dir, f.name);
      const tmp = `${path}.tmp-${process.pid}`;
      if (typeof f.content === 'string') await writeFile(tmp, f.content);
      else await writePieces(tmp, f.content);
      await rename(tmp, path);
      return path;
    }),
  );
}

/** Writes `pieces` in order to a new file at `path`, through one reused buffer. */
async function writePieces(path: string, pieces: readonly string[]): Promise<void> {
  const file = await open(path, 'w');
  try {
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    let used = 0;
    for (const piece of pieces) {
      // a UTF-16 code unit takes at most 3 bytes in UTF-8
      if (piece.length * 3 > BUFFER_BYTES - used) {
        if (used > 0) await writeAll(file, buffer, used);
        used = 0;
        if (piece.length * 3 > BUFFER_BYTES) {
          const bytes = Buffer.from(piece, 'utf8');
          await writeAll(file, bytes, bytes.length);
          continue;
        }
      }
      used += buffer.write(piece, used, 'utf8');
    }
    if (used > 0) await writeAll(file, buffer, used);
  } finally {
    await file.close();
  }
}

/** The first `length` bytes of `bytes`, however many write calls that takes. */
async function writeAll(file: FileHandle, bytes: Buffer, length: number): Promise<void> {
  for (let done = 0; done < length; ) done += (await file.write(bytes, done, length - done)).bytesWritten;
}
