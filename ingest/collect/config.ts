/**
 * The user config file of `npm run collect -- --config FILE`: benchmark your own gateway.
 * One zod declaration gives the validator and the type; `parseUserConfig` is pure (text in, config out),
 * `readUserConfig` is the loader. The format is documented with an example in ingest/collect/README.md and
 * examples/my-gateway.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { RoleSelector } from '../role-selector.ts';
import { ExpectedChange, Target } from '../declared.ts';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The load sent to a variant: wrk and bench-latency hit this URL (POST bodies go through a generated wrk Lua script). */
export const LoadConfig = z
  .object({
    url: z.url({ protocol: /^http$/ }),
    method: z.enum(HTTP_METHODS).default('GET'),
    body: z.string().nullable().default(null),
    headers: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type LoadConfig = z.infer<typeof LoadConfig>;

export const MonitorConfig = z
  .object({
    /** file holding the gateway's main pid, when the start command is a wrapper (daemonizes, or a script) */
    pid_file: z.string().optional(),
    /** exact process names (as in /proc/PID/comm) of the workers: short for `workers: {process_names}` */
    process_names: z.array(z.string().min(1)).min(1).optional(),
    /** the processes clients connect to (their figures are the gateway_* metrics); default "main" */
    front: RoleSelector.optional(),
    /** the processes that work behind the front (the workers_* metrics); default: the main process's descendants not in the front */
    workers: RoleSelector.optional(),
    /** what perf record profiles (the flame graph): the front (default) or the front and the workers */
    profile: z.enum(['front', 'all']).optional(),
  })
  .strict();
export type MonitorConfig = z.infer<typeof MonitorConfig>;

/**
 * How a variant's processes are found and monitored, resolved: paths absolute, defaults applied.
 * `pid_file` locates the main process; `front` and `workers` say which processes play which role.
 */
export interface MonitorSpec {
  pid_file: string | null;
  /** the workers' process names when given as `process_names` (kept as the config wrote them) */
  process_names: string[] | null;
  front: RoleSelector;
  workers: RoleSelector;
  profile: 'front' | 'all';
}

export const UserVariant = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only (it names a directory)'),
    label: z.string().min(1),
    /** shell command run once before the run (sh -c), e.g. "make -C ../gw-v1" */
    build: z.string().optional(),
    /** argv, or one string run with sh -c 'exec ...'; must stay in the foreground */
    start: z.union([z.string().min(1), z.array(z.string()).min(1)]),
    /** working directory of build and start, relative to the config file */
    cwd: z.string().optional(),
    env: z.record(z.string(), z.string()).default({}),
    /** polled until it answers HTTP (any status below 500) */
    ready_url: z.url({ protocol: /^http$/ }),
    monitor: MonitorConfig.default({}),
    load: LoadConfig.optional(),
  })
  .strict();
export type UserVariant = z.infer<typeof UserVariant>;

/** One point of a config's own sweep: the response size, and the path (with query) or body that asks for it. */
export const SweepLoadConfig = z
  .object({
    size_bytes: z.number().int().positive(),
    /** replaces the path and query of each variant's load URL (each variant keeps its own host and port) */
    path: z.string().startsWith('/').optional(),
    /** replaces the request body of each variant's load */
    body: z.string().optional(),
    /** requests/s of the fixed-rate trials at this size (default: --rate capped by --rate-bytes / size_bytes) */
    rate: z.number().positive().optional(),
  })
  .strict()
  .refine((e) => e.path !== undefined || e.body !== undefined, { message: 'give the "path" (with query) or the "body" that asks for this size' });
export type SweepLoadConfig = z.infer<typeof SweepLoadConfig>;

