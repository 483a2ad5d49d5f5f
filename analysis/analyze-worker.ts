/**
 * Worker-thread entry of the parallel analysis: loads, parses and analyzes the run directories it is given
 * (workerData: { dirs, settings, targets }) and posts back, per run, what the assembly needs. Run by
 * analyze-dirs.ts; not a command of its own.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RunPart } from './analyze.ts';
import { analyzeRun } from './analyze-run.ts';
import { loadInput } from './load-inputs.ts';
import type { Settings } from './schema.ts';
import type { PlanCache } from './summarize.ts';
import type { Target } from './targets.ts';

const { dirs, settings, targets } = workerData as { dirs: string[]; settings: Settings; targets: Target[] };
const plans: PlanCache = new Map();
const parts: RunPart[] = [];
for (const dir of dirs) {
  const a = analyzeRun(await loadInput(dir), settings, targets, plans);
  parts.push({ run: a.run, comparisons: a.comparisons, targets: a.targets });
}
parentPort!.postMessage(parts);
