/**
 * wrk 4.x and wrk2 (`-R`) text output -> WrkRecord. Pure: text in, validated record out.
 *
 * Reads, in any order wrk prints them: `Running 30s test @ url` (or wrk2's fork `Test Results @ url`, or
 * wrk 1.x `Making N requests to url`), `N threads and M connections`, wrk2's `Thread calibration` lines,
 * the Thread Stats table (third column `Max`, or `99%` in the DeathStarBench fork), wrk's `Latency
 * Distribution` (`--latency`), wrk2's HdrHistogram blocks (Recorded and Uncorrected) with their detailed
 * spectrum and `#[Mean = ...]` footers, the `N requests in T, B read` summary, `Socket errors:` and
 * `Non-2xx or 3xx responses:` (printed only when non-zero: absent means 0), `Requests/sec:` and
 * `Transfer/sec:`. Every line after `Transfer/sec` is a Lua `done()` print and is kept verbatim.
 *
 * Fails loudly (ParseError with the line): wrk's own failure messages (`unable to connect to ...`), output
 * that stops before the summary (truncated), and a known line whose values do not read. Lines wrk does not
 * print itself (a Lua `print` in `init`, a pasted shell prompt) are ignored.
 */
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { WrkRecord, type WrkHdrSummary, type WrkPercentiles, type WrkSpectrumRow } from '../records/wrk.ts';
import { validatedRecord } from '../validated-record.ts';
import { isNan, parseBytes, parseMetric, parsePercent, parseTimeMs } from './wrk-units.ts';

/** Messages wrk (and wrk2) print instead of a summary when the run failed. */
const FAILURE_RE =
  /^(unable to connect to .*|unable to create thread .*|unable to initialize SSL.*|Usage: wrk .*|PANIC: .*|invalid URL.*|wrk: .*|could not parse .*|invalid mask in range.*)$/;

type Stats4 = { avg: number | null; stdev: number | null; third: number | null; within_stdev_pct: number | null };

interface Histogram {
  percentiles: WrkPercentiles;
  spectrum: WrkSpectrumRow[];
  hdr: WrkHdrSummary | null;
}

/**
 * Parse the stdout of one wrk or wrk2 run.
 *
 * @example
 * parseWrk('Running 3s test @ http://127.0.0.1:8080/\n  2 threads and 16 connections\n...')
 * // -> { format: 'wrk', tool: 'wrk', threads: 2, connections: 16, requests: 197486, latency_ms: { p99: 3.74, ... }, ... }
 */
