/**
 * The catalogue of hostile raw files: real captured outputs (tests/fixtures/) cut short, filled with
 * binary garbage, blown up to a 100 MB line, with NaN/inf/-nan, negative and absurd numbers, duplicate
 * and backwards timestamps, and empty files. Each case says what a correct reader must do with it:
 * `error` (a ParseError naming file, line and reason) or `error-or-sane` (that, or a record holding no
 * NaN, no infinity and no negative number). Written to a directory by `writeHostileFiles`.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

export type Expectation = 'error' | 'error-or-sane';

export interface HostileCase {
  /** file name in the output directory; says what was done to which fixture */
  name: string;
  expect: Expectation;
  /** 1-based line the damage is on, when there is one (a reader's error should point there or after) */
  line?: number;
  /** bytes, or a size of repeated filler written in chunks (the 100 MB cases) */
  content: Buffer | { prefix: string; fill: string; bytes: number; suffix: string };
}

/** The base fixtures: one real capture per format. */
export const BASES: Record<string, string> = {
  wrk: 'wrk/latency-c16.txt',
  'bench-throughput': 'bench/throughput-nginx-keepalive.txt',
  'bench-latency': 'bench/latency-nginx-R1000.txt',
  'bench-latencies': 'bench/latencies-nginx-R1000.txt',
  'bench-memory': 'bench/memory-gateway-proxy.txt',
  'bench-cpu': 'bench/cpu-gateway-wrk.txt',
  pidstat: 'pidstat/c-urw-block.txt',
  'perf-stat': 'perf-stat/text-r3.txt',
  'perf-stat-interval': 'perf-stat/text-I500.txt',
  'perf-stat-csv': 'perf-stat/csv-x.txt',
  'perf-stat-json': 'perf-stat/json.txt',
  strace: 'strace/c-f-ls.txt',
};

function base(kind: string): string {
  return readFileSync(path.join(FIXTURES, BASES[kind]!), 'utf8');
}

/** A deterministic byte stream (xorshift32), so the garbage is the same on every run. */
function garbage(n: number, seed: number, noNul = false): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = noNul ? (x & 0xff) | 1 : x & 0xff;
  }
  return b;
}

/** Replaces the number right after the first match of `before` with `value`; returns text and line. */
function replaceNumber(text: string, before: RegExp, value: string): { text: string; line: number } | undefined {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => before.test(l));
  if (i < 0) return undefined;
  const l = lines[i]!;
  const m = before.exec(l)!;
  const start = m.index + m[0].length;
  const num = /^-?\d[\d.,]*/.exec(l.slice(start));
  if (!num) return undefined;
  lines[i] = l.slice(0, start) + value + l.slice(start + num[0].length);
  return { text: lines.join('\n'), line: i + 1 };
}

/** Where each format keeps a value worth poisoning: the match ends right before the number. */
const VALUE_AT: Record<string, RegExp> = {
  wrk: /^Requests\/sec:\s+/,
  'bench-throughput': /^requests_per_s: /,
  'bench-latency': /^latency_p99_us: /,
  'bench-latencies': /^(?=\d+$)/,
  'bench-memory': /^rss_peak_kb: /,
  'bench-cpu': /^total_cpu_us_per_req: /,
  pidstat: /^\d\d:\d\d:\d\d\s+\d+\s+\d+\s+/,
  'perf-stat': /^\s+(?=\d[\d.,]*\s+msec task-clock)/,
  'perf-stat-interval': /^\s+\d+\.\d+\s+/,
  strace: /^\s*(?=\d+\.\d+\s+\d)/,
};

/**
 * Every hostile case, deterministic.
 * @example hostileCases().find((c) => c.name === 'empty.txt')!.expect // 'error'
 */
