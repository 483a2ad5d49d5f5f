/**
 * What a per-call micro bench (bench-parse-small) needs: CPU-time medians.
 */

/**
 * Median of the per-call microseconds over `rounds` rounds of `iterations` calls of `fn`, in CPU time of this
 * process (user + system): on a machine shared with other work, wall time counts the time this process waited
 * for a core, CPU time does not (it does count V8's GC and compiler threads, which are part of the cost).
 *
 * @example
 * medianCpuUs(() => detectFormat(text), 7, 3000) // 3.6
 */
export function medianCpuUs(fn: () => unknown, rounds: number, iterations: number): number {
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < iterations; i++) fn();
    const d = process.cpuUsage(c0);
    per.push((d.user + d.system) / iterations);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)];
}

/** medianCpuUs of an asynchronous `fn` (each call awaited). */
export async function medianCpuUsAsync(fn: () => Promise<unknown>, rounds: number, iterations: number): Promise<number> {
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < iterations; i++) await fn();
    const d = process.cpuUsage(c0);
    per.push((d.user + d.system) / iterations);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)];
}

