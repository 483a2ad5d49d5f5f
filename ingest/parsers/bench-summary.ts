/**
 * The text format shared by the C bench clients (native/bench/): a first line `<tool> <version>`
 * (e.g. `bench-latency 1`), then `key: value` lines with units in the keys (`latency_p99_us: 412`),
 * and, for per-process tools, repeated `process: k=v k=v ...` lines. Pure: text in, fields out.
 *
 * Keys this reader does not know are kept and ignored by the parsers, so a client that prints a new key
 * stays readable; a version newer than the parser is refused (its meaning may have changed).
 */
import { firstNonBlankLine } from '../first-line.ts';
import { ParseError } from '../parse-error.ts';

/** The C clients' summaries, by tool name. */
export type BenchTool = 'bench-throughput' | 'bench-latency' | 'bench-memory' | 'bench-cpu';

export interface BenchField {
  value: string;
  line: number;
}

export interface BenchSummary {
  tool: BenchTool;
  version: number;
  fields: Map<string, BenchField>;
  /** `process:` lines in order, each as key -> value */
  processes: { pairs: Map<string, string>; line: number }[];
  /** line count, for errors about what is missing */
  lines: number;
}

/** The newest summary version these parsers read. */
export const BENCH_SUMMARY_VERSION = 1;

/**
 * True when `head` starts with the `<tool> <version>` line of `tool`, or is that tool's one-line error
 * (`bench-latency: cannot connect to ...`), so that the parser can report the failure itself.
 *
 * @example
 * sniffBenchSummary('bench-latency 1\nduration_s: 10.000\n', 'bench-latency') // true
 * sniffBenchSummary('bench-cpu 1\n', 'bench-latency') // false
 */
export function sniffBenchSummary(head: string, tool: BenchTool): boolean {
  const first = firstNonBlankLine(head.charCodeAt(0) === 0xfeff ? head.slice(1) : head)?.line ?? '';
  if (first.startsWith(`${tool}: `)) return true;
  return first.startsWith(`${tool} `) && /^ \d+\s*$/.test(first.slice(tool.length));
}

/**
 * Read a bench client summary into its fields. Throws ParseError for another tool's output, a client's
 * error message instead of a summary, a newer format version, a duplicated key or a malformed line.
 *
 * @example
 * readBenchSummary('bench-cpu 1\nduration_s: 2.100\nprocess: pid=7 role=root\n', 'bench-cpu')
 * // -> { tool: 'bench-cpu', version: 1, fields: Map { 'duration_s' => { value: '2.100', line: 2 } },
 * //      processes: [{ pairs: Map { 'pid' => '7', 'role' => 'root' }, line: 3 }], lines: 3 }
 */
export function readBenchSummary(text: string, tool: BenchTool): BenchSummary {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstIdx = lines.findIndex((l) => l.trim() !== '');
  if (firstIdx < 0) throw new ParseError(`empty ${tool} summary`, 1);
  const first = lines[firstIdx].trim();
  if (first.startsWith(`${tool}: `)) {
    throw new ParseError(`${tool} failed instead of printing a summary: ${first.slice(tool.length + 2)}`, firstIdx + 1);
  }
  const header = /^(bench-[a-z]+) (\d+)$/.exec(first);
  if (!header) throw new ParseError(`expected a "${tool} ${BENCH_SUMMARY_VERSION}" first line, found "${clip(first)}"`, firstIdx + 1);
  if (header[1] !== tool) throw new ParseError(`this is a ${header[1]} summary, not ${tool}`, firstIdx + 1);
  const version = Number(header[2]);
  if (version > BENCH_SUMMARY_VERSION) {
    throw new ParseError(`${tool} summary format ${version} is newer than this gatebench reads (${BENCH_SUMMARY_VERSION})`, firstIdx + 1);
  }

  const fields = new Map<string, BenchField>();
  const processes: BenchSummary['processes'] = [];
  for (let i = firstIdx + 1; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i].trimEnd();
    if (line === '') continue; // blank (trimEnd left nothing)
    const m = /^([a-z][a-z0-9_]*):(?: (.*))?$/.exec(line);
    if (!m) throw new ParseError(`expected "key: value", found "${clip(line)}"`, n);
    const [, key, value = ''] = m;
    if (key === 'process') {
      processes.push({ pairs: readPairs(value, n), line: n });
      continue;
    }
    if (fields.has(key)) throw new ParseError(`"${key}" appears twice (first on line ${fields.get(key)!.line})`, n);
    fields.set(key, { value: value.trim(), line: n });
  }
  return { tool, version, fields, processes, lines: lines.length };
}

