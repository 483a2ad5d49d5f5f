/**
 * The pidstat parser (sysstat 9.x to 12.x): text (or `-o JSON`, pidstat-json.ts) in, a validated PidstatRecord
 * out. Pure. It reads the block layout (one block per activity per sample: -u -r -d -w -s -v -R -T CHILD, merged
 * into one sample per time, pid and tid) and the one-line `-h` layout; times in any locale or -H epochs, with
 * midnight rollover (pidstat-time.ts); localized numbers and Average labels (pidstat-locale.ts); -t thread rows
 * (`-` TGID, `|__name`, `(leader)__name`) and -l command lines.
 *
 * How: every line is split at blanks. A header line (last token `Command`, naming PID or TGID) says which
 * columns the rows under it have, by name, never by position (pidstat-columns.ts); each row is read column by
 * column against it. A row whose time differs from the row before starts a new sample time: the samples of
 * the one before are then complete.
 *
 * Failure policy (fail loudly, never an empty result): ParseError with the 1-based line for a row with fewer
 * fields than its header (a truncated last line included), a bad value in a numeric column, a row before any
 * header, an unrecognised line, a second banner (concatenated runs), a line over PIDSTAT_MAX_LINE; without a
 * line when no header exists ("not pidstat") or no sample row ("pidstat output has no samples"). Unknown
 * columns do not fail: their values are kept in `extra`, their names in `header.unknown_columns`.
 */
import type { Format } from '../formats.ts';
import { clip, ParseError } from '../parse-error.ts';
import { PidstatRecord, type PidstatHeader, type PidstatSample } from '../records/pidstat.ts';
import { bannerDateIso, readBanner } from './pidstat-banner.ts';
import { newSample, readHeaderLine, type HeaderLine } from './pidstat-columns.ts';
import { readPidstatJson } from './pidstat-json.ts';
import { averageLabelLength, decimalSeparatorOf, invalidValue, parsePidstatNumber } from './pidstat-locale.ts';
import { isMeridiem, parsePidstatTime, timePrefixLength, type PidstatTime } from './pidstat-time.ts';

/**
 * The longest line read, in characters. pidstat's longest rows (-l command lines with every activity's columns)
 * stay far below; a longer "line" is binary data or a file without newlines, refused before it is buffered whole.
 */
export const PIDSTAT_MAX_LINE = 1024 * 1024;

export interface PidstatParserOptions {
  /**
   * Offset of the monitored machine's local time from UTC, in minutes (e.g. 60 for CET), used to compute
   * `epoch_s` from the banner date and wall-clock times. Default 0: the printed times are taken as UTC.
   * Ignored for -H output, whose epochs are exact.
   */
  utcOffsetMinutes?: number;
}

/** The record without its samples: what a reader that streams the samples keeps. */
export type PidstatSummary = Omit<PidstatRecord, 'samples'>;

/** A header line's columns, and its activity's bit: a task's rows of one sample time merge once per activity. */
type Layout = HeaderLine & { bit: number };
type Row = Record<string, unknown>;

const HALF_DAY_S = 43200;
const DAY_S = 86400;
const PidstatSummarySchema = PidstatRecord.omit({ samples: true });

/**
 * An incremental parser: `write()` the text in pieces split anywhere, then call `end()` once. Both return the
 * samples they completed, in file order, and keep none, so a reader that does not keep them either
 * (streamPidstatFile in ingest/load.ts) reads a file of any size in bounded memory: the parser holds one
 * unfinished line, the rows of one sample time and one average per task (`-o JSON`, one document, is held
 * whole). Samples are validated as part of a whole record (pidstatRecord); end() validates the summary.
 *
 * @example
 * const p = new PidstatParser();
 * for await (const chunk of textStream) for (const s of p.write(chunk)) total += s.cpu_pct ?? 0;
 * const { samples, summary } = p.end(); // the last samples; summary.sample_count, summary.average
 */
