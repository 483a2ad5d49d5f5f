/**
 * Everything the views read: the analysis JSON plus what only the run directories know (manifests, raw files,
 * perf stacks). Loaders in site/load/ fill it; views are pure functions of it.
 */
import type { Analysis } from '../../analysis/schema.ts';
import type { Manifest } from '../../ingest/manifest.ts';
import type { FoldedStacks } from '../flame/fold-stacks.ts';

export interface RawFile {
  /** relative to the run directory, `/`-separated */
  path: string;
  size_bytes: number;
  sha256: string;
  /** the text the site publishes instead of the file's own (the manifest with anchored paths...); absent: the file as it is */
  content?: string;
}

export interface RunExtras {
  manifest: Manifest | null;
  /** why the manifest could not be read, or null */
  manifest_error: string | null;
  files: RawFile[];
  /** variant name -> folded perf stacks (all repetitions pooled), or the reason there are none */
  flames: { variant: string; stacks: FoldedStacks | null; error: string | null }[];
}

export interface SiteInput {
  analysis: Analysis;
  extras: Map<string, RunExtras>;
  /** path prefix in `/…/` form */
  base: string;
  /** "data as of": the newest run time (not the clock, so an unchanged history rebuilds byte for byte) */
  generated_at: string;
}
