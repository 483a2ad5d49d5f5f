/**
 * The pidstat parser (sysstat 9.x to 12.x): text (or `-o JSON`) in, a validated PidstatRecord out. Pure.
 *
 * What it reads:
 * - the block layout (one block per activity per sample: -u, -r, -d, -w, -s, -v, -R, -T CHILD) and the
 *   one-line `-h` layout (header reprinted before every sample); columns are found by name in each header
 *   line, never by position; rows of one sample printed in separate blocks are merged into one sample per
 *   (time, pid, tid);
 * - times as `%X` in any locale (`18:51:00`, `06:51:03 PM`, `18时53分35秒`, `18시 51분 05초`) or -H epochs;
 *   midnight rollover (a time more than 12 h earlier than the previous sample's starts a new day);
 * - numbers with a decimal comma, digit grouping, --human suffixes; `-`/`-1.00` become null;
 * - -t thread rows (`-` TGID, `|__name`, `(leader)__name`, names with spaces) and -l command lines;
 * - translated Average labels (`Moyenne :` with U+202F, `Durchschn.:`, `Среднее:`, `平均时间:`, ...), with or
 *   without their own header line.
 *
 * Failure policy (fail loudly, never an empty result): ParseError with the 1-based line for a row with fewer
 * fields than its header (a truncated last line included: a final line without newline is accepted only if
 * it is complete), a non-numeric value in a numeric column, a row before any header, an unrecognised line,
 * a second banner (concatenated runs); ParseError without line when no pidstat header exists ("not pidstat")
 * or when there is no sample row ("pidstat output has no samples": pidstat ran for zero intervals).
 * Unknown columns do not fail: their values are kept in `extra` and their names in `header.unknown_columns`.
 *
 * Two modes, same parser (see createPidstatParser): collecting (default; every sample in `samples`) and
 * streaming (`onSample` callback; samples are handed over as each sample time completes and not kept, so a
 * 200 MB `-h` file parses in bounded memory; `samples` is then empty and `sample_count` says how many).
 * Input either as lines (`push`, parsePidstatLines) or as chunks split anywhere (`write`): text (data rows are
 * read in place by a per-header compiled reader, see pidstat-row-reader.ts) or, fastest, the file's UTF-8 bytes
 * (data rows scanned from the bytes without decoding, see pidstat-byte-row-reader.ts; with `reuseSamples` the
 * sample objects are recycled too). Every fast path hands anything unusual to the general tokenizing path,
 * which gives the same record (tests compare them on every fixture). Bounded memory needs `onSample`:
 * collecting a 200 MB file keeps a million sample objects. `-o JSON` is one document and is
 * buffered whole (JSON output has no streaming form).
 */
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { PidstatRecord, type PidstatAverage, type PidstatHeader, type PidstatSample } from '../records/pidstat.ts';
import { averageLabelLength } from './pidstat-average-label.ts';
import { bannerDateIso, readBanner } from './pidstat-banner.ts';
import type { ColumnSpec } from './pidstat-columns.ts';
import { readPidstatJson } from './pidstat-json.ts';
import { parsePidstatNumber } from './pidstat-number.ts';
import type { RowFiller } from './pidstat-row-filler.ts';
import type { ByteRowReader, ByteRowSink } from './pidstat-byte-row-reader.ts';
import { createByteTextCache, type ByteTextCache } from './pidstat-byte-text.ts';
import { headerShape, type HeaderShape } from './pidstat-header-shape.ts';
import { DASH, type RowReader, type RowSink } from './pidstat-row-reader.ts';
import { TaskIndex } from './pidstat-task-index.ts';
import { formatTimeOfDay, isMeridiem, parsePidstatTime, timePrefixLength, type PidstatTime } from './pidstat-time.ts';
import { borrowTokens, returnTokens, tokenIs, tokenizeLine, tokenText, tokenTexts, type Tokens } from './pidstat-tokenize.ts';

export interface PidstatParserOptions {
  /**
   * Streaming mode: called with each sample once its sampling time is complete (all its blocks merged).
   * Samples are then not kept (`samples: []`); averages and the header are still returned by `end()`.
   * Samples are not schema-validated one by one in this mode (the parser builds them in the schema's shape).
   */
  onSample?: (sample: PidstatSample) => void;
  /**
   * Offset of the monitored machine's local time from UTC, in minutes (e.g. 60 for CET), used to compute
   * `epoch_s` from the banner date and wall-clock times. Default 0: the printed times are taken as UTC.
   * Ignored for -H output, whose epochs are exact.
   */
  utcOffsetMinutes?: number;
  /**
   * Read every line on the general (tokenizing) path, never the fast row readers. Same record; for tests and
   * `npm run bench:ingest`, which check that both paths agree.
   */
  generalPathOnly?: boolean;
  /**
   * With `onSample`: the sample objects handed to onSample are recycled for later samples (a -h row read on
   * the byte fast path fills a record of an earlier row of the same header instead of a new object), so a
   * sample is valid only during its onSample call: copy what you keep. Saves the allocation (and garbage
   * collection) of an object per sample when aggregating a large file.
   */
  reuseSamples?: boolean;
}

/**
 * An incremental parser. Feed it either whole lines (`push`, without terminators) or arbitrary chunks
 * (`write`, split anywhere), not both, then call `end()` once. Chunks are text, or UTF-8 bytes (a Buffer or
 * Uint8Array straight from the file: the fastest input, data rows are read from the bytes without decoding);
 * do not switch between text and bytes in the middle of a line.
 */
export interface PidstatParser {
  push(line: string): void;
  write(chunk: string | Uint8Array): void;
  end(): PidstatRecord;
}

type Mutable = Record<string, unknown>;

/** An average row's record. */
interface Entry {
  rec: Mutable;
}

interface CompiledHeader {
  columns: readonly ColumnSpec[];
  prefixKind: 'time' | 'hash' | 'average';
  prefixLength: number;
  pidIndex: number;
  tidIndex: number;
  bit: number;
  fill: RowFiller;
  read: RowReader;
  readBytes: ByteRowReader;
  /** reuseSamples: records the byte reader of this header made, free again (this parse's, shared by copies) */
  pool: Mutable[];
  /**
   * The first column is a word (USER): under a `# Time` header the byte path must then check that the token
   * after the time is a plain number, as the general path does, or a 12-hour time's `PM` could be read as the
   * user. A first column that is a number or an id refuses such tokens by itself.
   */
  wordFirst: boolean;
}

/**
 * The longest line read, in bytes (characters for text input). pidstat's longest rows (-l command lines, which
 * sysstat cuts at a few hundred bytes, with every activity's columns) stay far below; a longer "line" is binary
 * data or a file without newlines, refused before it is buffered or scanned.
 */
export const PIDSTAT_MAX_LINE = 1024 * 1024;

/** `YYYY-MM-DD` of a UTC midnight in ms, for every parse: a history's files share a few dates. */
const DATES = new Map<number, string>();

