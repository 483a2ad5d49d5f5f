/**
 * Test helper (not a suite): the history before and after a kernel update, made at test time in a temp dir
 * from real committed runs: the two site fixture runs (one VM, 3 minutes apart), and in the copy of the
 * second only the kernel changed (with the fingerprint derived from it, as the collector computes it: before
 * machine names, this split the history in two). The fixture files themselves are never modified.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineFingerprint } from '../../ingest/collect/machine.ts';

export const SITE_RUNS = 'tests/fixtures/site/runs';
export const RUN_1 = '2026-11-22T19-03-41Z-dev-site';
export const RUN_2 = '2026-11-22T19-06-44Z-dev-site-2';
export const OLD_KERNEL = '6.18.44-fc-v657';
export const NEW_KERNEL = '6.18.44-fc-v999-simulated';

/**
 * @example
 * const dir = kernelChangeRuns(); await loadInputs(dir.root); dir.cleanup();
 */
export function kernelChangeRuns(): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'gb-timeline-'));
  for (const id of [RUN_1, RUN_2]) cpSync(join(SITE_RUNS, id), join(root, id), { recursive: true, preserveTimestamps: true });
  const path = join(root, RUN_2, 'manifest.json');
  const m = JSON.parse(readFileSync(path, 'utf8'));
  m.machine.kernel = NEW_KERNEL;
  m.machine.fingerprint = machineFingerprint(m.machine);
  writeFileSync(path, JSON.stringify(m, null, 2));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