function readPairs(text: string, line: number): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const token of text.trim().split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq <= 0) throw new ParseError(`process field "${clip(token)}" is not key=value`, line);
    const key = token.slice(0, eq);
    if (pairs.has(key)) throw new ParseError(`process field "${key}" appears twice`, line);
    pairs.set(key, token.slice(eq + 1));
  }
  return pairs;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Typed accessors that throw ParseError naming the key and line. */
export class BenchFields {
  constructor(private readonly s: BenchSummary) {}

  /** the raw value, or a ParseError saying the summary lacks the key */
  str(key: string): string {
    const f = this.s.fields.get(key);
    if (!f) throw new ParseError(`${this.s.tool} summary has no "${key}:" line (truncated output?)`);
    return f.value;
  }

  optionalStr(key: string): string | null {
    return this.s.fields.get(key)?.value ?? null;
  }

  /** a finite decimal number */
  num(key: string): number {
    return toNumber(this.str(key), key, this.s.fields.get(key)!.line, false);
  }

  optionalNum(key: string): number | null {
    return this.s.fields.has(key) ? this.num(key) : null;
  }

  /** a non-negative integer (counts, microseconds, kilobytes) */
  int(key: string): number {
    return toNumber(this.str(key), key, this.s.fields.get(key)!.line, true);
  }

  optionalInt(key: string): number | null {
    return this.s.fields.has(key) ? this.int(key) : null;
  }

  /** a signed integer (growth can be negative) */
  signedInt(key: string): number {
    const v = this.str(key);
    if (!/^-?\d+$/.test(v)) throw new ParseError(`"${key}" value "${clip(v)}" is not an integer`, this.s.fields.get(key)!.line);
    return Number(v);
  }

  /** 0 or 1 */
  flag(key: string): boolean {
    const v = this.str(key);
    if (v !== '0' && v !== '1') throw new ParseError(`"${key}" value "${clip(v)}" is not 0 or 1`, this.s.fields.get(key)!.line);
    return v === '1';
  }

  /** space-separated integers (`pids: 12 13`) */
  ints(key: string): number[] {
    const v = this.str(key);
    if (!/^\d+( \d+)*$/.test(v)) throw new ParseError(`"${key}" value "${clip(v)}" is not a list of integers`, this.s.fields.get(key)!.line);
    return v.split(' ').map(Number);
  }
}

/** Typed accessors for one `process:` line. */
export class ProcessFields {
  constructor(
    private readonly pairs: Map<string, string>,
    private readonly line: number,
  ) {}

  str(key: string): string {
    const v = this.pairs.get(key);
    if (v === undefined) throw new ParseError(`process line has no "${key}=" field`, this.line);
    return v;
  }

  num(key: string): number {
    return toNumber(this.str(key), key, this.line, false);
  }

  optionalNum(key: string): number | null {
    return this.pairs.has(key) ? this.num(key) : null;
  }

  int(key: string): number {
    return toNumber(this.str(key), key, this.line, true);
  }

  signedInt(key: string): number {
    const v = this.str(key);
    if (!/^-?\d+$/.test(v)) throw new ParseError(`process field "${key}" value "${clip(v)}" is not an integer`, this.line);
    return Number(v);
  }

  flag(key: string): boolean {
    const v = this.str(key);
    if (v !== '0' && v !== '1') throw new ParseError(`process field "${key}" value "${clip(v)}" is not 0 or 1`, this.line);
    return v === '1';
  }
}

function toNumber(v: string, key: string, line: number, integer: boolean): number {
  const ok = integer ? /^\d+$/.test(v) : /^-?\d+(\.\d+)?$/.test(v);
  if (!ok) throw new ParseError(`"${key}" value "${clip(v)}" is not ${integer ? 'a non-negative integer' : 'a number'}`, line);
  return Number(v);
}

/**
 * A `role=` value of a process line: `root` (a --pid) or `child` (a descendant found in /proc).
 *
 * @example
 * processRole('child', 12) // 'child'
 * processRole('worker', 12) // throws ParseError('process role "worker" is not root or child', 12)
 */
export function processRole(value: string, line: number): 'root' | 'child' {
  if (value !== 'root' && value !== 'child') throw new ParseError(`process role "${value}" is not root or child`, line);
  return value;
}