/** The record schema of streaming mode (samples not kept, so not validated there). */
const PidstatRecordWithoutSamples = PidstatRecord.omit({ samples: true });

const HALF_DAY_S = 43200;
const DAY_S = 86400;

/**
 * The state of one parse and the code that reads it: a class, so that a parse makes one object and no closures
 * (a long history parses tens of thousands of small files, and closures made per parse cost more than reading
 * their few rows).
 */
class PidstatParserImpl implements PidstatParser {
  private readonly onSample: ((sample: PidstatSample) => void) | undefined;
  private readonly fast: boolean;
  private readonly reuse: boolean;
  private readonly utcOffsetMin: number;
  /** borrowed on the first line tokenized, given back by end() */
  private toks: Tokens | null = null;

  private lineNo = 0;
  private mode: 'text' | 'json' | null = null;
  private jsonParts: string[] = [];
  private sawBanner = false;
  private sawHeader = false;
  private ended = false;

  private header: PidstatHeader = {
    os: null,
    kernel: null,
    hostname: null,
    date_printed: null,
    date: null,
    arch: null,
    cpu_count: null,
    layout: 'block',
    clock: 'wall',
    utc_offset_min: 0, // set by the constructor
    threads: false,
    decimal_separator: null,
    average_label: null,
    unknown_columns: [],
  };

  private cur: CompiledHeader | null = null;
  private signatureBits = new Map<string, number>();
  private headerCache = new Map<string, CompiledHeader>();
  private lastTgid: number | null = null;

  // The sample time being collected: its records in arrival order, with (same index) the bit set of the header
  // signatures (activities) merged into each and, with reuseSamples, the pool each goes back to once handed to
  // onSample (null: not reusable, e.g. merged); groupIndex finds a task's index by its key (pid, or -1 - tid).
  private groupRecs: Mutable[] = [];
  private groupMasks: number[] = [];
  private groupPools: Array<Mutable[] | null> = [];
  private groupSize = 0;
  private groupIndex = new TaskIndex(4);
  private groupKey: string | null = null;
  private groupTime: PidstatTime | null = null;
  private averages = new Map<number, Entry>();

  private samples: PidstatSample[] = [];
  private sampleCount = 0;

  // time bookkeeping (done when a sample time is flushed, in order)
  private twelveHour = false;
  private startSod: number | null = null; // time of the first block header: pidstat's start
  private lastSod: number | null = null;
  private dayOffset = 0;
  private firstAbs: number | null = null;
  private firstEpoch: number | null = null;
  private baseDateMs: number | null | undefined = undefined; // undefined: not resolved yet

  /** The printed time and value of the last sample time started: the next one must not be earlier. */
  private prevKey: string | null = null;
  private prevTime: PidstatTime | null = null;

  constructor(options: PidstatParserOptions) {
    this.onSample = options.onSample;
    this.fast = options.generalPathOnly !== true;
    this.reuse = options.reuseSamples === true && this.onSample !== undefined;
    this.utcOffsetMin = options.utcOffsetMinutes ?? 0;
    this.header.utc_offset_min = this.utcOffsetMin;
  }

  /**
   * Fails when the sample time `time` (printed `key`), which starts a new sample, is earlier than the one before
   * it. A wall-clock time more than 12 h earlier is the next day (midnight rollover, see sampleTimeFields).
   */
  private checkForward(key: string, time: PidstatTime, line: number | null = this.lineNo): void {
    const prev = this.prevTime;
    const before = this.prevKey;
    this.prevKey = key;
    this.prevTime = time;
    if (prev === null) return;
    const back = time.epoch !== null && prev.epoch !== null ? prev.epoch - time.epoch : prev.secondsOfDay - time.secondsOfDay;
    if (back > 0 && (time.epoch !== null || back <= HALF_DAY_S)) {
      this.fail(`sample time ${clip(key)} goes backwards after ${clip(before!)}`, line);
    }
  }

  /** `line` null: the problem is the whole input (or a JSON document, which has no useful line). */
  private fail(reason: string, line: number | null = this.lineNo): never {
    throw new ParseError(reason, line ?? undefined);
  }

  /** A line of `length` (so far, when `complete` is false) beyond PIDSTAT_MAX_LINE: the error at that line. */
  private tooLong(length: number, complete: boolean): never {
    const size = complete ? `is ${length} bytes long` : `runs past ${length} bytes without a newline`;
    this.fail(`line ${size}, longer than any pidstat row (limit 1 MiB): binary data or a file without newlines?`, this.lineNo + 1);
  }

  push(line: string): void {
    if (this.ended) throw new Error('createPidstatParser: push() after end()');
    this.pushRange(line, 0, line.length);
  }

  /** Text not yet ending with a newline, carried to the next write(). */
  private rest = '';

  write(chunk: string | Uint8Array): void {
    if (this.ended) throw new Error('createPidstatParser: write() after end()');
    if (typeof chunk !== 'string') {
      if (this.rest.length > 0) throw new Error('createPidstatParser: write() of bytes in the middle of a line written as text');
      this.writeBytes(chunk);
      return;
    }
    if (this.carryLength > 0) throw new Error('createPidstatParser: write() of text in the middle of a line written as bytes');
    let start = 0;
    if (this.rest.length > 0) {
      // finish the carried partial line on its own, so that `chunk` itself (a flat string) is scanned in place
      const nl = chunk.indexOf('\n');
      if (nl === -1) {
        this.rest += chunk;
        if (this.rest.length > PIDSTAT_MAX_LINE) this.tooLong(this.rest.length, false);
        return;
      }
      const line = this.rest + chunk.slice(0, nl);
      this.rest = '';
      this.pushRange(line, 0, line.length);
      start = nl + 1;
    }
    for (let nl = chunk.indexOf('\n', start); nl !== -1; nl = chunk.indexOf('\n', start)) {
      this.pushRange(chunk, start, nl);
      start = nl + 1;
    }
    if (chunk.length - start > PIDSTAT_MAX_LINE) this.tooLong(chunk.length - start, false);
    this.rest = chunk.slice(start);
  }

  /** The line text.slice(start, end) (no terminator). Data rows are read in place, without slicing. */
  private pushRange(text: string, start: number, end: number): void {
    if (end - start > PIDSTAT_MAX_LINE) this.tooLong(end - start, true);
    this.lineNo++;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (this.lineNo === 1 && text.charCodeAt(start) === 0xfeff) start++;
    if (this.fast && this.cur !== null && this.header.decimal_separator !== null) {
      // Fast path: a data row under a known header, read in one scan without tokenizing.
      let i = start;
      let c = text.charCodeAt(i);
      while (c === 32 || c === 9) c = text.charCodeAt(++i);
      if (c >= 48 && c <= 57 && i < end && !endsWithWord(text, end, 'Command') && this.fastRow(text, i, end)) return;
      // a -h header line the same as the one that selected the current header (each sample prints it again):
      // what onHeaderLine does for it, without tokenizing it
      const h = this.hashLine;
      if (h !== null && this.cur === this.hashLineCur && end - start === h.length && text.startsWith(h, start)) {
        this.timeLength = -1;
        this.lastTgid = null;
        this.headerRead = true;
        return;
      }
    }
    this.handleLine(start === 0 && end === text.length ? text : text.slice(start, end));
  }

