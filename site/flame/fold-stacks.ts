/**
 * `perf script` text -> folded stacks (Brendan Gregg's `stackcollapse-perf` format): one key per distinct
 * stack, root first, frames joined by `;`, counted in samples. Pure: text in, map out.
 *
 * Input layout (perf 6.x, `perf record -g` then `perf script`): a header line per sample
 * (`comm pid [cpu] time: period event:`), then one indented line per frame, innermost first
 * (`addr symbol+0xoff (dso)`), then a blank line.
 */
import { ParseError } from '../../ingest/parse-error.ts';

export interface FoldedStacks {
  /** "comm;outer;…;inner" -> samples */
  stacks: Map<string, number>;
  samples: number;
}

const HEADER = /^(\S.*?)\s+(\d+)(?:\/\d+)?\s+(?:\[\d+\]\s+)?\d+\.\d+:/;
const FRAME = /^\s+[0-9a-f]+\s+(.+?)(?:\s+\((.*)\))?$/;

/** `read+0xd` -> `read`; `[unknown]` -> `[dso basename]` when the dso is known. */
function frameName(symbol: string, dso: string | undefined): string {
  let name = symbol.replace(/\+0x[0-9a-f]+$/, '');
  if (name === '[unknown]' && dso && dso !== '[unknown]') name = `[${dso.split('/').pop()}]`;
  return name.replace(/;/g, ':');
}

/**
 * Fold the stacks of a `perf script` output. A header whose sample has no frames counts as `comm` alone.
 *
 * @example
 * foldStacks('dd 1 1.0: 1 cpu-clock:\n\tf82ad read+0xd (/lib/libc.so.6)\n\tffff do_syscall_64+0x46 ([kernel.kallsyms])\n').stacks
 * // Map { 'dd;do_syscall_64;read' => 1 }
 */
export function foldStacks(text: string): FoldedStacks {
  const stacks = new Map<string, number>();
  let samples = 0;
  let comm: string | null = null;
  let frames: string[] = [];
  const flush = () => {
    if (comm === null) return;
    const key = [comm.replace(/;/g, ':'), ...frames.reverse()].join(';');
    stacks.set(key, (stacks.get(key) ?? 0) + 1);
    samples++;
    comm = null;
    frames = [];
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('#')) continue;
    if (/^\s/.test(line)) {
      if (comm === null) throw new ParseError('stack frame outside a sample', i + 1);
      const m = FRAME.exec(line);
      if (!m) throw new ParseError(`unreadable stack frame "${line.trim().slice(0, 60)}"`, i + 1);
      frames.push(frameName(m[1], m[2]));
      continue;
    }
    flush();
    const h = HEADER.exec(line);
    if (!h) throw new ParseError(`not a perf script sample header: "${line.slice(0, 60)}"`, i + 1);
    comm = h[1];
  }
  flush();
  return { stacks, samples };
}