export class PidstatParser {
  private readonly header: PidstatHeader;
  private mode: 'text' | 'json' | null = null;
  private readonly json: string[] = [];
  private lineNo = 0;
  /** the text after the last newline written, carried to the next write() */
  private rest = '';
  private ended = false;
  private sawBanner = false;

  /** the line being read and its blank-separated tokens: token i is line.slice(starts[i], ends[i]) */
  private line = '';
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private count = 0;

  /** the header line in force, and its text (a -h file reprints the same one before every sample) */
  private cur: Layout | null = null;
  private curText = '';
  private timeInHeader = true; // its prefix is a time, not `# Time` or an average label: so is its rows'
  private readonly activityBits = new Map<string, number>();
  private lastTgid: number | null = null;

  /** the last sample time started, as printed and as read; its records by task key (pid, or -1 - tid) */
  private timeKey = '';
  private time: PidstatTime | null = null;
  private readonly group = new Map<number, { rec: Row; mask: number }>();
  private readonly averages = new Map<number, Row>();
  /** samples completed and not yet handed back */
  private readonly done: PidstatSample[] = [];
  private sampleCount = 0;

  // the clock, advanced as each sample time completes
  private startSod: number | null = null; // time of the first block header: pidstat's start
  private lastSod: number | null = null;
  private dayOffset = 0;
  private firstAbs: number | null = null;
  private firstEpoch: number | null = null;
  private baseDateS: number | null | undefined = undefined; // the banner date's UTC midnight; undefined: not resolved yet

  constructor(options: PidstatParserOptions = {}) {
    this.header = {
      os: null, kernel: null, hostname: null, date_printed: null, date: null, arch: null, cpu_count: null, layout: 'block',
      clock: 'wall', utc_offset_min: options.utcOffsetMinutes ?? 0, threads: false, decimal_separator: null, average_label: null, unknown_columns: [],
    };
  }