  // ------------------------------------------------------------ UTF-8 byte input (write(Uint8Array))

  /** The start of a line not yet ending with a newline, carried to the next write(): carry[0..carryLength). */
  // (the byte path's buffers and decoder are made on first use: a small file given as text never needs them)
  private carry = NO_BYTES;
  private carryLength = 0;
  /** made on first use (a small file given as text never needs it) */
  private byteTexts: ByteTextCache | null = null;
  private utf8: TextDecoder | null = null;
  private decoder(): TextDecoder {
    return (this.utf8 ??= new TextDecoder('utf-8'));
  }
  /** Set by onHeaderLine: lets the byte path remember the bytes of a `# Time ...` header it just handled. */
  private headerRead = false;
  /** The last `# Time ...` header line read by onHeaderLine and the header it selected (for pushRange). */
  private hashLine: string | null = null;
  private hashLineCur: CompiledHeader | null = null;
  /** The last -h header line (bytes) and the header it selected: the same bytes again select it again. */
  private hashHeaderBytes: Uint8Array | null = null;
  private hashHeaderView: DataView | null = null;
  /** A DataView of the array viewArray (the chunk being read), for sameLongBytes: made once per chunk. */
  private viewArray: Uint8Array | null = null;
  private view: DataView | null = null;
  private hashHeaderCur: CompiledHeader | null = null;
  /** The last time token the byte path decoded, and its text (a -h file repeats it on every row of a sample). */
  private timeBytes = new Uint8Array(64);
  private timeLength = -1;
  private timeText = '';

