/**
 * The selector of a role's processes in a variant's `monitor` section (the config file's and the manifest's
 * declaration: one zod value gives the validator and the type). How it is resolved against the process
 * table is ingest/collect/roles.ts.
 */
import { z } from 'zod';

/**
 * Which processes play a role (the front, or the workers), relative to the gateway's main process (the
 * process the start command runs, or the one in `monitor.pid_file`):
 * - `"main"`: the main process itself;
 * - `"descendants"`: every process the main process forked (children, grandchildren...), e.g. nginx's
 *   workers under its master;
 * - `"group"`: every process of the main process's process group, the main process included;
 * - `"none"`: no process (workers only);
 * - `{ "process_names": [...] }`: every process whose name (`/proc/PID/comm`) is one of these;
 * - `{ "pid_file": "..." }`: the process whose pid is in this file (relative to the variant's cwd).
 *
 * @example
 * RoleSelector.parse('descendants') // -> 'descendants'
 * RoleSelector.parse({ process_names: ['gw-worker'] }) // -> { process_names: ['gw-worker'] }
 * RoleSelector.parse('workers') // throws: expected "main", "descendants", "group", "none", ...
 */
export const RoleSelector = z.union(
  [
    z.enum(['main', 'descendants', 'group', 'none']),
    z.object({ process_names: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ pid_file: z.string().min(1) }).strict(),
  ],
  { error: 'expected "main", "descendants", "group", "none", {"process_names": [...]} or {"pid_file": "..."}' },
);
export type RoleSelector = z.infer<typeof RoleSelector>;

