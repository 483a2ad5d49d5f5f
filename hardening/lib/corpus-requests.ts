/**
 * Sends the fuzz corpus of the HTTP parser (native/fuzz/corpus/http, regressions/http and, when present,
 * libFuzzer's working corpus build/work-http) to a live gateway, each input on its own connection
 * followed by a half-close, and waits (bounded) for the gateway to answer and close or just close. This
 * carries the parser's hostile inputs through the whole gateway (routing, framing, workers), so the
 * sanitizer soak sees them too. A connection the gateway leaves open counts as `stuck`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NATIVE_DIR } from './gateway-process.ts';
import { rawRequest } from './raw-http.ts';

export interface CorpusResult {
  inputs: number;
  /** connections answered (at least a status line) */
  answered: number;
  /** connections the gateway closed without an answer */
  closed_silently: number;
  /** connections neither answered nor closed within the bound */
  stuck: string[];
}

/**
 * The corpus inputs as request bytes (the fuzz input's first byte is the target's header capacity).
 * @example corpusInputs(500).length > 10 // true
 */
export function corpusInputs(max: number): Array<{ name: string; bytes: Buffer }> {
  const dirs = ['corpus/http', 'regressions/http', 'build/work-http'].map((d) => path.join(NATIVE_DIR, 'fuzz', d));
  const out: Array<{ name: string; bytes: Buffer }> = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || out.length >= max) continue;
      const b = readFileSync(path.join(dir, name));
      if (b.length > 1) out.push({ name: `${path.basename(path.dirname(dir))}/${path.basename(dir)}/${name}`, bytes: b.subarray(1) });
    }
  }
  return out;
}

/**
 * Sends up to `max` corpus inputs, `concurrency` at a time.
 * @example (await replayCorpus(gw.port, 200)).stuck // []
 */
export async function replayCorpus(port: number, max = 2000, concurrency = 16): Promise<CorpusResult> {
  const inputs = corpusInputs(max);
  const res: CorpusResult = { inputs: inputs.length, answered: 0, closed_silently: 0, stuck: [] };
  let next = 0;
  const lane = async () => {
    while (next < inputs.length) {
      const input = inputs[next++]!;
      try {
        const got = await rawRequest(port, input.bytes, { end: true, timeoutMs: 20000 });
        if (/^HTTP\/1\.[01] \d{3} /.test(got.toString('latin1', 0, 16))) res.answered++;
        else res.closed_silently++;
      } catch (e) {
        res.stuck.push(`${input.name}: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return res;
}