  /** Appends b[from..to) to the carried bytes. */
  private carryOn(b: Uint8Array, from: number, to: number): void {
    const need = this.carryLength + to - from;
    if (need > this.carry.length) {
      let size = Math.max(this.carry.length * 2, 1 << 12);
      while (size < need) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.carry.subarray(0, this.carryLength), 0);
      this.carry = grown;
    }
    this.carry.set(b.subarray(from, to), this.carryLength);
    this.carryLength = need;
  }

  /**
   * Reads the complete lines of `input` in place, up to its last newline: every line read ends with a `\n` before
   * that point, which stops the row scanners' loops without bounds checks. The bytes after it are carried.
   */
  private writeBytes(input: Uint8Array): void {
    // a plain Uint8Array view (not a Buffer subclass), so the row scanners see a single array type
    const chunk = input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const n = chunk.length;
    let start = 0;
    if (this.carryLength > 0) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        // the carried line goes on
        if (this.carryLength + n > PIDSTAT_MAX_LINE) this.tooLong(this.carryLength + n, false);
        this.carryOn(chunk, 0, n);
        return;
      }
      this.carryOn(chunk, 0, nl + 1);
      const line = this.carryLength;
      this.carryLength = 0;
      this.readLine(this.carry, 0, line);
      start = nl + 1;
    }
    const end = chunk.lastIndexOf(10) + 1;
    while (start < end) start = this.readLine(chunk, start, end);
    if (n - end > PIDSTAT_MAX_LINE) this.tooLong(n - end, false);
    if (end < n) this.carryOn(chunk, end, n);
  }

  /**
   * The line starting at `start` of `b`, whose `\n` comes before `end`: read on a fast path when it is a data
   * row, a blank line or the -h header just seen again; otherwise decoded and handed to pushRange. Returns the
   * index after its `\n`.
   */
  private readLine(b: Uint8Array, start: number, end: number): number {
    // a data row under a known header (most lines): straight to the fast path
    const c = b[start];
    if (c >= 48 && c <= 57 && this.fast && this.cur !== null && this.header.decimal_separator !== null && this.mode === 'text') {
      this.lineNo++; // before reading: a ParseError from the sink names this line
      const nl = this.fastRowBytes(b, start, end);
      if (nl >= 0) return nl + 1;
      this.lineNo--; // pushRange counts it
      return this.slowLine(b, start);
    }
    return this.byteLine(b, start, end);
  }

  /** readLine for the other lines: blank, a header, a data row with leading blanks, ... */
  private byteLine(b: Uint8Array, start: number, end: number): number {
    if (this.fast && this.cur !== null && this.header.decimal_separator !== null && this.mode === 'text') {
      let i = start;
      let c = b[i];
      while (c === 32 || c === 9) c = b[++i];
      if (c >= 48 && c <= 57 && i > start) {
        this.lineNo++; // before reading: a ParseError from the sink names this line
        const nl = this.fastRowBytes(b, i, end);
        if (nl >= 0) return nl + 1;
        this.lineNo--; // pushRange counts it
      } else if (c === 10 || (c === 13 && b[i + 1] === 10)) {
        this.lineNo++; // a blank line
        return c === 10 ? i + 1 : i + 2;
      } else if (c === 35 /* # */ && this.hashHeaderBytes !== null && this.cur === this.hashHeaderCur) {
        const h = this.hashHeaderBytes;
        const len = h.length;
        if (start + len < end && b[start + len] === 10) {
          if (b !== this.viewArray) {
            this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
            this.viewArray = b;
          }
          if (sameLongBytes(this.view!, start, this.hashHeaderView!, len)) {
            this.lineNo++;
            this.lastTgid = null; // what onHeaderLine does for a header it has seen
            return start + len + 1;
          }
        }
      }
    }
    return this.slowLine(b, start);
  }

  /** The line starting at `start` of `b`, decoded and handed to pushRange. Returns the index after its `\n`. */
  private slowLine(b: Uint8Array, start: number): number {
    const nl = b.indexOf(10, start);
    const line = this.decoder().decode(b.subarray(start, nl));
    this.headerRead = false;
    this.pushRange(line, 0, line.length);
    if (this.headerRead && this.cur !== null && this.cur.prefixKind === 'hash') {
      this.hashHeaderBytes = b.slice(start, nl);
      this.hashHeaderView = new DataView(this.hashHeaderBytes.buffer);
      this.hashHeaderCur = this.cur;
    }
    return nl + 1;
  }

  /**
   * fastRow over bytes: `from` is the first byte of the time. Returns the index of the row's `\n` (the row has
   * been recorded), or -1 (nothing changed: the general path reads it, or it goes on in the next chunk).
   */
  private fastRowBytes(b: Uint8Array, from: number, end: number): number {
    const h = this.cur!;
    let i: number;
    let c: number;
    let key: string;
    const tl = this.timeLength;
    // the time of the row before (most rows): the same bytes, then a blank (sameBytes stops at a `\n`)
    if (tl > 0 && sameBytes(b, from, this.timeBytes, tl) && ((c = b[from + tl]) === 32 || c === 9)) {
      i = from + tl;
      key = this.timeText;
    } else {
      i = from;
      c = b[i];
      while (c > 32 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) c = b[++i];
      if (h.prefixKind === 'time') {
        for (let j = 1; j < h.prefixLength; j++) {
          while (c === 32 || c === 9) c = b[++i];
          while (c > 32 || (c < 32 && c !== 9 && c !== 10 && c !== 13)) c = b[++i];
        }
      }
      key = asciiText(b, from, i) ?? this.decoder().decode(b.subarray(from, i));
      const len = i - from;
      if (len <= this.timeBytes.length) {
        this.timeBytes.set(b.subarray(from, i));
        this.timeLength = len;
        this.timeText = key;
      }
    }
    if (h.prefixKind !== 'time' && h.wordFirst) {
      // `# Time` header: the time is one token when the next one is a plain number (UID or PID)
      let p = i;
      c = b[p];
      while (c === 32 || c === 9) c = b[++p];
      const q = p;
      while (c >= 48 && c <= 57) c = b[++p];
      if (p === q || !(c === 32 || c === 9)) return -1;
    }
    if (key !== this.groupKey) {
      const time = parsePidstatTime(key);
      if (time === null) return -1;
      this.pendingKey = key;
      this.pendingTime = time;
    }
    const nl = h.readBytes(b, i, end, this.byteSink, (this.byteTexts ??= createByteTextCache()));
    if (nl < 0) this.pendingKey = null; // e.g. a header line: nothing was changed
    return nl;
  }

  private handleLine(line: string): void {
    if (this.mode === 'json') {
      this.jsonParts.push(line);
      return;
    }
    const t = tokenizeLine(line, (this.toks ??= borrowTokens()));
    const n = t.count;
    if (n === 0) return;
    const c0 = line.charCodeAt(t.starts[0]);
    if (this.mode === null) {
      if (c0 === 123 /* { */) {
        this.mode = 'json';
        this.header.layout = 'json';
        this.jsonParts.push(line);
        return;
      }
      this.mode = 'text';
    }
    const endsWithCommand = tokenIs(t, n - 1, 'Command');
    // Fast path: a data row (starts with a time or epoch digit; headers end with "Command").
    if (this.cur !== null && c0 >= 48 && c0 <= 57 && !endsWithCommand) {
      this.timeRow(t, line);
      return;
    }
    if (endsWithCommand && this.onHeaderLine(t, line)) return;
    const banner = readBanner(line);
    if (banner !== null) {
      if (this.sawBanner) this.fail('a second sysstat banner line: two pidstat outputs concatenated? Parse each run as its own file');
      if (this.sawHeader) this.fail('sysstat banner line after pidstat rows');
      this.sawBanner = true;
      this.takeSystem(banner);
      return;
    }
    if (this.cur === null) {
      this.fail(`not pidstat output: line ${this.lineNo} is neither the sysstat banner nor a pidstat header ("${clip(line)}")`);
    }
    if (c0 >= 48 && c0 <= 57) {
      this.timeRow(t, line); // a row whose command is literally "Command"
      return;
    }
    const labelLength = averageLabelLength(tokenTexts(t, 0, Math.min(n, 4)));
    if (labelLength > 0) {
      this.averageRow(t, line, labelLength);
      return;
    }
    if (isMeridiem(tokenText(t, 0))) {
      this.timeRow(t, line); // e.g. ko_KR 12-hour: `오후 07시 25분 48초`
      return;
    }
    this.fail(`unrecognised line in pidstat output: "${clip(line)}"`);
  }

  /**
   * Handles a header line; false when the line is not one. Compiled headers are cached by the text after the
   * first token (the time or label, which is always part of the prefix): with -h the same header comes back
   * before every sample, and in the block layout once per activity per sample.
   */
  private onHeaderLine(t: Tokens, line: string): boolean {
    const cacheKey = line.slice(t.ends[0]);
    let compiled = this.headerCache.get(cacheKey);
    if (compiled === undefined) {
      const h = headerShape(t, cacheKey);
      if (h === null) return false;
      if (h.prefixLength === 0) this.fail('pidstat header line has no time column');
      compiled = this.compileHeader(h);
      if (this.headerCache.size > 1000) this.headerCache.clear();
      this.headerCache.set(cacheKey, compiled);
    }
    const c0 = line.charCodeAt(t.starts[0]);
    let prefixKind: CompiledHeader['prefixKind'];
    if (c0 === 35 /* # */ && t.ends[0] - t.starts[0] === 1) {
      prefixKind = 'hash';
      this.header.layout = 'one-line';
    } else if (
      // a time starts with a digit, an average label never does (averageLabelLength says 0 for it)
      !(c0 >= 48 && c0 <= 57) &&
      averageLabelLength(tokenTexts(t, 0, compiled.prefixLength)) === compiled.prefixLength
    ) {
      prefixKind = 'average';
    } else {
      prefixKind = 'time';
      if (this.startSod === null) {
        const text = joinTokens(t, 0, compiled.prefixLength);
        const time = parsePidstatTime(text);
        if (time === null) this.fail(`pidstat header line starts with "${text}", which is neither a time nor an average label`);
        if (time.epoch === null) this.startSod = time.secondsOfDay;
        if (time.twelveHour) this.twelveHour = true;
      }
    }
    this.cur = prefixKind === compiled.prefixKind ? compiled : { ...compiled, prefixKind };
    if (prefixKind === 'hash') {
      this.hashLine = line;
      this.hashLineCur = this.cur;
    }
    this.timeLength = -1; // the byte path's remembered time token was cut by the previous header's rule
    this.sawHeader = true;
    this.lastTgid = null;
    this.headerRead = true;
    return true;
  }

  /** This parse's view of a header shape: its activity bit, its record pool; unknown columns noted. */
  private compileHeader(shape: HeaderShape): CompiledHeader {
    const columns = shape.columns;
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i];
      if (col.kind === 'unknown' && !this.header.unknown_columns.includes(col.name)) this.header.unknown_columns.push(col.name);
    }
    const signature = shape.signature;
    let bit = this.signatureBits.get(signature);
    if (bit === undefined) {
      bit = this.signatureBits.size < 30 ? 1 << this.signatureBits.size : 0;
      this.signatureBits.set(signature, bit);
    }
    return {
      columns,
      prefixKind: 'time',
      prefixLength: shape.prefixLength,
      pidIndex: shape.pidIndex,
      tidIndex: shape.tidIndex,
      bit,
      fill: shape.fill,
      read: shape.read,
      readBytes: shape.readBytes,
      pool: [],
      wordFirst: shape.wordFirst,
    };
  }

  private timeRow(t: Tokens, line: string): void {
    const h = this.cur!;
    let k: number;
    if (h.prefixKind === 'time') k = h.prefixLength;
    else if (t.count > 1 && isPlainNumberToken(t, 1)) k = 1; // `14:38:55  100  8180 ...`: the usual -h row
    else k = timePrefixLength(tokenTexts(t, 0, Math.min(t.count, 5)));
    let key: string;
    if (k === 1) {
      const s0 = t.starts[0];
      const len = t.ends[0] - s0;
      // same time as the previous row: compare in place, no substring
      if (this.groupKey !== null && this.groupKey.length === len && line.startsWith(this.groupKey, s0)) key = this.groupKey;
      else key = line.slice(s0, s0 + len);
    } else {
      key = line.slice(t.starts[0], t.ends[k - 1]); // as printed, like the fast path's key
    }
    if (key !== this.groupKey) {
      this.flushGroup();
      const time = parsePidstatTime(key);
      if (time === null) this.fail(`pidstat row starts with "${clip(key)}", which is not a time`);
      this.checkForward(key, time);
      if (time.twelveHour) this.twelveHour = true;
      this.groupKey = key;
      this.groupTime = time;
    }
    this.fillRow(t, line, k, false);
  }

  private averageRow(t: Tokens, line: string, labelLength: number): void {
    this.flushGroup();
    if (this.header.average_label === null) this.header.average_label = joinTokens(t, 0, labelLength);
    this.fillRow(t, line, labelLength, true);
  }

  private fillRow(t: Tokens, line: string, k: number, isAverage: boolean): void {
    const h = this.cur!;
    const cols = h.columns;
    const nc = cols.length;
    const starts = t.starts;
    const ends = t.ends;
    if (t.count < k + nc + 1) {
      this.fail(`pidstat row has ${t.count - k} fields but its header has ${nc + 1} columns (truncated line?)`);
    }
    const pidAt = k + h.pidIndex;
    const pidVal = isDashToken(t, pidAt) ? DASH : this.readId(t, pidAt, cols[h.pidIndex].name);
    let tidVal: number | undefined;
    if (h.tidIndex >= 0) {
      const tidAt = k + h.tidIndex;
      tidVal = isDashToken(t, tidAt) ? DASH : this.readId(t, tidAt, 'TID');
    }
    const rec = this.recordFor(pidVal, tidVal, line.slice(starts[k + nc]), isAverage);
    const bad = h.fill(rec, line, starts, ends, k);
    if (bad >= 0) {
      const col = cols[bad];
      this.fail(`pidstat column ${col.name} has ${invalidValue(tokenText(t, k + bad), col.kind === 'uid')}`);
    }
    if (this.header.decimal_separator === null) {
      for (let j = 0; j < nc && this.header.decimal_separator === null; j++) {
        if (cols[j].kind === 'number') this.noteDecimal(tokenText(t, k + j));
      }
    }
  }

  /** The task of the row being recorded (resolveTask), and the record its row fills on the byte path. */
  private readonly byteSink = new ByteSink(this);

  /** ByteSink.record: see ByteRowSink.record. */
  byteRecord(pidVal: number, tidVal: number | undefined, rawCommand: string): Mutable | null {
    if (this.pendingKey !== null) this.startPendingTime();
    const h = this.cur!;
    const task = this.byteSink;
    if (tidVal === undefined && pidVal !== DASH) {
      // a process row without a TID column (the usual one): what resolveTask does for it
      const last = rawCommand.charCodeAt(rawCommand.length - 1);
      task.pid = pidVal;
      task.tid = undefined;
      task.command = last === 32 || last === 9 ? rawCommand.trimEnd() : rawCommand;
      task.leader = undefined;
      this.lastTgid = pidVal;
    } else this.resolveTask(pidVal, tidVal, rawCommand);
    const key = task.tid === undefined ? task.pid : -1 - task.tid;
    const at = this.groupIndex.get(key);
    if (at >= 0) {
      if ((this.groupMasks[at] & h.bit) === 0) {
        this.groupMasks[at] |= h.bit;
        this.groupPools[at] = null; // merged with another activity's fields: not the shape of either header's pool
        return this.groupRecs[at];
      }
      this.restartGroup();
    }
    this.adoptKey = key;
    if (this.reuse) {
      const old = h.pool.pop();
      if (old !== undefined) {
        old.pid = task.pid;
        old.tid = task.tid;
        old.command = task.command;
        old.leader = task.leader;
        this.groupAdd(key, old, h.bit, h.pool);
        return old;
      }
    }
    return null;
  }

  /** ByteSink.adopt: see ByteRowSink.adopt. */
  byteAdopt(rec: Mutable): void {
    this.groupAdd(this.adoptKey, rec, this.cur!.bit, this.reuse ? this.cur!.pool : null);
  }
  /** The key of the task byteSink.record() returned null for. */
  private adoptKey = 0;

  /**
   * Sets byteSink's pid, tid, command and leader for a row with ids `pidVal`/`tidVal` (numbers or DASH;
   * `tidVal` undefined without a TID column) and Command `rawCommand` (as printed, trailing blanks kept).
   */
  private resolveTask(pidVal: number, tidVal: number | undefined, rawCommand: string): void {
    const tid = tidVal === undefined || tidVal === DASH ? undefined : tidVal;
    let pid: number;
    if (pidVal === DASH) {
      if (this.lastTgid === null) this.fail('pidstat thread row (TGID "-") without a process row before it');
      if (tid === undefined) this.fail('pidstat row has neither a TGID nor a TID');
      pid = this.lastTgid;
    } else {
      pid = pidVal;
      this.lastTgid = pid; // also after `(leader)__thread` rows, which print both TGID and TID
    }
    const lastChar = rawCommand.charCodeAt(rawCommand.length - 1);
    let command = lastChar === 32 || lastChar === 9 ? rawCommand.trimEnd() : rawCommand;
    let leader: string | undefined;
    if (tid !== undefined) {
      this.header.threads = true;
      if (command.startsWith('|__')) command = command.slice(3);
      else if (command.startsWith('(')) {
        const close = command.indexOf(')__');
        if (close > 0) {
          leader = command.slice(1, close);
          command = command.slice(close + 3);
        }
      }
    }
    const task = this.byteSink;
    task.pid = pid;
    task.tid = tid;
    task.command = command;
    task.leader = leader;
  }

  private groupAdd(key: number, rec: Mutable, mask: number, pool: Mutable[] | null): void {
    this.groupIndex.set(key, this.groupSize);
    this.groupRecs[this.groupSize] = rec;
    this.groupMasks[this.groupSize] = mask;
    this.groupPools[this.groupSize] = pool;
    this.groupSize++;
  }

  /** Same task, same activity, same printed time: a new sample that printed the same second. */
  private restartGroup(): void {
    const key = this.groupKey;
    const time = this.groupTime;
    this.flushGroup();
    this.groupKey = key;
    this.groupTime = time;
  }

  /**
   * The record a row of the general path adds to: created, or the one of the same task at the same time (blocks
   * merged). `pidVal` and `tidVal` are ids or DASH; `tidVal` is undefined without a TID column.
   */
  private recordFor(pidVal: number, tidVal: number | undefined, rawCommand: string, isAverage: boolean): Mutable {
    const h = this.cur!;
    this.resolveTask(pidVal, tidVal, rawCommand);
    const { pid, tid, command, leader } = this.byteSink;
    const key = tid === undefined ? pid : -1 - tid;
    if (isAverage) {
      let entry = this.averages.get(key);
      if (entry === undefined) {
        entry = { rec: newAverage(pid, tid, command, leader) };
        this.averages.set(key, entry);
      }
      return entry.rec;
    }
    const at = this.groupIndex.get(key);
    if (at >= 0) {
      if ((this.groupMasks[at] & h.bit) === 0) {
        this.groupMasks[at] |= h.bit;
        this.groupPools[at] = null;
        return this.groupRecs[at];
      }
      this.restartGroup();
    }
    const rec = newSample(pid, tid, command, leader);
    this.groupAdd(key, rec, h.bit, null);
    return rec;
  }

  /** Starts the sample time the fast path saw on a row it has read in full (pendingKey). */
  private startPendingTime(): void {
    this.flushGroup(); // before the check, as the general path does: onSample sees the same samples before an error
    this.checkForward(this.pendingKey!, this.pendingTime!);
    if (this.pendingTime!.twelveHour) this.twelveHour = true;
    this.groupKey = this.pendingKey;
    this.groupTime = this.pendingTime;
    this.pendingKey = null;
  }

  // A new sample time seen by the fast path, applied only once its row has been read in full.
  private pendingKey: string | null = null;
  private pendingTime: PidstatTime | null = null;

  private readonly sink = new TextSink(this);

  /** TextSink.record: see RowSink.record. */
  textRecord(line: string, pid: number, tid: number | undefined, commandStart: number, commandEnd: number): Mutable {
    if (this.pendingKey !== null) this.startPendingTime();
    return this.recordFor(pid, tid, line.slice(commandStart, commandEnd), false);
  }

  /**
   * The fast path for a data row (see pidstat-row-reader.ts): no tokenizing, one scan. False when the line
   * needs the general path (which then reads it again from scratch: nothing here is half-done).
   */
  private fastRow(line: string, from: number, n: number): boolean {
    const h = this.cur!;
    let i = from;
    let c = line.charCodeAt(i);
    while (i < n && c !== 32 && c !== 9) c = line.charCodeAt(++i);
    if (h.prefixKind === 'time') {
      for (let j = 1; j < h.prefixLength; j++) {
        while (c === 32 || c === 9) c = line.charCodeAt(++i);
        while (i < n && c !== 32 && c !== 9) c = line.charCodeAt(++i);
      }
    } else {
      // `# Time` header: the time is one token when the next one is a plain number (UID or PID)
      let p = i;
      while (c === 32 || c === 9) c = line.charCodeAt(++p);
      const q = p;
      while (c >= 48 && c <= 57) c = line.charCodeAt(++p);
      if (p === q || !(c === 32 || c === 9)) return false;
    }
    const len = i - from;
    let key: string;
    if (this.groupKey !== null && this.groupKey.length === len && line.startsWith(this.groupKey, from)) key = this.groupKey;
    else key = line.slice(from, i);
    if (key !== this.groupKey) {
      const time = parsePidstatTime(key);
      if (time === null) return false;
      this.pendingKey = key;
      this.pendingTime = time;
    }
    if (h.read(line, i, n, this.sink)) return true;
    this.pendingKey = null; // e.g. a header line: nothing was changed
    return false;
  }

  private readId(t: Tokens, at: number, name: string): number {
    const line = t.line;
    const e = t.ends[at];
    let v = 0;
    for (let i = t.starts[at]; i < e; i++) {
      const c = line.charCodeAt(i);
      if (c < 48 || c > 57) this.fail(`pidstat column ${name} has a non-integer value "${tokenText(t, at)}"`);
      v = v * 10 + (c - 48);
    }
    return v;
  }

  private noteDecimal(tok: string): void {
    if (/^-?\d+,\d{1,2}%?$/.test(tok)) this.header.decimal_separator = ',';
    else if (/^-?\d+\.\d{1,2}%?$/.test(tok)) this.header.decimal_separator = '.';
  }

  private flushGroup(): void {
    if (this.groupKey === null) return;
    if (this.groupSize === 0) {
      // a JSON statistics object without tasks: no sample, and no reference time for elapsed_s
      this.groupKey = null;
      this.groupTime = null;
      return;
    }
    const time = this.groupTime!;
    const fields = this.sampleTimeFields(time);
    const n = this.groupSize;
    this.groupSize = 0;
    this.groupIndex.clear();
    for (let k = 0; k < n; k++) {
      const rec = this.groupRecs[k];
      rec.time = fields.time;
      rec.date = fields.date;
      rec.epoch_s = fields.epoch_s;
      rec.elapsed_s = fields.elapsed_s;
      this.sampleCount++;
      if (this.onSample !== undefined) this.onSample(rec as PidstatSample);
      else this.samples.push(rec as PidstatSample);
      const pool = this.groupPools[k];
      if (pool !== null && pool.length < 4096) pool.push(rec);
    }
    this.groupKey = null;
    this.groupTime = null;
  }

  private sampleTimeFields(time: PidstatTime): { time: string; date: string | null; epoch_s: number | null; elapsed_s: number } {
    if (time.epoch !== null) {
      this.header.clock = 'epoch';
      if (this.firstEpoch === null) this.firstEpoch = time.epoch;
      return {
        time: formatTimeOfDay(time.secondsOfDay),
        date: this.dateOf(Math.floor(time.epoch / DAY_S) * DAY_S * 1000, 0),
        epoch_s: time.epoch,
        elapsed_s: time.epoch - this.firstEpoch,
      };
    }
    const sod = time.secondsOfDay;
    if (this.lastSod === null) {
      if (this.startSod !== null && this.startSod - sod > HALF_DAY_S) this.dayOffset = 1; // started just before midnight
    } else if (this.lastSod - sod > HALF_DAY_S) {
      this.dayOffset++;
    }
    this.lastSod = sod;
    const abs = this.dayOffset * DAY_S + sod;
    if (this.firstAbs === null) this.firstAbs = abs;
    if (this.baseDateMs === undefined) {
      const iso = this.header.date_printed === null
        ? null
        : bannerDateIso(this.header.date_printed, { twelveHour: this.twelveHour, decimalComma: this.header.decimal_separator === ',' });
      this.header.date = iso;
      this.baseDateMs = iso === null ? null : Date.parse(`${iso}T00:00:00Z`);
    }
    return {
      time: formatTimeOfDay(sod),
      date: this.baseDateMs === null ? null : this.dateOf(this.baseDateMs, this.dayOffset),
      epoch_s: this.baseDateMs === null ? null : this.baseDateMs / 1000 + abs - this.utcOffsetMin * 60,
      elapsed_s: abs - this.firstAbs,
    };
  }

  private dateOf(baseMs: number, days: number): string {
    const ms = baseMs + days * DAY_S * 1000;
    let s = DATES.get(ms);
    if (s === undefined) {
      s = new Date(ms).toISOString().slice(0, 10);
      if (DATES.size > 1000) DATES.clear();
      DATES.set(ms, s);
    }
    return s;
  }

  /** The system pidstat describes (its banner line, or the JSON document's header) into the record's header. */
  private takeSystem(from: Pick<PidstatHeader, 'os' | 'kernel' | 'hostname' | 'date_printed' | 'arch' | 'cpu_count'>): void {
    this.header.os = from.os;
    this.header.kernel = from.kernel;
    this.header.hostname = from.hostname;
    this.header.date_printed = from.date_printed;
    this.header.arch = from.arch;
    this.header.cpu_count = from.cpu_count;
  }

  private endJson(): void {
    const doc = readPidstatJson(this.jsonParts.join('\n'));
    this.takeSystem(doc);
    this.sawHeader = true;
    for (const sample of doc.samples) {
      const time = parsePidstatTime(sample.timestamp);
      if (time === null) this.fail(`pidstat -o JSON timestamp "${sample.timestamp}" is not a time`, null);
      this.checkForward(sample.timestamp, time, null);
      if (time.twelveHour) this.twelveHour = true;
      this.flushGroup();
      this.groupKey = sample.timestamp;
      this.groupTime = time;
      for (const row of sample.rows) {
        const pid = +row.pid;
        const tid = row.tid === '' ? undefined : +row.tid;
        if (!Number.isInteger(pid) || (tid !== undefined && !Number.isInteger(tid))) {
          this.fail(`pidstat -o JSON has a non-integer PID/TID ("${row.pid}", "${row.tid}")`, null);
        }
        if (tid !== undefined) this.header.threads = true;
        const mapKey = tid === undefined ? pid : -1 - tid;
        const at = this.groupIndex.get(mapKey);
        let rec: Mutable;
        if (at >= 0) rec = this.groupRecs[at];
        else {
          const leader = tid !== undefined && row.leader !== '' ? row.leader : undefined;
          rec = newSample(pid, tid, row.command, leader);
          this.groupAdd(mapKey, rec, 0, null);
        }
        for (const [spec, value] of row.values) {
          if (spec.kind === 'number' || spec.kind === 'uid') {
            const v = typeof value === 'number'
              ? value === -1 ? null : value >= 0 ? value : undefined
              : parsePidstatNumber(String(value), spec.unit);
            if (v === undefined) this.fail(`pidstat -o JSON key "${spec.name}" has ${invalidValue(String(value), false)}`, null);
            rec[spec.field] = v;
          } else if (spec.kind === 'unknown') {
            const extra = (rec.extra ?? (rec.extra = {})) as Record<string, string>;
            extra[spec.name] = String(value);
          } else if (spec.kind === 'user' || spec.kind === 'string') {
            rec[spec.field] = String(value);
          }
        }
      }
    }
    this.flushGroup();
  }

  end(): PidstatRecord {
    if (this.ended) throw new Error('createPidstatParser: end() called twice');
    if (this.rest.length > 0) this.pushRange(this.rest, 0, this.rest.length); // a last line without newline
    this.rest = '';
    if (this.carryLength > 0) {
      const line = this.decoder().decode(this.carry.subarray(0, this.carryLength));
      this.carryLength = 0;
      this.pushRange(line, 0, line.length);
    }
    this.ended = true;
    if (this.toks !== null) {
      returnTokens(this.toks); // no line is tokenized after this
      this.toks = null;
    }
    if (this.mode === null) throw new ParseError('empty input: no pidstat output to parse');
    if (this.mode === 'json') this.endJson();
    this.flushGroup();
    if (!this.sawHeader) throw new ParseError('not pidstat output: no header line naming PID (or TGID) and Command');
    if (this.sampleCount === 0) {
      throw new ParseError('pidstat output has no samples (pidstat ran for zero intervals, or no task matched)');
    }
    if (this.header.date === null && this.baseDateMs === undefined && this.header.date_printed !== null) {
      this.header.date = bannerDateIso(this.header.date_printed, { twelveHour: this.twelveHour, decimalComma: this.header.decimal_separator === ',' });
    }
    const average: PidstatAverage[] = [];
    for (const e of this.averages.values()) average.push(e.rec as PidstatAverage);
    const record: PidstatRecord = { format: 'pidstat', header: this.header, samples: this.samples, sample_count: this.sampleCount, line_count: this.lineNo, average };
    // the record is returned as built (keys in the parser's order): only zod's verdict is needed
    const checked = (this.onSample === undefined ? PidstatRecord : PidstatRecordWithoutSamples).safeParse(record);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new ParseError(`pidstat record failed validation at ${issue.path.join('.')}: ${issue.message}`);
    }
    return record;
  }
}