export const UserConfig = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** the site's headline question for this comparison, e.g. "Does the proxy chain cost what it buys?" */
    question: z.string().optional(),
    /** a short title of the comparison, e.g. "nginx proxy chain vs direct" */
    title: z.string().optional(),
    /** default load for variants that give none */
    load: LoadConfig.optional(),
    variants: z.array(UserVariant).min(1),
    /** this comparison's own targets (the shape of analysis/compare/targets.json's), judged per variant on the CI */
    targets: z.array(Target).optional(),
    /** the changes of the candidate against the baseline this comparison expects, per metric, in percent */
    expected: z.array(ExpectedChange).optional(),
    /** the loads of `npm run collect -- --config FILE --sweep`, one per response size */
    sweep: z.array(SweepLoadConfig).min(2).optional(),
  })
  .strict();
export type UserConfig = z.infer<typeof UserConfig>;

/** A variant ready to run: what the collector executes, whatever its origin (embedded gateway or user config). */
export interface VariantSpec {
  name: string;
  label: string;
  /** the variant this one runs (differs from name only in --aa runs) */
  source: string;
  build: string | null;
  start: string[];
  cwd: string;
  env: Record<string, string>;
  ready_url: string;
  monitor: MonitorSpec;
  load: LoadConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Edit distance of two short strings (for "did you mean"). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/**
 * The config mistake to report first: an unknown key (usually a misspelling, named with the key it most
 * likely meant among the required ones missing beside it), else zod's first issue.
 *
 * @example
 * // { "variants": [{ ..., "ready_ulr": "http://..." }] }
 * firstConfigIssue(issues) // -> 'variants.1: unknown key "ready_ulr" (did you mean "ready_url"?)'
 */
export function firstConfigIssue(issues: readonly { code: string; path: PropertyKey[]; message: string; keys?: string[] }[]): string {
  const where = (path: PropertyKey[]) => path.map(String).join('.') || '(root)';
  const unknown = issues.find((i) => i.code === 'unrecognized_keys' && i.keys?.length);
  if (unknown) {
    const at = where(unknown.path);
    const missing = issues.filter((i) => i.code === 'invalid_type' && i.path.length === unknown.path.length + 1 && where(i.path.slice(0, -1)) === at).map((i) => String(i.path[i.path.length - 1]));
    const key = unknown.keys![0];
    const best = missing.map((m) => [m, editDistance(key, m)] as const).sort((x, y) => x[1] - y[1])[0];
    const hint = best && best[1] <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best[0]}"?)` : '';
    return `${at}: unknown key "${key}"${hint}`;
  }
  return `${where(issues[0].path)}: ${issues[0].message}`;
}

/**
 * Parse and validate a config file's text; `source` names the file in errors.
 *
 * @example
 * parseUserConfig('{"variants":[]}', 'my.json') // throws ConfigError "my.json: variants: Too small: expected array to have >=1 items"
 */
export function parseUserConfig(text: string, source: string): UserConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = UserConfig.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${source}: ${firstConfigIssue(parsed.error.issues)}`);
  const names = new Set<string>();
  parsed.data.variants.forEach((v, i) => {
    if (names.has(v.name)) throw new ConfigError(`${source}: variants.${i}.name: '${v.name}' is used twice`);
    names.add(v.name);
    if (!v.load && !parsed.data.load) throw new ConfigError(`${source}: variants.${i}: no load (give "load": {"url": ...} in the variant or at the top)`);
    const load = v.load ?? parsed.data.load!;
    if (load.body !== null && load.method === 'GET') throw new ConfigError(`${source}: variants.${i}.load: a body needs a method such as POST, not GET`);
    const m = v.monitor;
    if (m.process_names && m.workers) throw new ConfigError(`${source}: variants.${i}.monitor: give the workers once, as "workers" or as "process_names", not both`);
    if (m.front === 'none') throw new ConfigError(`${source}: variants.${i}.monitor.front: "none" is for workers only; the front is what clients connect to`);
    const bodied = parsed.data.sweep?.findIndex((e) => e.body !== undefined) ?? -1;
    if (bodied >= 0 && load.method === 'GET') throw new ConfigError(`${source}: sweep.${bodied}: a body needs a method such as POST, but variants.${i}'s load is a GET`);
  });
  return parsed.data;
}

