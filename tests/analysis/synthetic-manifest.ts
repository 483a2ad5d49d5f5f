/** Test helper: a small valid manifest to vary in gate tests (no measurements: only structure and timestamps). */
import type { Manifest } from '../../ingest/manifest.ts';
import { syntheticRun } from '../../bench/lib/synthetic.ts';

export function manifestFor(reps = 5): Manifest {
  return structuredClone(syntheticRun({ id: 'gates', created_at: '2026-01-01T00:00:00Z', seed: 1, repetitions: reps }).manifest!);
}