export function parseWrk(text: string): WrkRecord {
  const lines = text.split(/\r?\n/);
  let url: string | null = null;
  let threads: number | null = null;
  let connections: number | null = null;
  let testDuration: number | null = null;
  let wrk2 = false;
  let thirdColumn: 'max' | 'p99' = 'max';
  let latency: Stats4 | null = null;
  let reqSec: Stats4 | null = null;
  const calibration: { mean_latency_ms: number; sampling_interval_ms: number }[] = [];
  let percentiles: WrkPercentiles | null = null;
  let recorded: Histogram | null = null;
  let uncorrected: Histogram | null = null;
  let summary: { line: number; requests: number; duration_s: number; bytes: number } | null = null;
  const errors = { connect: 0, read: 0, write: 0, timeout: 0, non_2xx_3xx: 0 };
  let requestsPerS: number | null = null;
  let transferPerS: number | null = null;
  const scriptOutput: string[] = [];
  let failure: { line: number; message: string } | null = null;

  // current block being filled: wrk's percentile list, or a wrk2 HdrHistogram
  let block: { kind: 'wrk' } | { kind: 'hdr'; hist: Histogram; spectrum: boolean } | null = null;

  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const raw = lines[i];
    const line = raw.trim();
    if (transferPerS !== null) {
      scriptOutput.push(raw);
      continue;
    }
    if (line === '') {
      if (block?.kind === 'wrk') block = null;
      continue;
    }
    let m: RegExpExecArray | null;

    if (block) {
      if (block.kind === 'wrk' && (m = /^(\d+(?:\.\d+)?)%\s+(\S+)$/.exec(line))) {
        (percentiles ??= {})[percentileKey(m[1], n)] = time(m[2], n, 'latency percentile');
        continue;
      }
      if (block.kind === 'hdr') {
        const hist = block.hist;
        if ((m = /^(\d+(?:\.\d+)?)%\s+(\S+)$/.exec(line)) && !block.spectrum) {
          hist.percentiles[percentileKey(m[1], n)] = time(m[2], n, 'latency percentile');
          continue;
        }
        if (/^Detailed Percentile spectrum:$/.test(line)) {
          block.spectrum = true;
          continue;
        }
        if (/^Value\s+Percentile\s+TotalCount\s+1\/\(1-Percentile\)$/.test(line)) continue;
        if ((m = /^(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+)\s+(\d+(?:\.\d+)?|inf)$/.exec(line)) && block.spectrum) {
          hist.spectrum.push({ latency_ms: Number(m[1]), percentile: Number(m[2]), count: Number(m[3]) }); // digits only: never negative
          continue;
        }
        if ((m = /^#?\[Mean\s*=\s*(\S+), StdDeviation\s*=\s*(\S+)\]$/.exec(line))) {
          hist.hdr = { ...emptyHdr(), ...hist.hdr, mean_ms: plainNumber(m[1], n, 'Mean'), stdev_ms: plainNumber(m[2], n, 'StdDeviation') };
          continue;
        }
        if ((m = /^#?\[Max\s*=\s*(\S+), Total count\s*=\s*(\S+)\]$/.exec(line))) {
          hist.hdr = { ...emptyHdr(), ...hist.hdr, max_ms: plainNumber(m[1], n, 'Max'), total_count: plainNumber(m[2], n, 'Total count') };
          continue;
        }
        if ((m = /^#?\[Buckets\s*=\s*(\S+), SubBuckets\s*=\s*(\S+)\]$/.exec(line))) {
          hist.hdr = { ...emptyHdr(), ...hist.hdr, buckets: plainNumber(m[1], n, 'Buckets'), sub_buckets: plainNumber(m[2], n, 'SubBuckets') };
          continue;
        }
        if (/^-{10,}$/.test(line)) {
          block = null;
          continue;
        }
        if (line === '...') continue;
      }
      block = null; // any other line ends the block and is read below
    }

    // each pattern below starts with a fixed character: `c` skips those a line cannot match (same first match)
    const c = line.charCodeAt(0);
    const digit = c >= 48 && c <= 57;
    if (c === 82 /* R */ && (m = /^Running (\S+) test @ (.+)$/.exec(line))) {
      testDuration = time(m[1], n, 'test duration') / 1000;
      url = m[2].trim();
    } else if (c === 77 /* M */ && (m = /^Making (\d+) requests to (.+)$/.exec(line))) {
      url = m[2].trim();
    } else if (c === 84 /* T */ && (m = /^Test Results @ (.+)$/.exec(line))) {
      url ??= m[1].trim();
      wrk2 = true;
    } else if (digit && (m = /^(\d+) threads and (\d+) connections$/.exec(line))) {
      threads = Number(m[1]);
      connections = Number(m[2]);
    } else if (c === 84 && (m = /^Thread calibration: mean lat\.: (\S+)ms, rate sampling interval: (\d+)ms$/.exec(line))) {
      wrk2 = true;
      calibration.push({ mean_latency_ms: plainNumber(m[1], n, 'calibration mean latency') ?? NaN, sampling_interval_ms: Number(m[2]) });
    } else if (c === 84 && (m = /^Thread Stats\s+Avg\s+Stdev\s+(Max|99%)\s+\+\/- Stdev$/.exec(line))) {
      thirdColumn = m[1] === 'Max' ? 'max' : 'p99';
    } else if (c === 76 /* L */ && /^Latency Distribution$/.test(line)) {
      block = { kind: 'wrk' };
    } else if (c === 76 && (m = /^Latency Distribution \(HdrHistogram - (Recorded|Uncorrected) /.exec(line))) {
      wrk2 = true;
      const hist: Histogram = { percentiles: {}, spectrum: [], hdr: null };
      if (m[1] === 'Recorded') recorded = hist;
      else uncorrected = hist;
      block = { kind: 'hdr', hist, spectrum: false };
    } else if (c === 76 && /^Latency\b/.test(line)) {
      latency = stats4(line, 'Latency', n, (t) => (isNan(t) ? null : time(t, n, 'latency')));
    } else if (c === 82 && /^Req\/Sec\b/.test(line)) {
      reqSec = stats4(line, 'Req/Sec', n, (t) => metric(t, n, 'Req/Sec'));
    } else if (digit && (m = /^(\d+) requests in (\S+), (\S+) read$/.exec(line))) {
      if (summary) throw new ParseError(`a second "requests in" summary (first at line ${summary.line}): one wrk run per file`, n);
      const bytes = parseBytes(m[3]);
      if (bytes === undefined) throw new ParseError(`bytes read "${m[3]}" is not a wrk byte amount (e.g. 28.81MB)`, n);
      if (bytes < 0) throw negative('bytes read', m[3], n);
      summary = { line: n, requests: Number(m[1]), duration_s: time(m[2], n, 'run time') / 1000, bytes: Math.round(bytes) };
    } else if (c === 79 /* O */ && /^Overall \d+ requests in/.test(line)) {
      throw new ParseError('multi-URL wrk2 output ("Overall" statistics): one URL per file is supported', n);
    } else if (c === 83 /* S */ && (m = /^Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)$/.exec(line))) {
      errors.connect = Number(m[1]);
      errors.read = Number(m[2]);
      errors.write = Number(m[3]);
      errors.timeout = Number(m[4]);
    } else if (c === 78 /* N */ && (m = /^Non-2xx or 3xx responses: (\d+)$/.exec(line))) {
      errors.non_2xx_3xx = Number(m[1]);
    } else if (c === 82 && (m = /^Requests\/sec:\s+(\S+)$/.exec(line))) {
      requestsPerS = plainNumber(m[1], n, 'Requests/sec');
      if (requestsPerS === null) throw new ParseError(`Requests/sec "${m[1]}" is not a number`, n);
    } else if (c === 84 && (m = /^Transfer\/sec:\s+(\S+)$/.exec(line))) {
      const b = parseBytes(m[1]);
      if (b === undefined) throw new ParseError(`Transfer/sec "${m[1]}" is not a wrk byte amount (e.g. 9.60MB)`, n);
      if (b < 0) throw negative('Transfer/sec', m[1], n);
      transferPerS = Math.round(b);
    } else if (FAILURE_RE.test(line)) {
      failure ??= { line: n, message: line };
    } else if (/^(Socket errors|Non-2xx|Requests\/sec|Transfer\/sec|Thread Stats)\b/.test(line) || /^\d+ requests in\b/.test(line)) {
      throw new ParseError(`unreadable wrk line: "${line}"`, n);
    }
    // anything else: not printed by wrk itself (Lua print in init/setup, pasted prompt): ignored
  }

  const lastLine = lastNonEmptyLine(lines);
  if (!summary || requestsPerS === null || transferPerS === null) {
    if (failure) throw new ParseError(`wrk run failed: ${failure.message}`, failure.line);
    if (!summary) throw new ParseError('truncated wrk output: no "N requests in T, B read" summary line', lastLine);
    if (requestsPerS === null) throw new ParseError('truncated wrk output: no "Requests/sec:" line after the summary', lastLine);
    throw new ParseError('truncated wrk output: no "Transfer/sec:" line after "Requests/sec:"', lastLine);
  }

  if (!latency) {
    throw new ParseError(`truncated wrk output: no Thread Stats "Latency" row before the summary at line ${summary.line}`, 1);
  }
  const measured = summary.requests > 0;
  const hdrPercentiles = (recorded as Histogram | null)?.percentiles;
  const printed: WrkPercentiles = { ...(percentiles ?? {}), ...(hdrPercentiles ?? {}) };
  if (thirdColumn === 'p99' && printed.p99 === undefined && latency) printed.p99 = latency.third;
  const latencyMs = {
    avg: kept(measured, latency?.avg),
    stdev: kept(measured, latency?.stdev),
    max: thirdColumn === 'max' ? kept(measured, latency?.third) : null,
    within_stdev_pct: kept(measured, latency?.within_stdev_pct),
    ...mapKept(printed, measured),
  };

  const record: WrkRecord = {
    format: 'wrk',
    tool: wrk2 ? 'wrk2' : 'wrk',
    url,
    threads,
    connections,
    duration_s: summary.duration_s,
    test_duration_s: testDuration,
    requests: summary.requests,
    bytes_read: summary.bytes,
    requests_per_s: requestsPerS,
    transfer_bytes_per_s: transferPerS,
    latency_ms: latencyMs,
    req_per_s_thread: {
      avg: kept(measured, reqSec?.avg),
      stdev: kept(measured, reqSec?.stdev),
      max: kept(measured, reqSec?.third),
      within_stdev_pct: kept(measured, reqSec?.within_stdev_pct),
    },
    errors,
    script_output: trimTrailingEmpty(scriptOutput),
  };
  const rec = recorded as Histogram | null;
  if (rec) {
    record.spectrum = rec.spectrum;
    if (rec.hdr) record.hdr = rec.hdr;
  }
  const unc = uncorrected as Histogram | null;
  if (unc) record.uncorrected = { latency_ms: mapKept(unc.percentiles, measured), spectrum: unc.spectrum, hdr: unc.hdr };
  if (calibration.length) record.calibration = calibration;

  return validatedRecord(WrkRecord, record, 'wrk');
}

/** `50` -> p50, `99.900` -> p99_9, `100.000` -> p100. */
function percentileKey(printed: string, line: number): keyof WrkPercentiles {
  const key = `p${String(Number(printed)).replace('.', '_')}`;
  const known = ['p50', 'p75', 'p90', 'p99', 'p99_9', 'p99_99', 'p99_999', 'p100'];
  if (!known.includes(key)) throw new ParseError(`unexpected latency percentile ${printed}% (wrk prints 50/75/90/99, wrk2 up to 100)`, line);
  return key as keyof WrkPercentiles;
}

/** The 4 columns of a Thread Stats row (`Latency 6.51ms 16.95ms 218.62ms 91.61%`). */
function stats4(line: string, label: string, n: number, read: (token: string) => number | null): Stats4 {
  const tokens = line.slice(label.length).trim().split(/\s+/);
  if (tokens.length !== 4) throw new ParseError(`${label} row has ${tokens.length} values, expected 4 (avg, stdev, max, +/- stdev)`, n);
  const pct = parsePercent(tokens[3]);
  if (pct === undefined) throw new ParseError(`${label} "+/- Stdev" value "${tokens[3]}" is not a percentage`, n);
  if (pct !== null && pct < 0) throw negative(`${label} "+/- Stdev"`, tokens[3], n);
  return { avg: read(tokens[0]), stdev: read(tokens[1]), third: read(tokens[2]), within_stdev_pct: pct };
}

function time(token: string, n: number, what: string): number {
  const v = parseTimeMs(token);
  if (v === undefined) throw new ParseError(`${what} "${token}" is not a wrk time (e.g. 847.00us, 6.51ms, 1.32s, 1.67m)`, n);
  if (v < 0) throw negative(what, token, n);
  return v;
}

function metric(token: string, n: number, what: string): number | null {
  if (isNan(token)) return null;
  const v = parseMetric(token);
  if (v === undefined) throw new ParseError(`${what} value "${token}" is not a wrk count (e.g. 11.12k)`, n);
  if (v < 0) throw negative(`${what} value`, token, n);
  return v;
}

/**
 * A number wrk prints with printf `%f`/`%d`: plain decimal digits. null for `nan`/`-nan` (nothing measured)
 * and for text that is not a number at all; a ParseError for a negative value (wrk measures counts, rates and
 * durations) or another spelling `Number()` would accept (`0x1F`, `1e3`, `Infinity`).
 */
function plainNumber(token: string, n: number, what: string): number | null {
  if (isNan(token)) return null;
  if (/^\d+(\.\d+)?$/.test(token)) return Number(token);
  if (/^-\d+(\.\d+)?$/.test(token)) throw negative(what, token, n);
  if (token !== '' && Number.isFinite(Number(token))) {
    throw new ParseError(`${what} "${token}" is not a decimal number as wrk prints it (e.g. 65783.76)`, n);
  }
  return null;
}

function negative(what: string, token: string, n: number): ParseError {
  return new ParseError(`${what} "${token}" is negative: wrk prints no negative counts, rates, sizes or times`, n);
}

function emptyHdr(): WrkHdrSummary {
  return { mean_ms: null, stdev_ms: null, max_ms: null, total_count: null, buckets: null, sub_buckets: null };
}

/** A value as recorded: null when nothing was measured (no request) or it was not printed. */
function kept(measured: boolean, v: number | null | undefined): number | null {
  return measured && v !== undefined ? v : null;
}

/** `o` with every value passed through kept(). */
function mapKept<T extends Record<string, number | null | undefined>>(o: T, measured: boolean): T {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(o)) out[k] = kept(measured, v);
  return out as T;
}

function lastNonEmptyLine(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim() !== '') return i + 1;
  return 1;
}

function trimTrailingEmpty(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  return lines.slice(0, end);
}

/**
 * True when `head` looks like wrk/wrk2 stdout, including a failed run's one-line message.
 * @example sniffWrk('Running 30s test @ http://127.0.0.1:8080/\n') // true
 */
export function sniffWrk(head: string): boolean {
  // each pattern behind the plain substring it needs: most files sniffed are not wrk's
  return (
    (head.includes('Running ') && /^Running \S+ test @ /m.test(head)) ||
    // (substrings searched from a letter: a leading space is everywhere in other tools' padded columns, slow to skip)
    (head.includes('threads and ') && /^\s*\d+ threads and \d+ connections\s*$/m.test(head)) ||
    (head.includes('Thread Stats') && /^\s*Thread Stats\s+Avg\s+Stdev\s+/m.test(head)) ||
    (head.includes('requests in ') && /^\s*\d+ requests in \S+, \S+ read\s*$/m.test(head)) ||
    /^\s*unable to connect to \S+ /.test(head)
  );
}

/** The wrk entry of the format registry (ingest/formats.ts). */
export const wrkFormat: Format<WrkRecord> = { name: 'wrk', sniff: sniffWrk, parse: parseWrk };
