/**
 * Step-by-step migration of a stored, versioned JSON file (manifest.json, the analysis JSON) to the
 * current schema, then validation. Each step upgrades `vN -> vN+1`; a file from a newer gatebench is refused.
 */
import type { z } from 'zod';

export interface StoredSchema<T> {
  /** what the file is, for messages: "manifest", "analysis" */
  what: string;
  current: number;
  /** steps[v] upgrades a vN object to vN+1 */
  steps: Record<number, (o: Record<string, unknown>) => Record<string, unknown>>;
  schema: z.ZodType<T>;
}

/**
 * @example
 * migrateStored(JSON.parse(text), { what: 'manifest', current: 2, steps: { 1: manifestV1toV2 }, schema: Manifest })
 * // -> Manifest, or throws "manifest schema_version 7 is newer than this gatebench (2): upgrade gatebench"
 */
export function migrateStored<T>(raw: unknown, s: StoredSchema<T>): T {
  if (typeof raw !== 'object' || raw === null) throw new Error(`${s.what} is not a JSON object`);
  const version = (raw as { schema_version?: unknown }).schema_version;
  if (typeof version !== 'number') throw new Error(`${s.what} has no numeric schema_version`);
  if (version > s.current) {
    throw new Error(`${s.what} schema_version ${version} is newer than this gatebench (${s.current}): upgrade gatebench`);
  }
  let current = raw as Record<string, unknown>;
  for (let v = version; v < s.current; v++) {
    const step = s.steps[v];
    if (!step) throw new Error(`no migration from ${s.what} schema_version ${v}`);
    current = step(current);
  }
  const parsed = s.schema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${s.what} invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
