/**
 * The manifest as a run publishes it (pure): every path it records (start and build commands, working
 * directories, pid files, the argv of every command, the config file, the collect command line) anchored to
 * the project, the run's folder or the config file's folder, never under a home directory
 * (public-paths.ts); the machine under the name the user chose, never the raw hostname when it differs.
 *
 * The collector writes manifests this way. Runs collected before it carry absolute paths (committed runs
 * are never edited), so the readers that publish (ingest/load.ts for the analysis and its reports, the
 * site's loader and its copy of manifest.json) pass every manifest through `publishedManifest`, which finds
 * the anchors of an older run from its own content.
 */
import type { Manifest } from './manifest.ts';
import { anchorPaths, CONFIG_DIR, PROJECT, RUN, type PathAnchor } from './public-paths.ts';

/** gatebench's own binaries, always under `<project>/native/build/` */
const OWN_BINARY = /^(\/.*)\/native\/build\/(?:gateway|bench-latency|speed-probe)$/;

/**
 * The absolute folder holding the run `id` (as `.tmp-<id>` while it is written, or `<id>`) in a path that
 * names a file of the run, or null. Linear in the text, whatever it holds.
 *
 * @example
 * runParent('/work/main/raw-results/.tmp-r1/proxy/rep-1/x.txt', 'r1') // -> '/work/main/raw-results'
 */
function runParent(text: string, id: string): string | null {
  for (const name of [`/.tmp-${id}`, `/${id}`]) {
    let at = text.indexOf(name);
    while (at >= 0) {
      const end = at + name.length;
      if (end === text.length || text[end] === '/') {
        let start = at;
        while (start > 0 && !/[\s'"=:,(]/.test(text[start - 1])) start--;
        if (text[start] === '/' && start < at) return text.slice(start, at);
      }
      at = text.indexOf(name, at + 1);
    }
  }
  return null;
}

/**
 * The folders a manifest's paths are relative to, found in the manifest itself: the run's folder (its
 * temporary `.tmp-<id>` name or its final one, in commands' argv), the project (where gatebench's own
 * binaries are), the config file's folder (when it was given as an absolute path).
 *
 * @example
 * manifestAnchors(committedManifest) // -> [{ path: '/work/main/raw-results/.tmp-2026-...-v1.0-vs-v2.0', as: '<run>' }, ..., { path: '/work/main', as: '<project>' }]
 */
export function manifestAnchors(m: Manifest): PathAnchor[] {
  const out = new Map<string, string>();
  const argvs = [...m.repetitions.flatMap((r) => [...r.phases.flatMap((p) => p.commands.map((c) => c.argv)), ...(r.sut ? [r.sut.command.argv] : [])]), ...m.config.variants.map((v) => v.start ?? [])];
  for (const argv of argvs) {
    for (const a of argv) {
      const parent = runParent(a, m.id);
      if (parent !== null) {
        out.set(`${parent}/.tmp-${m.id}`, RUN);
        out.set(`${parent}/${m.id}`, RUN);
      }
      const own = OWN_BINARY.exec(a);
      if (own) out.set(own[1], PROJECT);
    }
  }
  const configFile = (m.config as { config_file?: unknown }).config_file;
  if (typeof configFile === 'string' && configFile.startsWith('/')) out.set(configFile.slice(0, configFile.lastIndexOf('/')) || '/', CONFIG_DIR);
  return [...out].map(([path, as]) => ({ path, as }));
}

/**
 * The manifest with `f` applied to every string that records a path or a command line.
 *
 * @example
 * mapManifestPaths(m, (s) => s.toUpperCase()).config.variants[0].cwd // -> '/WORK/MAIN/'
 */
export function mapManifestPaths(m: Manifest, f: (s: string) => string): Manifest {
  const all = (xs: string[]) => xs.map(f);
  const pidFile = <T>(sel: T): T => (typeof sel === 'object' && sel !== null && 'pid_file' in sel ? { ...sel, pid_file: f(String(sel.pid_file)) } : sel);
  const command = <C extends { argv: string[] }>(c: C): C => ({ ...c, argv: all(c.argv) });
  const config = m.config as Manifest['config'] & { config_file?: unknown };
  return {
    ...m,
    config: {
      ...m.config,
      ...(typeof config.config_file === 'string' ? { config_file: f(config.config_file) } : {}),
      variants: m.config.variants.map((v) => ({
        ...v,
        ...(typeof v.build === 'string' ? { build: f(v.build) } : {}),
        ...(v.start ? { start: all(v.start) } : {}),
        ...(v.cwd !== undefined ? { cwd: f(v.cwd) } : {}),
        ...(v.env ? { env: Object.fromEntries(Object.entries(v.env).map(([k, x]) => [k, f(x)])) } : {}),
        ...(v.monitor
          ? { monitor: { ...v.monitor, pid_file: v.monitor.pid_file === null ? null : f(v.monitor.pid_file), ...(v.monitor.front ? { front: pidFile(v.monitor.front) } : {}), ...(v.monitor.workers ? { workers: pidFile(v.monitor.workers) } : {}) } }
          : {}),
        ...(typeof v.load_script === 'string' ? { load_script: f(v.load_script) } : {}),
      })),
    },
    repetitions: m.repetitions.map((r) => ({
      ...r,
      phases: r.phases.map((p) => ({ ...p, commands: p.commands.map(command) })),
      ...(r.sut ? { sut: { ...r.sut, command: command(r.sut.command) } } : {}),
    })),
    ...(m.argv ? { argv: all(m.argv) } : {}),
    ...(m.imported ? { imported: { ...m.imported, from: f(m.imported.from), files: m.imported.files.map((x) => ({ ...x, source: f(x.source) })) } } : {}),
  };
}

/**
 * The machine's published name: the name the user chose (`machine.name`, `--machine NAME`), else the
 * hostname (the default name).
 *
 * @example
 * publishedMachineName({ hostname: 'ann-laptop.corp.example', name: 'ci-runner-1' }) // -> 'ci-runner-1'
 * publishedMachineName({ hostname: 'vm' }) // -> 'vm'
 */
export function publishedMachineName(machine: { hostname: string; name?: unknown }): string {
  return typeof machine.name === 'string' && machine.name !== '' ? machine.name : machine.hostname;
}

/**
 * The manifest as published: paths anchored (to `anchors`, by default those found in the manifest) and the
 * hostname replaced by the machine's published name.
 *
 * @example
 * publishedManifest(committed).config.variants[0].start // -> ['<project>/native/build/gateway', '--mode', 'proxy', ...]
 */
export function publishedManifest(m: Manifest, anchors: readonly PathAnchor[] = manifestAnchors(m)): Manifest {
  const out = mapManifestPaths(m, (s) => anchorPaths(s, anchors));
  return { ...out, machine: { ...out.machine, hostname: publishedMachineName(out.machine) } };
}
