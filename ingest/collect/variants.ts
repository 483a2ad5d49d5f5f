/**
 * The variants a run compares: the embedded gateway's modes, or a user config's variants, narrowed and
 * relabelled by `--variants`, doubled by `--aa` (pure).
 */
import { resolve } from 'node:path';
import type { RoleSelector } from '../role-selector.ts';
import { resolveMonitor, type LoadConfig, type VariantSpec } from './config.ts';
import type { VariantChoice } from './options.ts';

/** The embedded gateway's modes (its `--mode` values) and their default labels. */
export const EMBEDDED_MODES = [
  { name: 'proxy', label: 'v1.0' },
  { name: 'fdpass', label: 'v2.0' },
  { name: 'fdpass-conn', label: 'v2.1' },
] as const;

/** What a run of the embedded gateway compares without `--variants`: v1.0 against v2.0. */
export const EMBEDDED_DEFAULT: VariantChoice[] = [
  { name: 'proxy', label: null },
  { name: 'fdpass', label: null },
];

export const GATEWAY_BINARY = 'native/build/gateway';
export const BENCH_LATENCY_BINARY = 'native/build/bench-latency';
export const SPEED_PROBE_BINARY = 'native/build/speed-probe';

/**
 * An embedded variant moved to another port: its `--port` argument and the port of its URLs.
 *
 * @example
 * onPort(embeddedVariants({ root: '/r', port: 8080, workers: 1, fn: 'hello' })[1], 8081).load.url
 * // -> 'http://127.0.0.1:8081/api/hello'
 */
export function onPort(v: VariantSpec, port: number): VariantSpec {
  const start = [...v.start];
  const i = start.indexOf('--port');
  if (i >= 0 && i + 1 < start.length) start[i + 1] = String(port);
  const move = (u: string) => {
    const url = new URL(u);
    url.port = String(port);
    return url.toString();
  };
  return { ...v, start, ready_url: move(v.ready_url), load: { ...v.load, url: move(v.load.url) } };
}

/** host:port of a URL, with localhost as 127.0.0.1. */
function addressOf(u: string): string {
  const url = new URL(u);
  const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
  return `${host}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
}

/**
 * Can the variants of a block run side by side? Only when each listens on its own addresses (ready and
 * load URLs) and their processes can be told apart: no two variants find a role's processes by the same
 * process name.
 *
 * @example
 * canRunTogether(embedded.map((v, i) => onPort(v, 8080 + i))) // -> true
 * canRunTogether(embedded) // -> false (both on port 8080)
 */
export function canRunTogether(variants: VariantSpec[]): boolean {
  const addresses = new Set<string>();
  const names = new Set<string>();
  for (const v of variants) {
    for (const a of new Set([addressOf(v.ready_url), addressOf(v.load.url)])) {
      if (addresses.has(a)) return false;
      addresses.add(a);
    }
    const byName = (sel: RoleSelector) => (typeof sel === 'object' && 'process_names' in sel ? sel.process_names : []);
    for (const n of new Set([...byName(v.monitor.front), ...byName(v.monitor.workers)])) {
      if (names.has(n)) return false;
      names.add(n);
    }
  }
  return true;
}

/**
 * The load for a shipped function of the embedded gateway.
 *
 * @example
 * functionLoad('payload:4096', 8080) // -> { url: 'http://127.0.0.1:8080/api/payload?size=4096', method: 'GET', body: null, headers: {} }
 */
export function functionLoad(fn: string, port: number): LoadConfig {
  const base = `http://127.0.0.1:${port}`;
  const [name, size] = fn.split(':', 2);
  switch (name) {
    case 'hello':
      return { url: `${base}/api/hello`, method: 'GET', body: null, headers: {} };
    case 'echo':
      return { url: `${base}/api/echo`, method: 'POST', body: '{"message":"hello from gatebench"}', headers: { 'Content-Type': 'application/json' } };
    case 'payload':
      return { url: `${base}/api/payload?size=${size ?? 1024}`, method: 'GET', body: null, headers: {} };
    default:
      throw new Error(`--function '${fn}' is not a function of the embedded gateway (hello, echo, payload or payload:SIZE)`);
  }
}

/**
 * The embedded gateway's variants (every mode), with absolute paths under `root` (the repository).
 *
 * @example
 * embeddedVariants({ root: '/work/main', port: 8080, workers: 1, fn: 'hello' })[1].start
 * // -> ['/work/main/native/build/gateway', '--mode', 'fdpass', '--port', '8080', '--workers', '1']
 * embeddedVariants({ root: '/work/main', port: 8080, workers: 1, fn: 'hello', profile: 'all' })[0].monitor.profile // -> 'all'
 */
export function embeddedVariants(input: { root: string; port: number; workers: number; fn: string; profile?: 'front' | 'all' }): VariantSpec[] {
  const load = functionLoad(input.fn, input.port);
  return EMBEDDED_MODES.map((m) => ({
    name: m.name,
    label: m.label,
    source: m.name,
    build: `make -C ${resolve(input.root, 'native')} -s`,
    start: [resolve(input.root, GATEWAY_BINARY), '--mode', m.name, '--port', String(input.port), '--workers', String(input.workers)],
    cwd: input.root,
    env: {},
    ready_url: load.url,
    monitor: resolveMonitor({ profile: input.profile ?? 'front' }, input.root),
    load,
  }));
}

/**
 * Narrow, reorder and relabel the available variants as `--variants` asks; with `aa`, the first chosen
 * variant runs twice, as `<name>-a` and `<name>-b` (an A/A calibration run).
 *
 * @example
 * selectVariants(embedded, [{ name: 'fdpass', label: null }], true).map((v) => v.name) // -> ['fdpass-a', 'fdpass-b']
 */
export function selectVariants(available: VariantSpec[], choices: VariantChoice[] | null, aa: boolean, origin: string): VariantSpec[] {
  const picked = (choices ?? available.map((v) => ({ name: v.name, label: null }))).map((c) => {
    const v = available.find((a) => a.name === c.name);
    if (!v) throw new Error(`variant '${c.name}' is not in ${origin} (it has: ${available.map((a) => a.name).join(', ')})`);
    return { ...v, label: c.label ?? v.label };
  });
  if (aa) {
    const v = picked[0];
    return [
      { ...v, name: `${v.name}-a`, label: `${v.label} (A)` },
      { ...v, name: `${v.name}-b`, label: `${v.label} (B)` },
    ];
  }
  if (picked.length < 2) throw new Error(`${origin} has one variant (${picked[0].name}): add a second one to compare, or pass --aa`);
  return picked;
}