  write(text: string): PidstatSample[] {
    if (this.ended) throw new Error('PidstatParser: write() after end()');
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.readLine(this.rest + text.slice(start, nl)); // the text carried over completes the first line
      this.rest = '';
      start = nl + 1;
    }
    this.rest += text.slice(start);
    if (this.rest.length > PIDSTAT_MAX_LINE) this.tooLong(`runs past ${this.rest.length} bytes without a newline`);
    return this.done.splice(0); // the samples completed, none kept
  }

  end(): { samples: PidstatSample[]; summary: PidstatSummary } {
    if (this.ended) throw new Error('PidstatParser: end() called twice');
    if (this.rest.length > 0) this.readLine(this.rest); // a last line without newline
    this.ended = true;
    if (this.mode === null) throw new ParseError('empty input: no pidstat output to parse');
    if (this.mode === 'json') this.readJson();
    this.flushGroup();
    if (this.mode === 'text' && this.cur === null) throw new ParseError('not pidstat output: no header line naming PID (or TGID) and Command');
    if (this.sampleCount === 0) throw new ParseError('pidstat output has no samples (pidstat ran for zero intervals, or no task matched)');
    if (this.baseDateS === undefined) this.header.date = this.bannerDate(); // an -H file: no wall-clock sample resolved it
    const average = [...this.averages.values()] as PidstatSummary['average'];
    const summary = { format: 'pidstat' as const, header: this.header, sample_count: this.sampleCount, line_count: this.lineNo, average };
    return { samples: this.done.splice(0), summary: validated(PidstatSummarySchema, summary) };
  }

  /** `line` null: the problem is the whole input (or a JSON document, which has no useful line). */
  private fail(reason: string, line: number | null = this.lineNo): never {
    throw new ParseError(reason, line ?? undefined);
  }

  /** The next line is longer than PIDSTAT_MAX_LINE: `size` says how long. */
  private tooLong(size: string): never {
    this.fail(`line ${size}, longer than any pidstat row (limit 1 MiB): binary data or a file without newlines?`, this.lineNo + 1);
  }

  /** Splits `line` at blanks (spaces and tabs: pidstat pads with them; the U+202F of `Moyenne :` is part of a token). */
  private tokenize(line: string): number {
    let n = 0;
    for (let i = 0; i < line.length; i++) {
      let c = line.charCodeAt(i);
      if (c === 32 || c === 9) continue;
      this.starts[n] = i;
      do c = line.charCodeAt(++i);
      while (i < line.length && c !== 32 && c !== 9);
      this.ends[n++] = i;
    }
    this.line = line;
    return (this.count = n);
  }

  /** The texts of tokens `from` (inclusive) to `to` (exclusive) of the line being read. */
  private texts(from: number, to: number): string[] {
    const out: string[] = [];
    for (let i = from; i < Math.min(to, this.count); i++) out.push(this.line.slice(this.starts[i], this.ends[i]));
    return out;
  }

  /** True when token `i` is `word`. */
  private tokenIs(i: number, word: string): boolean {
    return this.ends[i] - this.starts[i] === word.length && this.line.startsWith(word, this.starts[i]);
  }

  /** True when token `i` is all digits. */
  private isDigits(i: number): boolean {
    for (let j = this.starts[i]; j < this.ends[i]; j++) if (this.line.charCodeAt(j) < 48 || this.line.charCodeAt(j) > 57) return false;
    return true;
  }

  private readLine(raw: string): void {
    if (raw.length > PIDSTAT_MAX_LINE) this.tooLong(`is ${raw.length} bytes long`);
    this.lineNo++;
    let line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (this.lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (this.mode === 'json') return void this.json.push(line);
    const n = this.tokenize(line);
    if (n === 0) return;
    const c0 = line.charCodeAt(this.starts[0]);
    this.mode ??= c0 === 123 /* { */ ? 'json' : 'text';
    if (this.mode === 'json') return void this.json.push(line);
    const digit = c0 >= 48 && c0 <= 57;
    const endsWithCommand = this.tokenIs(n - 1, 'Command');
    if (this.cur !== null && digit && !endsWithCommand) return this.timeRow(line); // most lines
    if (endsWithCommand && this.headerLine()) return;
    const banner = readBanner(line);
    if (banner !== null) {
      if (this.sawBanner) this.fail('a second sysstat banner line: two pidstat outputs concatenated? Parse each run as its own file');
      if (this.cur !== null) this.fail('sysstat banner line after pidstat rows');
      this.sawBanner = true;
      return void Object.assign(this.header, banner);
    }
    if (this.cur === null) {
      this.fail(`not pidstat output: line ${this.lineNo} is neither the sysstat banner nor a pidstat header ("${clip(line)}")`);
    }
    if (digit) return this.timeRow(line); // a row whose command is literally "Command"
    const labelLength = averageLabelLength(this.texts(0, 3));
    if (labelLength > 0) {
      this.flushGroup();
      this.header.average_label ??= this.texts(0, labelLength).join(' ');
      return this.fillRow(line, labelLength, true);
    }
    if (isMeridiem(this.texts(0, 1)[0])) return this.timeRow(line); // e.g. ko_KR 12-hour: `오후 07시 25분 48초`
    this.fail(`unrecognised line in pidstat output: "${clip(line)}"`);
  }

  /** Takes the line being read as a header line when it is one (true), else false. */
  private headerLine(): boolean {
    let layout = this.cur;
    if (layout === null || this.line !== this.curText) {
      const h = readHeaderLine(this.texts(0, this.count));
      if (h === null) return false;
      if (h.prefixLength === 0) this.fail('pidstat header line has no time column');
      for (const { kind, name } of h.columns) {
        if (kind === 'unknown' && !this.header.unknown_columns.includes(name)) this.header.unknown_columns.push(name);
      }
      const signature = h.columns.map((c) => c.name).join(' ');
      if (!this.activityBits.has(signature)) this.activityBits.set(signature, this.activityBits.size < 30 ? 1 << this.activityBits.size : 0);
      layout = { ...h, bit: this.activityBits.get(signature)! };
    }
    const prefix = this.texts(0, layout.prefixLength);
    this.timeInHeader = prefix[0] !== '#' && averageLabelLength(prefix) !== prefix.length;
    if (prefix[0] === '#') this.header.layout = 'one-line';
    if (this.timeInHeader) {
      const time = this.startSod === null ? parsePidstatTime(prefix.join(' ')) : undefined;
      if (time === null) this.fail(`pidstat header line starts with "${prefix.join(' ')}", which is neither a time nor an average label`);
      if (time?.epoch === null) this.startSod = time.secondsOfDay;
    }
    this.cur = layout;
    this.curText = this.line;
    this.lastTgid = null;
    return true;
  }

  private timeRow(line: string): void {
    const n = this.count;
    let k: number;
    if (this.timeInHeader) k = this.cur!.prefixLength;
    else if (n > 1 && this.isDigits(1)) k = 1; // `14:38:55  100  8180 ...`: the usual -h row
    else k = timePrefixLength(this.texts(0, 5));
    const key = line.slice(this.starts[0], this.ends[Math.min(k, n) - 1]); // the time as printed
    if (key !== this.timeKey) {
      const time = parsePidstatTime(key);
      if (time === null) this.fail(`pidstat row starts with "${clip(key)}", which is not a time`);
      this.startTime(key, time, this.lineNo);
    }
    this.fillRow(line, k, false);
  }

  /** Reads the row's columns (after its `k` prefix tokens) into its task's record. */
  private fillRow(line: string, k: number, isAverage: boolean): void {
    const { columns, pidIndex, tidIndex } = this.cur!;
    const nc = columns.length;
    if (this.count < k + nc + 1) this.fail(`pidstat row has ${this.count - k} fields but its header has ${nc + 1} columns (truncated line?)`);
    const pid = this.readId(k + pidIndex, columns[pidIndex].name);
    const tid = tidIndex < 0 ? undefined : this.readId(k + tidIndex, 'TID');
    const rec = this.recordFor(pid, tid, line.slice(this.starts[k + nc]), isAverage);
    for (let j = 0; j < nc; j++) {
      const col = columns[j];
      const start = this.starts[k + j];
      const end = this.ends[k + j];
      if (col.kind === 'number' || col.kind === 'uid') {
        const v = parsePidstatNumber(line, col.unit, start, end);
        if (v === undefined || (col.kind === 'uid' && v !== null && !Number.isInteger(v))) {
          this.fail(`pidstat column ${col.name} has ${invalidValue(line.slice(start, end), col.kind === 'uid')}`);
        }
        rec[col.field] = v;
        if (col.kind === 'number') this.header.decimal_separator ??= decimalSeparatorOf(line.slice(start, end));
      } else if (col.kind === 'user' || col.kind === 'string') {
        rec[col.field] = line.slice(start, end);
      } else if (col.kind === 'unknown') {
        ((rec.extra ??= {}) as Row)[col.name] = line.slice(start, end);
      }
    }
  }

  /** Token `i` as an id column's value: a number, or undefined for `-` (a thread row's TGID, a process row's TID). */
  private readId(i: number, name: string): number | undefined {
    if (this.tokenIs(i, '-')) return undefined;
    if (!this.isDigits(i)) this.fail(`pidstat column ${name} has a non-integer value "${this.texts(i, i + 1)[0]}"`);
    let v = 0;
    for (let j = this.starts[i]; j < this.ends[i]; j++) v = v * 10 + this.line.charCodeAt(j) - 48;
    return v;
  }

  /**
   * The record a row adds to: its task's record at this sample time (rows of other activities merge into it),
   * or a new one. `pidVal` is undefined for a TGID `-`; `tid` on process rows and without a TID column.
   */
  private recordFor(pidVal: number | undefined, tid: number | undefined, rawCommand: string, isAverage: boolean): Row {
    if (pidVal === undefined) {
      if (this.lastTgid === null) this.fail('pidstat thread row (TGID "-") without a process row before it');
      if (tid === undefined) this.fail('pidstat row has neither a TGID nor a TID');
    }
    const pid = pidVal === undefined ? this.lastTgid! : (this.lastTgid = pidVal); // `(leader)__thread` rows print both ids
    const lastChar = rawCommand.charCodeAt(rawCommand.length - 1);
    let command = lastChar === 32 || lastChar === 9 ? rawCommand.trimEnd() : rawCommand;
    let leader: string | undefined;
    if (tid !== undefined) {
      this.header.threads = true;
      const close = command.startsWith('(') ? command.indexOf(')__') : -1;
      if (command.startsWith('|__')) command = command.slice(3);
      else if (close > 0) [leader, command] = [command.slice(1, close), command.slice(close + 3)];
    }
    const key = tid === undefined ? pid : -1 - tid;
    if (isAverage) {
      if (!this.averages.has(key)) {
        const { time, date, epoch_s, elapsed_s, ...average } = newSample(pid, tid, command, leader);
        this.averages.set(key, average);
      }
      return this.averages.get(key)!;
    }
    const bit = this.cur!.bit;
    const entry = this.group.get(key);
    if (entry !== undefined && (entry.mask & bit) === 0) {
      entry.mask |= bit;
      return entry.rec;
    }
    if (entry !== undefined) this.flushGroup(); // same task, activity and printed time: a new sample in the same second
    const rec = newSample(pid, tid, command, leader);
    this.group.set(key, { rec, mask: bit });
    return rec;
  }

  /**
   * Starts the sample time `time` (printed `key`): the samples of the one before are complete. Fails when it is
   * earlier than the one before; a wall-clock time more than 12 h earlier is the next day (midnight rollover).
   */
  private startTime(key: string, time: PidstatTime, line: number | null): void {
    this.flushGroup();
    const [prev, before] = [this.time, this.timeKey];
    const back = prev === null ? 0 : time.epoch !== null && prev.epoch !== null ? prev.epoch - time.epoch : prev.secondsOfDay - time.secondsOfDay;
    if (back > 0 && (time.epoch !== null || back <= HALF_DAY_S)) this.fail(`sample time ${clip(key)} goes backwards after ${clip(before)}`, line);
    [this.timeKey, this.time] = [key, time];
  }

  /**
   * The samples of the sample time in force get their time fields and are handed over. (None for a JSON
   * statistics object without tasks, which then gives no reference time for elapsed_s.)
   */
  private flushGroup(): void {
    if (this.group.size === 0) return;
    const timeFields = this.sampleTimeFields(this.time!);
    for (const { rec } of this.group.values()) this.done.push(Object.assign(rec, timeFields) as PidstatSample);
    this.sampleCount += this.group.size;
    this.group.clear();
  }

  /** A sample time's fields: for -H from its epoch; else from the banner date, a day later at each midnight. */
  private sampleTimeFields(time: PidstatTime): Pick<PidstatSample, 'time' | 'date' | 'epoch_s' | 'elapsed_s'> {
    if (time.epoch !== null) {
      this.header.clock = 'epoch';
      this.firstEpoch ??= time.epoch;
      const iso = isoSeconds(time.epoch);
      return { time: iso.slice(11), date: iso.slice(0, 10), epoch_s: time.epoch, elapsed_s: time.epoch - this.firstEpoch };
    }
    const sod = time.secondsOfDay;
    // more than 12 h before the sample time before (for the first one: pidstat's start) is the next day
    const before = this.lastSod ?? this.startSod;
    if (before !== null && before - sod > HALF_DAY_S) this.dayOffset++;
    this.lastSod = sod;
    const abs = this.dayOffset * DAY_S + sod;
    this.firstAbs ??= abs;
    if (this.baseDateS === undefined) {
      // the banner date, read once the first sample's values showed the locale (decimal comma, 12-hour clock)
      this.header.date = this.bannerDate();
      this.baseDateS = this.header.date === null ? null : Date.parse(`${this.header.date}T00:00:00Z`) / 1000;
    }
    const base = this.baseDateS;
    return {
      time: isoSeconds(sod % DAY_S).slice(11),
      date: base === null ? null : isoSeconds(base + this.dayOffset * DAY_S).slice(0, 10),
      epoch_s: base === null ? null : base + abs - this.header.utc_offset_min * 60,
      elapsed_s: abs - this.firstAbs,
    };
  }

  private bannerDate(): string | null {
    const hints = { twelveHour: this.time?.twelveHour ?? false, decimalComma: this.header.decimal_separator === ',' };
    return this.header.date_printed === null ? null : bannerDateIso(this.header.date_printed, hints);
  }

  /** The `-o JSON` document, read whole: its records become samples as the text's rows do. */
  private readJson(): void {
    const { samples, ...host } = readPidstatJson(this.json.join('\n'));
    Object.assign(this.header, host, { layout: 'json' });
    for (const { timestamp, tasks } of samples) {
      const time = parsePidstatTime(timestamp);
      if (time === null) this.fail(`pidstat -o JSON timestamp "${timestamp}" is not a time`, null);
      this.startTime(timestamp, time, null);
      for (const rec of tasks) this.group.set(this.group.size, { rec, mask: 0 });
    }
  }
}