/**
 * The byte row readers' sink of a parser: the task of the row being recorded (set by the parser's resolveTask),
 * and the record its row fills.
 */
class ByteSink implements ByteRowSink {
  pid = 0;
  tid: number | undefined = undefined;
  command = '';
  leader: string | undefined = undefined;
  constructor(private readonly parser: PidstatParserImpl) {}
  record(pid: number, tid: number | undefined, command: string): Mutable | null {
    return this.parser.byteRecord(pid, tid, command);
  }
  adopt(rec: Mutable): void {
    this.parser.byteAdopt(rec);
  }
}

/** The text row readers' sink of a parser. */
class TextSink implements RowSink {
  constructor(private readonly parser: PidstatParserImpl) {}
  record(line: string, pid: number, tid: number | undefined, commandStart: number, commandEnd: number): Mutable {
    return this.parser.textRecord(line, pid, tid, commandStart, commandEnd);
  }
}

/**
 * A parser fed line by line; `end()` returns the record or throws ParseError.
 *
 * @example
 * const p = createPidstatParser({ onSample: (s) => (total += s.cpu_pct ?? 0) });
 * for await (const chunk of stream) p.write(chunk); // or p.push(line) for each line
 * const { sample_count, average } = p.end();
 */
export function createPidstatParser(options: PidstatParserOptions = {}): PidstatParser {
  return new PidstatParserImpl(options);
}