export function hostileCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (c: HostileCase) => cases.push(c);

  // Empty and near-empty files.
  add({ name: 'empty.txt', expect: 'error', content: Buffer.alloc(0) });
  add({ name: 'blank-lines.txt', expect: 'error', content: Buffer.from('\n\n   \n\t\n') });
  add({ name: 'bom-only.txt', expect: 'error', content: Buffer.from('\uFEFF') });

  // Binary garbage.
  add({ name: 'garbage-with-nul.bin', expect: 'error', line: 1, content: garbage(8192, 1) });
  add({ name: 'garbage-no-nul.bin', expect: 'error', content: garbage(8192, 2, true) });
  add({ name: 'elf-binary.bin', expect: 'error', line: 1, content: readFileSync(process.execPath).subarray(0, 65536) });

  // 100 MB on one line: alone, after a wrk header, after a pidstat banner (streamed), as a latency.
  const MB100 = 100 * 1024 * 1024;
  add({ name: 'line-100MB.txt', expect: 'error', line: 1, content: { prefix: '', fill: 'A', bytes: MB100, suffix: '' } });
  add({ name: 'wrk-header-then-100MB-line.txt', expect: 'error', content: { prefix: 'Running 3s test @ http://127.0.0.1:8080/\n  2 threads and 16 connections\n', fill: 'x', bytes: MB100, suffix: '\n' } });
  add({ name: 'pidstat-banner-then-100MB-line.txt', expect: 'error', content: { prefix: base('pidstat').split('\n').slice(0, 3).join('\n') + '\n', fill: '9', bytes: MB100, suffix: '\n' } });
  add({ name: 'latencies-100MB-number.txt', expect: 'error', line: 2, content: { prefix: '# bench-latency 1 latencies_us\n', fill: '7', bytes: MB100, suffix: '\n' } });

  for (const kind of Object.keys(BASES)) {
    const text = base(kind);
    const lines = text.split('\n');
    // Truncations: half the bytes, the first line only, mid-number in the last value line.
    add({ name: `${kind}-truncated-half.txt`, expect: 'error-or-sane', content: Buffer.from(text.slice(0, Math.floor(text.length / 2))) });
    add({ name: `${kind}-first-line-only.txt`, expect: 'error-or-sane', content: Buffer.from(`${lines[0]}\n`) });
    add({ name: `${kind}-cut-mid-line.txt`, expect: 'error-or-sane', content: Buffer.from(text.trimEnd().slice(0, -3)) });
    // Garbage appended to and inserted into a real capture.
    add({ name: `${kind}-garbage-appended.txt`, expect: 'error-or-sane', content: Buffer.concat([Buffer.from(text), garbage(512, 3, true)]) });
    const mid = Math.floor(lines.length / 2);
    add({
      name: `${kind}-binary-line-inserted.txt`,
      expect: 'error-or-sane',
      content: Buffer.from([...lines.slice(0, mid), garbage(64, 4, true).toString('latin1'), ...lines.slice(mid)].join('\n'), 'latin1'),
    });
    // Windows line endings everywhere: a correct parse or a clear error.
    add({ name: `${kind}-crlf.txt`, expect: 'error-or-sane', content: Buffer.from(text.replace(/\n/g, '\r\n')) });

    const at = VALUE_AT[kind];
    if (!at) continue;
    for (const [label, value] of [
      ['nan', 'nan'],
      ['NaN', 'NaN'],
      ['minus-nan', '-nan'],
      ['inf', 'inf'],
      ['minus-inf', '-inf'],
      ['Infinity', 'Infinity'],
      ['negative', '-1'],
      ['negative-big', '-123456.78'],
      ['absurd-1e308', '1e308'],
      ['absurd-1e400', '1e400'],
      ['absurd-digits', '9'.repeat(400)],
      ['hex', '0x1F'],
    ] as const) {
      const r = replaceNumber(text, at, value);
      if (!r) continue;
      // No tool prints hex: reading "0x1F" as 31 is a silent misparse.
      add({ name: `${kind}-value-${label}.txt`, expect: label === 'hex' ? 'error' : 'error-or-sane', line: r.line, content: Buffer.from(r.text) });
    }
  }

  // Timestamps: pidstat samples duplicated and going backwards, perf stat -I intervals backwards.
  const pid = base('pidstat').split('\n');
  const firstBlock = pid.slice(2, 5);
  add({ name: 'pidstat-duplicate-samples.txt', expect: 'error-or-sane', content: Buffer.from([...pid.slice(0, 5), ...firstBlock, ...pid.slice(5)].join('\n')) });
  const blocks = base('pidstat').split('\n\n');
  add({ name: 'pidstat-backwards-blocks.txt', expect: 'error-or-sane', content: Buffer.from([blocks[0], ...blocks.slice(1).reverse()].join('\n\n')) });
  const perfI = base('perf-stat-interval').split('\n');
  const head = perfI.filter((l) => !/^\s+\d+\.\d+\s/.test(l));
  const rows = perfI.filter((l) => /^\s+\d+\.\d+\s/.test(l));
  add({ name: 'perf-stat-interval-backwards.txt', expect: 'error-or-sane', content: Buffer.from([...head.slice(0, 3), ...rows.reverse(), ''].join('\n')) });
  add({ name: 'perf-stat-interval-duplicate.txt', expect: 'error-or-sane', content: Buffer.from([...head.slice(0, 3), ...rows, ...rows, ''].join('\n')) });
  const lat = base('bench-latencies');
  add({ name: 'bench-latencies-negative-inside.txt', expect: 'error-or-sane', line: 2, content: Buffer.from(lat.replace(/\n(\d+)\n/, '\n-5\n')) });
  return cases;
}

/**
 * Writes every case into `dir`; returns the cases with their paths.
 * @example const files = writeHostileFiles(tmp); files.length > 100 // true
 */
export function writeHostileFiles(dir: string, cases: HostileCase[] = hostileCases()): Array<HostileCase & { path: string }> {
  return cases.map((c) => {
    const file = path.join(dir, c.name);
    const fd = openSync(file, 'w');
    try {
      if (Buffer.isBuffer(c.content)) writeSync(fd, c.content);
      else {
        writeSync(fd, c.content.prefix);
        const chunk = Buffer.alloc(8 * 1024 * 1024, c.content.fill);
        for (let left = c.content.bytes; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(left, chunk.length));
        writeSync(fd, c.content.suffix);
      }
    } finally {
      closeSync(fd);
    }
    return { ...c, path: file };
  });
}
