/**
 * The only module of ingest/ that touches the filesystem: read a raw file and parse it with the format its
 * content says (ingest/detect.ts); read a run directory's manifest; list the runs under raw-results/.
 * Every failure is a ParseError (for raw files) or an `error` string (for runs) naming the file: never a
 * stack trace for a user's bad input.
 */
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { detectFormat, SNIFF_BYTES } from './detect.ts';
import { migrateManifest, type Manifest } from './manifest.ts';
import { ParseError } from './parse-error.ts';
import { createPidstatParser } from './parsers/pidstat.ts';
import type { ParsedRecord } from './records.ts';

/** Files at least this big are streamed in chunks when their format can (pidstat). */
export const STREAM_THRESHOLD_BYTES = 16 * 1024 * 1024;

/**
 * Parsers that take a file's raw bytes chunk by chunk (split anywhere), by format name. pidstat's reads data
 * rows straight from the bytes (its fast byte path) and refuses a line over 1 MiB, so memory stays bounded by
 * the record, never by a line.
 */
const CHUNK_PARSERS: Record<string, () => { write(chunk: Uint8Array): void; end(): unknown }> = {
  pidstat: () => createPidstatParser(),
};

/**
 * Read one raw output file, detect its format from its content and parse it.
 * Throws ParseError with `file` set (`err.describe()` gives `path:line: reason`).
 *
 * @example
 * const rec = await readRawFile('raw-results/2024-01-01/proxy/rep-1/throughput.wrk.txt');
 * if (rec.format === 'wrk') console.log(rec.requests_per_s);
 */
export async function readRawFile(path: string): Promise<ParsedRecord> {
  try {
    const size = (await stat(path)).size;
    const head = await readHead(path, SNIFF_BYTES);
    const format = detectFormat(head);
    const chunked = CHUNK_PARSERS[format.name];
    if (chunked !== undefined && size >= STREAM_THRESHOLD_BYTES) {
      const parser = chunked();
      let first = true;
      // a ParseError thrown inside the loop ends it, which destroys the stream (no descriptor left open)
      for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
        parser.write(first ? stripBomBytes(chunk) : chunk);
        first = false;
      }
      return parser.end() as ParsedRecord;
    }
    const text = await readFile(path, 'utf8');
    return format.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as ParsedRecord;
  } catch (err) {
    throw asParseError(err, path);
  }
}

/** A run directory as listed for the analysis: the manifest, or why it could not be read. */
export interface LoadedRun {
  /** the directory name, e.g. "2024-05-01T10-00-00Z-proxy-vs-fdpass" */
  id: string;
  dir: string;
  manifest: Manifest | null;
  /** `raw-results/x/manifest.json: manifest invalid at ...` when the manifest could not be used */
  error: string | null;
}

/**
 * Read `<dir>/manifest.json` through `migrateManifest`. Never throws: a missing or invalid manifest comes
 * back as `error`.
 *
 * @example
 * const run = await loadRun('raw-results/2024-05-01-ab');
 * if (run.error) console.error(run.error); else console.log(run.manifest.status);
 */
export async function loadRun(dir: string): Promise<LoadedRun> {
  const id = basename(dir.replace(/\/+$/, ''));
  const file = join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { id, dir, manifest: null, error: `${file}: cannot read (${errorCode(err)})` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { id, dir, manifest: null, error: `${file}: not valid JSON (${(err as Error).message})` };
  }
  try {
    return { id, dir, manifest: migrateManifest(raw), error: null };
  } catch (err) {
    return { id, dir, manifest: null, error: `${file}: ${(err as Error).message}` };
  }
}

/**
 * Every run directory (a subdirectory holding a manifest.json) under `root`, sorted by id. A missing
 * root gives an empty list.
 *
 * @example
 * for (const run of await listRuns()) console.log(run.id, run.manifest?.status ?? run.error);
 */
export async function listRuns(root = 'raw-results'): Promise<LoadedRun[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return [];
    throw err;
  }
  const dirs: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const dir = join(root, e.name);
    try {
      await stat(join(dir, 'manifest.json'));
      dirs.push(dir);
    } catch {
      // not a run directory (e.g. a scratch folder): skipped
    }
  }
  dirs.sort();
  return Promise.all(dirs.map(loadRun));
}

async function readHead(path: string, bytes: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/** `chunk` without a leading UTF-8 byte order mark (EF BB BF). */
function stripBomBytes(chunk: Buffer): Buffer {
  return chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}

function asParseError(err: unknown, path: string): ParseError {
  if (err instanceof ParseError) {
    err.file = path;
    return err;
  }
  const code = errorCode(err);
  if (code === 'ENOENT') return new ParseError('no such file', undefined, path);
  if (code === 'EISDIR') return new ParseError('is a directory, not a file', undefined, path);
  if (code === 'EACCES') return new ParseError('permission denied', undefined, path);
  if (code) return new ParseError(`cannot read (${code})`, undefined, path);
  throw err; // not the input's fault: a bug, let it surface
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}