/** A sample with every contract metric present (null until a column fills it), in one stable shape. */
function newSample(pid: number, tid: number | undefined, command: string, leader: string | undefined): Mutable {
  return {
    time: '',
    date: null,
    epoch_s: null,
    elapsed_s: 0,
    pid,
    tid,
    command,
    leader,
    uid: undefined,
    usr_pct: null,
    system_pct: null,
    guest_pct: null,
    wait_pct: null,
    cpu_pct: null,
    cpu: null,
    minflt_per_s: null,
    majflt_per_s: null,
    vsz_kb: null,
    rss_kb: null,
    mem_pct: null,
    cswch_per_s: null,
    nvcswch_per_s: null,
  };
}

/** An average row's record: the sample shape without the time fields. */
function newAverage(pid: number, tid: number | undefined, command: string, leader: string | undefined): Mutable {
  return {
    pid,
    tid,
    command,
    leader,
    uid: undefined,
    usr_pct: null,
    system_pct: null,
    guest_pct: null,
    wait_pct: null,
    cpu_pct: null,
    cpu: null,
    minflt_per_s: null,
    majflt_per_s: null,
    vsz_kb: null,
    rss_kb: null,
    mem_pct: null,
    cswch_per_s: null,
    nvcswch_per_s: null,
  };
}