/** `YYYY-MM-DDTHH:MM:SS` of `s` seconds after the epoch, in UTC: a sample's date and time of day. */
function isoSeconds(s: number): string {
  return new Date(s * 1000).toISOString().slice(0, 19);
}

/**
 * `value` when zod accepts it, else a ParseError. Returned as built (the parser's key order: a sample's time
 * first), not as zod's copy, so only zod's verdict is used (not ingest/validated-record.ts).
 */
function validated<T>(schema: typeof PidstatRecord | typeof PidstatSummarySchema, value: T): T {
  const checked = schema.safeParse(value);
  if (checked.success) return value;
  const issue = checked.error.issues[0];
  throw new ParseError(`pidstat record failed validation at ${issue.path.join('.')}: ${issue.message}`);
}

/**
 * The whole record from its summary and every sample, validated.
 *
 * @example
 * pidstatRecord(summary, samples).samples.length === summary.sample_count // true
 */
export function pidstatRecord(summary: PidstatSummary, samples: PidstatSample[]): PidstatRecord {
  const { format, header, sample_count, line_count, average } = summary;
  return validated(PidstatRecord, { format, header, samples, sample_count, line_count, average });
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
  const parser = new PidstatParser(options);
  const samples = parser.write(text);
  const end = parser.end();
  return pidstatRecord(end.summary, samples.concat(end.samples));
}

