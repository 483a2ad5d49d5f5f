/**
 * The one writer: puts the rendered reports on disk. Each file is written to a temporary name and renamed,
 * so a reader (the site build) never sees a half-written report.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface OutputFile {
  /** path relative to the output directory */
  name: string;
  content: string;
}

/**
 * Write every file under `dir` (created if missing); returns the paths written.
 *
 * @example
 * await writeOutputs('reports', [{ name: 'analysis.json', content: renderJson(a) }]) // ['reports/analysis.json']
 */
export async function writeOutputs(dir: string, files: OutputFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  // all at once: a long history's analysis.json and metrics.csv are large, and the kernel copies them on
  // the thread pool while the other is written
  return Promise.all(
    files.map(async (f) => {
      const path = join(dir, f.name);
      const tmp = `${path}.tmp-${process.pid}`;
      await writeFile(tmp, f.content);
      await rename(tmp, path);
      return path;
    }),
  );
}
