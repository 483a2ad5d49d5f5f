/**
 * With run-dirs.ts (which folders are runs), the only module of ingest/ that touches the filesystem: read a raw
 * file and parse it with the format its content says (ingest/detect.ts); read a run directory's manifest; list
 * the runs under raw-results/ with their manifests.
 * Every failure is a ParseError (for raw files) or an `error` string (for runs) naming the file: never a
 * stack trace for a user's bad input.
 */
import { closeSync, createReadStream, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { detectFormat, SNIFF_BYTES } from './detect.ts';
import { migrateManifest, type Manifest } from './manifest.ts';
import { publishedManifest } from './published-manifest.ts';
import { ParseError } from './parse-error.ts';
import { runDirs } from './run-dirs.ts';
import { PidstatParser, pidstatRecord, type PidstatSummary } from './parsers/pidstat.ts';
import type { ParsedRecord } from './records.ts';
import type { PidstatSample } from './records/pidstat.ts';

/** Files at least this big are streamed from disk in chunks when their format can be (pidstat). */
export const STREAM_THRESHOLD_BYTES = 16 * 1024 * 1024;

export interface ReadRawFileOptions {
  /**
   * For a pidstat file streamed from disk (a regular file of STREAM_THRESHOLD_BYTES or more): its samples go
   * here as they are read, not into the record, whose `samples` is then empty (`sample_count` says how many).
   * Without it, they are collected into the record.
   */
  onPidstatSamples?: (samples: PidstatSample[]) => void | Promise<void>;
}

/**
 * Read one raw output file, detect its format from its content and parse it.
 * Throws ParseError with `file` set (`err.describe()` gives `path:line: reason`).
 *
 * @example
 * const rec = await readRawFile('raw-results/2024-01-01/proxy/rep-1/throughput.wrk.txt');
 * if (rec.format === 'wrk') console.log(rec.requests_per_s);
 */
export async function readRawFile(path: string, options: ReadRawFileOptions = {}): Promise<ParsedRecord> {
  let fd: number | null = null;
  try {
    // small files (nearly all raw files) are read whole with one synchronous read: a long history holds tens
    // of thousands of them, and a thread-pool round trip per open/stat/read/close cost more than the parsing
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    // a pipe or other special file (`npm run parse -- <(cmd)`) has no size: read to its end
    const whole = st.isFile() ? null : readFileSync(fd);
    const size = whole === null ? st.size : whole.length;
    const head = whole ?? readBytes(fd, size < STREAM_THRESHOLD_BYTES ? size : SNIFF_BYTES);
    closeSync(fd);
    fd = null;
    // the head decoded once when the sniffers see all of it: a small file (nearly all) is then decoded once
    const headText = head.length <= SNIFF_BYTES ? head.toString('utf8') : null;
    const format = detectFormat(headText ?? head.subarray(0, SNIFF_BYTES).toString('utf8'));
    if (format.name === 'pidstat' && size >= STREAM_THRESHOLD_BYTES && whole === null) {
      const samples: PidstatSample[] = []; // stays empty when the caller takes them
      const collect = (batch: PidstatSample[]) => {
        for (const s of batch) samples.push(s);
      };
      return pidstatRecord(await streamPidstatFile(path, options.onPidstatSamples ?? collect), samples);
    }
    const text = size < STREAM_THRESHOLD_BYTES || whole !== null ? (headText ?? head.toString('utf8')) : await readFile(path, 'utf8');
    return format.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as ParsedRecord;
  } catch (err) {
    throw asParseError(err, path);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Reads a pidstat file from disk in bounded memory: its text in 1 MiB chunks, each handed to the parser, and
 * the samples each chunk completed to `onSamples` (awaited, so a slow writer holds the reading back) instead of
 * being kept. Memory holds one chunk, one sample time's rows and one average per task, whatever the file's
 * size (`-o JSON`, one document, is held whole). Returns the rest of the record; throws ParseError naming the
 * file. The samples are built in the record's shape; pidstatRecord(summary, samples) validates a whole record.
 *
 * @example
 * let cpu = 0;
 * const summary = await streamPidstatFile('big.pidstat.txt', (samples) => {
 *   for (const s of samples) cpu += s.cpu_pct ?? 0;
 * });
 * cpu / summary.sample_count // the mean %CPU
 */
export async function streamPidstatFile(path: string, onSamples: (samples: PidstatSample[]) => void | Promise<void>): Promise<PidstatSummary> {
  const parser = new PidstatParser();
  try {
    // a ParseError thrown inside the loop ends it, which destroys the stream (no descriptor left open)
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 }) as AsyncIterable<string>) {
      const samples = parser.write(chunk);
      if (samples.length > 0) await onSamples(samples);
    }
    const { samples, summary } = parser.end();
    if (samples.length > 0) await onSamples(samples);
    return summary;
  } catch (err) {
    throw asParseError(err, path);
  }
}

/** Up to `max` bytes from the start of the open file `fd` (fewer when the file ends first). */
function readBytes(fd: number, max: number): Buffer {
  const buf = Buffer.allocUnsafe(max);
  let got = 0;
  while (got < max) {
    const n = readSync(fd, buf, got, max - got, got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
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
    text = readFileSync(file, 'utf8'); // synchronous: small, and one per run of a long history
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
    // as published: paths anchored, never a home directory; the machine under its chosen name
    return { id, dir, manifest: publishedManifest(migrateManifest(raw)), error: null };
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
  return Promise.all((await runDirs(root)).map(loadRun));
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
