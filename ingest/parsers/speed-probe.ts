/**
 * speed-probe summary (stdout of native/build/speed-probe) -> SpeedProbeRecord. Pure.
 *
 * ```
 * speed-probe 1
 * cpu=0 iterations=2750000 ns=4683075 checksum=64a39e5b
 * cpu=1 iterations=2750000 ns=4643169 checksum=64a39e5b
 * ```
 * One line per CPU, in the order the probe ran them. The checksum only proves the loop ran (it depends on
 * the iteration count alone) and is checked for shape, not kept.
 */
import { firstNonBlankLine } from '../first-line.ts';
import type { Format } from '../formats.ts';
import { ParseError } from '../parse-error.ts';
import { SpeedProbeRecord, type SpeedProbeSample } from '../records/speed-probe.ts';
import { validatedRecord } from '../validated-record.ts';

const TOOL = 'speed-probe';
const HEADER = 'speed-probe 1';
const SAMPLE_RE = /^cpu=(\d+) iterations=(\d+) ns=(\d+) checksum=([0-9a-f]{8})$/;

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function integer(value: string, key: string, line: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new ParseError(`"${key}" value ${clip(value)} is too large`, line);
  return n;
}

/**
 * Parse one speed-probe summary.
 *
 * @example
 * parseSpeedProbe('speed-probe 1\ncpu=0 iterations=2750000 ns=4683075 checksum=64a39e5b\n')
 * // -> { format: 'speed-probe', version: 1, samples: [{ cpu: 0, iterations: 2750000, ns: 4683075 }] }
 * parseSpeedProbe('speed-probe: --cpus 0,7: no cpu 7 on this machine (cpus 0-1)\n')
 * // throws ParseError('speed-probe failed: --cpus 0,7: no cpu 7 on this machine (cpus 0-1)', 1)
 */
export function parseSpeedProbe(text: string): SpeedProbeRecord {
  const lines = text.split(/\r?\n/);
  const first = firstNonBlankLine(text);
  if (first === null) throw new ParseError('empty speed-probe output: nothing to parse', 1);
  const header = first.line.trim();
  if (header.startsWith(`${TOOL}: `)) throw new ParseError(`${TOOL} failed: ${clip(header.slice(TOOL.length + 2))}`, first.index + 1);
  if (header !== HEADER) {
    const version = /^speed-probe (\d+)$/.exec(header);
    if (version) throw new ParseError(`speed-probe format version ${version[1]} is not supported (this parser reads version 1)`, first.index + 1);
    throw new ParseError(`not a speed-probe summary: expected the first line "${HEADER}", got "${clip(header)}"`, first.index + 1);
  }
  const samples: SpeedProbeSample[] = [];
  for (let i = first.index + 1; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i].trim();
    if (line === '') continue;
    const m = SAMPLE_RE.exec(line);
    if (!m) throw new ParseError(`expected "cpu=N iterations=N ns=N checksum=XXXXXXXX", got "${clip(line)}"`, n);
    const sample = { cpu: integer(m[1], 'cpu', n), iterations: integer(m[2], 'iterations', n), ns: integer(m[3], 'ns', n) };
    if (sample.iterations === 0) throw new ParseError(`iterations=0 on cpu ${sample.cpu}: the probe runs at least one iteration`, n);
    if (sample.ns === 0) throw new ParseError(`ns=0 on cpu ${sample.cpu}: a probe always takes some time`, n);
    if (samples.length > 0 && sample.iterations !== samples[0].iterations) {
      throw new ParseError(
        `iterations=${sample.iterations} differs from the first sample's ${samples[0].iterations} (two runs in one file?)`,
        n,
      );
    }
    samples.push(sample);
  }
  if (samples.length === 0) throw new ParseError('speed-probe summary has no "cpu=" lines (truncated?)', first.index + 1);
  return validatedRecord(SpeedProbeRecord, { format: 'speed-probe' as const, version: 1 as const, samples }, TOOL);
}

/**
 * True when the first non-blank line is exactly `speed-probe 1`.
 *
 * @example
 * sniffSpeedProbe('speed-probe 1\ncpu=0 iterations=2750000 ns=4683075 checksum=64a39e5b\n') // true
 * sniffSpeedProbe('speed-probe 2\n') // false
 */
export function sniffSpeedProbe(head: string): boolean {
  const first = firstNonBlankLine(head.charCodeAt(0) === 0xfeff ? head.slice(1) : head);
  return first !== null && first.line === HEADER;
}

/** The speed-probe entry of the format registry (ingest/formats.ts). */
export const speedProbeFormat: Format<SpeedProbeRecord> = { name: 'speed-probe', sniff: sniffSpeedProbe, parse: parseSpeedProbe };