/**
 * A variant's monitor section with defaults applied and pid files made absolute against `cwd` (the
 * variant's working directory): the front defaults to the main process, the workers to `process_names`
 * when given, else the main process's descendants.
 *
 * @example
 * resolveMonitor({ front: 'descendants' }, '/srv/gw') // -> { pid_file: null, process_names: null, front: 'descendants', workers: 'descendants', profile: 'front' }
 * resolveMonitor({ pid_file: 'gw.pid', process_names: ['w'] }, '/srv/gw').workers // -> { process_names: ['w'] }
 */
export function resolveMonitor(m: MonitorConfig, cwd: string): MonitorSpec {
  const abs = (sel: RoleSelector): RoleSelector => (typeof sel === 'object' && 'pid_file' in sel ? { pid_file: resolve(cwd, sel.pid_file) } : sel);
  return {
    pid_file: m.pid_file ? resolve(cwd, m.pid_file) : null,
    process_names: m.process_names ?? null,
    front: abs(m.front ?? 'main'),
    workers: abs(m.workers ?? (m.process_names ? { process_names: m.process_names } : 'descendants')),
    profile: m.profile ?? 'front',
  };
}

/**
 * Turn a validated config into runnable variants; relative paths resolve against `baseDir` (the config's folder).
 *
 * @example
 * resolveUserVariants(parseUserConfig(text, 'gw.json'), '/home/me/gw')[0].start // -> ['sh', '-c', 'exec ./gateway --port 9090']
 */
export function resolveUserVariants(config: UserConfig, baseDir: string): VariantSpec[] {
  return config.variants.map((v) => ({
    name: v.name,
    label: v.label,
    source: v.name,
    build: v.build ?? null,
    start: typeof v.start === 'string' ? ['sh', '-c', `exec ${v.start}`] : v.start,
    cwd: resolve(baseDir, v.cwd ?? '.'),
    env: v.env,
    ready_url: v.ready_url,
    monitor: resolveMonitor(v.monitor, resolve(baseDir, v.cwd ?? '.')),
    load: (v.load ?? config.load)!,
  }));
}

/**
 * The framing a config gives its comparison (title, question, description), for the reports and the site.
 *
 * @example
 * readUserFraming('examples/nginx-proxy-vs-direct.json') // -> { title: 'nginx proxy chain vs direct', question: '...', description: '...' }
 */
export function readUserFraming(path: string): { title: string | null; question: string | null; description: string | null } {
  const c = parseUserConfig(readFileSync(path, 'utf8'), `--config ${path}`);
  return { title: c.title ?? null, question: c.question ?? null, description: c.description ?? null };
}

/**
 * The targets and expected changes a config declares (recorded in the manifest, judged by the analysis;
 * their metric names are checked by `npm run analyze -- --check-config FILE`, which collect runs first).
 *
 * @example
 * readUserDeclared('examples/ci/gatebench.json') // -> { targets: [{ name: 'throughput', ... }], expected: [{ metric: 'total_cpu_us_per_req', ... }] }
 */
export function readUserDeclared(path: string): { targets: Target[]; expected: ExpectedChange[] } {
  const c = parseUserConfig(readFileSync(path, 'utf8'), `--config ${path}`);
  return { targets: c.targets ?? [], expected: c.expected ?? [] };
}

/**
 * The loads of a config's own sweep, one per size (empty when it lists none).
 *
 * @example
 * readUserSweep('examples/my-gateway.json') // -> [{ size_bytes: 1024, path: '/api/payload?size=1024' }, ...]
 */
export function readUserSweep(path: string): SweepLoadConfig[] {
  return parseUserConfig(readFileSync(path, 'utf8'), `--config ${path}`).sweep ?? [];
}

/**
 * Read and resolve a config file.
 *
 * @example
 * readUserConfig('examples/my-gateway.json').map((v) => v.name) // -> ['before', 'after']
 */
export function readUserConfig(path: string): VariantSpec[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`--config ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return resolveUserVariants(parseUserConfig(text, path), dirname(resolve(path)));
}