const JSON_TASK_KEYS = /"(task-cpu-load|task-memory|child-cpu-load|child-memory|context-switch)"|"(PID|TGID)":/;

/**
 * True when `head` looks like pidstat output: a header line (among the first 200) naming PID (or TGID) and
 * ending with Command, or sysstat JSON with pidstat's activities. sar/iostat/mpstat share the banner but not
 * these headers.
 *
 * @example
 * sniffPidstat('Linux 6.1 (h) \t11/22/26 \t_x86_64_\t(2 CPU)\n\n12:53:20  UID  PID  %CPU  Command\n') // true
 * sniffPidstat('Linux 6.1 (h) \t11/22/26 \t_x86_64_\t(2 CPU)\n\navg-cpu:  %user\n') // false
 */
export function sniffPidstat(head: string): boolean {
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{')) return /"sysstat"/.test(trimmed) && JSON_TASK_KEYS.test(trimmed);
  const tokens = (line: string) => line.replace(/\r$/, '').split(/[ \t]+/).filter((t) => t !== '');
  return head.split('\n', 200).some((line) => line.includes('Command') && readHeaderLine(tokens(line)) !== null);
}

/** The registry entry (ingest/formats.ts). */
export const pidstatFormat: Format<PidstatRecord> = { name: 'pidstat', sniff: sniffPidstat, parse: (text) => parsePidstat(text) };
