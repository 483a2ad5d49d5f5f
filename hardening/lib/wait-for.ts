/**
 * Polls fn until it returns a truthy value (returned) or attempts run out (throws with `what`).
 * Waits are upper bounds only: the condition is what passes or fails.
 *
 * @example
 * await waitFor(() => workerPids(gw.pid).length === 2, '2 workers') // -> true
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  what: string,
  opts: { attempts?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const attempts = opts.attempts ?? 200;
  const interval = opts.intervalMs ?? 50;
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`gave up waiting for ${what} (last: ${last instanceof Error ? last.message : String(last)})`);
}