/** True when text.slice(0, end), trailing blanks ignored, ends with `word`. */
function endsWithWord(text: string, end: number, word: string): boolean {
  let e = end;
  let c = text.charCodeAt(e - 1);
  while (c === 32 || c === 9) c = text.charCodeAt(--e - 1);
  return text.startsWith(word, e - word.length);
}

/** True when token `i` is `-`. */
function isDashToken(t: Tokens, i: number): boolean {
  return t.ends[i] - t.starts[i] === 1 && t.line.charCodeAt(t.starts[i]) === 45;
}

/** True when token `i` is all digits (a UID or PID, never part of a time). */
function isPlainNumberToken(t: Tokens, i: number): boolean {
  const e = t.ends[i];
  for (let j = t.starts[i]; j < e; j++) {
    const c = t.line.charCodeAt(j);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Tokens `from`..`to` joined by one space (times and labels, whatever the padding). */
function joinTokens(t: Tokens, from: number, to: number): string {
  return tokenTexts(t, from, to).join(' ');
}

/** What is wrong with a value token a column refused: `a negative value "-5.00" (...)`, `a non-numeric value "x"`. */
function invalidValue(token: string, integer: boolean): string {
  if (/^-\d/.test(token)) return `a negative value "${clip(token)}" (pidstat prints none but -1.00, "not readable")`;
  return `a ${integer ? 'non-integer' : 'non-numeric'} value "${clip(token)}"`;
}

function clip(line: string): string {
  const s = line.trim();
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Parses a whole pidstat output (text or -o JSON) held in memory.
 *
 * @example
 * const r = parsePidstat(readFileSync('pidstat.txt', 'utf8')); // in a loader, not here
 * r.samples[2].cpu_pct // 57
 * r.average.find((a) => a.pid === 9073)?.rss_kb // 250111
 */
export function parsePidstat(text: string, options: PidstatParserOptions = {}): PidstatRecord {
  const parser = createPidstatParser(options);
  parser.write(text);
  return parser.end();
}

/**
 * Parses pidstat output arriving as lines (without terminators), e.g. from the loader's line splitter.
 *
 * @example
 * const r = await parsePidstatLines(lines, { onSample: (s) => sum.add(s) }); // bounded memory
 * r.sample_count // 1234567
 */
export async function parsePidstatLines(
  lines: AsyncIterable<string> | Iterable<string>,
  options: PidstatParserOptions = {},
): Promise<PidstatRecord> {
  const parser = createPidstatParser(options);
  for await (const line of lines) parser.push(line);
  return parser.end();
}

const JSON_TASK_KEYS = /"(task-cpu-load|task-memory|child-cpu-load|child-memory|context-switch)"|"(PID|TGID)":/;

/**
 * True when `head` looks like pidstat output: a header line naming PID (or TGID) and ending with Command,
 * or sysstat JSON with pidstat's activities. sar/iostat/mpstat share the banner but not these headers.
 *
 * @example
 * sniffPidstat('Linux 6.1 (h) \t11/22/26 \t_x86_64_\t(2 CPU)\n\n12:53:20  UID  PID  %CPU  Command\n') // true
 * sniffPidstat('Linux 6.1 (h) \t11/22/26 \t_x86_64_\t(2 CPU)\n\navg-cpu:  %user\n') // false
 */
export function sniffPidstat(head: string): boolean {
  const c0 = head.charCodeAt(0);
  // a text starting with a printable ASCII character has nothing to trim
  const trimmed = c0 > 32 && c0 < 0xa0 ? head : head.trimStart();
  if (trimmed.startsWith('{')) return /"sysstat"/.test(trimmed) && JSON_TASK_KEYS.test(trimmed);
  let start = 0;
  for (let i = 0; i < 200 && start < head.length; i++) {
    let end = head.indexOf('\n', start);
    if (end === -1) end = head.length;
    const lineStart = start;
    start = end + 1;
    // only a line whose last token is `Command` (one `\r` and trailing blanks aside) is tokenized
    let e = end;
    if (e > lineStart && head.charCodeAt(e - 1) === 13) e--;
    let c = head.charCodeAt(e - 1);
    while (e > lineStart && (c === 32 || c === 9)) c = head.charCodeAt(--e - 1);
    if (e - lineStart < 7 || !head.startsWith('Command', e - 7)) continue;
    if (e - 7 > lineStart && (c = head.charCodeAt(e - 8)) !== 32 && c !== 9) continue;
    const line = head.slice(lineStart, end).replace(/\r$/, '');
    const toks = borrowTokens();
    try {
      const t = tokenizeLine(line, toks);
      if (t.count > 0 && tokenIs(t, t.count - 1, 'Command') && headerShape(t, line.slice(t.ends[0])) !== null) return true;
    } finally {
      returnTokens(toks);
    }
  }
  return false;
}

/** The registry entry (ingest/formats.ts). */
export const pidstatFormat: Format<PidstatRecord> = {
  name: 'pidstat',
  sniff: sniffPidstat,
  parse: (text) => parsePidstat(text),
  parseLines: (lines) => parsePidstatLines(lines),
};

/** The empty carry of a parser that has not read bytes yet. */
const NO_BYTES = new Uint8Array(0);

/** True when b[from..from+len) equals ref[0..len). */
function sameBytes(b: Uint8Array, from: number, ref: Uint8Array, len: number): boolean {
  for (let j = 0; j < len; j++) if (b[from + j] !== ref[j]) return false;
  return true;
}

/** b[from..to) as a string when it is short ASCII (a time token), else null (then decode it as UTF-8). */
function asciiText(b: Uint8Array, from: number, to: number): string | null {
  const n = to - from;
  if (n > 64) return null;
  for (let k = from; k < to; k++) if (b[k] >= 128) return null;
  const f = from;
  // the usual lengths in one call: `18:51:00`, `1795373486` (-H)
  if (n === 8) return String.fromCharCode(b[f], b[f + 1], b[f + 2], b[f + 3], b[f + 4], b[f + 5], b[f + 6], b[f + 7]);
  if (n === 10) return String.fromCharCode(b[f], b[f + 1], b[f + 2], b[f + 3], b[f + 4], b[f + 5], b[f + 6], b[f + 7], b[f + 8], b[f + 9]);
  let s = '';
  for (let k = from; k < to; k++) s += String.fromCharCode(b[k]);
  return s;
}

/**
 * True when x[from..from+len) equals y[0..len): sameBytes for long runs (a -h header line, ~200 bytes per sample
 * time), compared 4 bytes at a time.
 */
function sameLongBytes(x: DataView, from: number, y: DataView, len: number): boolean {
  let j = 0;
  for (; j + 4 <= len; j += 4) if (x.getInt32(from + j, true) !== y.getInt32(j, true)) return false;
  for (; j < len; j++) if (x.getUint8(from + j) !== y.getUint8(j)) return false;
  return true;
}
