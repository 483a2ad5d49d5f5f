/**
 * The options of `npm run collect`: argv in, validated `CollectOptions` out (pure: no fs, no clock).
 * Every user mistake becomes an `OptionError` with one line saying what is wrong and what to do.
 */
import { z } from 'zod';
import { parseByteSize, sizeLabel } from '../byte-size.ts';
import { DEFAULT_SWEEP_SIZES, PAYLOAD_MAX_BYTES } from './sweep-points.ts';
import { DEFAULT_RATE_BYTES_PER_S } from './sweep-rate.ts';

/** A phase name a user can select with `--phases`. */
export const PhaseName = z.enum(['throughput', 'fixed-rate', 'strace', 'perf-record']);
export type PhaseName = z.infer<typeof PhaseName>;

export const ALL_PHASES: PhaseName[] = ['throughput', 'fixed-rate', 'strace', 'perf-record'];

/** A variant named on the command line: `proxy` or `proxy=v1.0` (name and label). */
export const VariantChoice = z.object({ name: z.string(), label: z.string().nullable() });
export type VariantChoice = z.infer<typeof VariantChoice>;

export const CollectOptions = z.object({
  /** run label, part of the directory name; null = derived from the variants' labels */
  label: z.string().nullable(),
  /** null = the defaults (embedded: proxy=v1.0,fdpass=v2.0; config: every variant of the file) */
  variants: z.array(VariantChoice).nullable(),
  duration_s: z.number().positive(),
  warmup_s: z.number().nonnegative(),
  /** length of each untimed phase (strace, perf record) */
  untimed_s: z.number().positive(),
  repetitions: z.number().int().positive(),
  connections: z.number().int().positive(),
  threads: z.number().int().positive(),
  rate_rps: z.number().positive(),
  /** sweeps: bytes of responses per second the fixed-rate trials spend at each size (`--rate-bytes`; sweep-rate.ts) */
  rate_bytes_per_s: z.number().int().positive(),
  function: z.string(),
  workers: z.number().int().positive(),
  /** embedded gateway port; a --config names its own ports in its URLs */
  port: z.number().int().min(1).max(65535),
  order: z.enum(['abab', 'random']),
  /** null = pick one (recorded in the manifest) */
  seed: z.number().int().nullable(),
  phases: z.array(PhaseName),
  /** perf record sampling frequency (Hz): keeps perf script output small */
  perf_freq_hz: z.number().int().positive(),
  /** embedded gateway: what perf record profiles, the gateway process (`front`) or it and its workers (`all`); a --config says it in monitor.profile */
  profile: z.enum(['front', 'all']),
  quick: z.boolean(),
  /** a sweep run: every variant at each response size, in randomized blocks (`--sweep`) */
  sweep: z.boolean(),
  /** the sweep's sizes in bytes (`--sizes`); null = the defaults (embedded gateway) or the config's list */
  sizes_bytes: z.array(z.number().int().positive()).nullable(),
  dry_run: z.boolean(),
  aa: z.boolean(),
  pin: z.boolean(),
  build: z.boolean(),
  analyze: z.boolean(),
  config: z.string().nullable(),
  out: z.string(),
  /** the machine's name in the manifest: its history is one timeline under this name (null = the hostname) */
  machine: z.string().nullable(),
  /** seconds to wait for the ready URL to answer */
  ready_timeout_s: z.number().positive(),
  help: z.boolean(),
});
export type CollectOptions = z.infer<typeof CollectOptions>;

export class OptionError extends Error {
  override name = 'OptionError';
}

export const DEFAULT_OPTIONS: CollectOptions = {
  label: null,
  variants: null,
  duration_s: 2,
  warmup_s: 1,
  untimed_s: 3,
  repetitions: 28,
  connections: 100,
  threads: 2,
  rate_rps: 2500,
  rate_bytes_per_s: DEFAULT_RATE_BYTES_PER_S,
  function: 'hello',
  workers: 1,
  port: 8080,
  order: 'random',
  seed: null,
  phases: [...ALL_PHASES],
  perf_freq_hz: 199,
  profile: 'front',
  quick: false,
  sweep: false,
  sizes_bytes: null,
  dry_run: false,
  aa: false,
  pin: true,
  build: true,
  analyze: true,
  config: null,
  out: 'raw-results',
  machine: null,
  ready_timeout_s: 15,
  help: false,
};

/** What `--quick` changes: two blocks of short trials, about 30 s in all for two variants (a smoke test: too few blocks for a verdict). */
export const QUICK_OPTIONS: Partial<CollectOptions> = { repetitions: 2, duration_s: 2, warmup_s: 1, untimed_s: 1 };

/**
 * What `--sweep` changes: 6 blocks (the fewest a 95% signed-rank interval needs) of 3 s trials, the
 * throughput and fixed-rate phases (the fixed rate per size from `--rate-bytes`; strace and perf record are
 * opt-in with --phases). With the 6 default sizes and two variants, a block is 12 entries of about 10 s
 * (start, warm-up, two trials with their probes, stop): about 9 minutes in all.
 */
export const SWEEP_OPTIONS: Partial<CollectOptions> = { repetitions: 6, duration_s: 3, phases: ['throughput', 'fixed-rate'] };

export const USAGE = `usage: npm run collect -- [options]

  --label L            run label (directory raw-results/<UTC time>-<L>); default "<baseline>-vs-<candidate>"
  --variants A,B       variants to compare, first is the baseline; NAME or NAME=LABEL (embedded:
                       proxy=v1.0, fdpass=v2.0, fdpass-conn=v2.1; default proxy,fdpass; with --config
                       every variant in the file)
  --config FILE        benchmark your own gateway (see ingest/collect/README.md)
  --blocks N           blocks, each with one trial of every variant in shuffled order (default 28;
                       --repetitions N is the same)
  --duration S         seconds of each timed trial (default 2)
  --warmup S           seconds of warm-up per variant and block, discarded (default 1)
  --untimed S          seconds of each untimed phase, strace and perf record, run in the last block (default 3)
  --connections N      wrk connections (default 100)
  --threads N          wrk threads (default 2)
  --rate R             requests/s of the fixed-rate phase (default 2500; in a sweep, the cap at every size)
  --rate-bytes B       sweeps: bytes of responses per second of the fixed-rate trials at each size, so a
                       size's rate is min(--rate, B / size), e.g. 32M (default 32 MiB: 32 req/s at 1 MiB)
  --function F         hello | echo | payload (default hello; embedded gateway only)
  --workers N          gateway workers (default 1; embedded gateway only)
  --port P             embedded gateway port of the first variant; the next get P+1, P+2 (default 8080)
  --order abab|random  interleaving of variants (default random, blocks of one repetition each)
  --seed N             seed of the random order (default: picked and recorded)
  --phases LIST        subset of throughput,fixed-rate,strace,perf-record (default all)
  --perf-freq HZ       perf record sampling frequency (default 199)
  --profile front|all  what perf record profiles: the gateway process, or it and its workers
                       (default front; embedded gateway only: a --config sets monitor.profile)
  --aa                 A/A calibration: the first variant runs as both A and B
  --no-pin             do not pin with taskset
  --no-build           do not run the build step
  --no-analyze         do not run the analysis and the site build at the end
  --out DIR            where runs are written (default raw-results)
  --machine NAME       name of this machine: its runs form one history timeline; kernel, CPU and tool
                       changes show as events on it (default the hostname)
  --ready-timeout S    how long to wait for the ready URL (default 15)
  --quick              2 blocks of 2 s trials: about 30 s in all (a smoke test, too few blocks for verdicts)
  --sweep              a response-size sweep: every variant at each size (payload:SIZE), sizes and variants
                       shuffled in each block; 6 blocks of 3 s throughput and fixed-rate trials at 6
                       sizes, about 9 min for two variants
  --sizes LIST         the sweep's sizes, e.g. 16,1K,4KiB,1M (K = 1024; default ${DEFAULT_SWEEP_SIZES.map(sizeLabel).join(', ')})
  --dry-run            print the plan and the exact commands, run nothing
  -h, --help           this help
`;

const FLAGS: Record<string, keyof CollectOptions> = {
  '--quick': 'quick',
  '--sweep': 'sweep',
  '--dry-run': 'dry_run',
  '--aa': 'aa',
  '-h': 'help',
  '--help': 'help',
};
const NEGATIONS: Record<string, keyof CollectOptions> = {
  '--no-pin': 'pin',
  '--no-build': 'build',
  '--no-analyze': 'analyze',
};

function positiveNumber(flag: string, raw: string, allowZero = false): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new OptionError(`${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number of seconds, got '${raw}'`);
  }
  return n;
}

function positiveInt(flag: string, raw: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new OptionError(`${flag} must be an integer from 1 to ${max}, got '${raw}'`);
  }
  return Number(raw);
}

/**
 * Check a `--machine` name: what the history calls this machine (1 to 64 letters, digits, spaces, `. _ -`).
 *
 * @example
 * machineName('ci-runner-1') // -> 'ci-runner-1'
 * machineName('') // throws OptionError "--machine must be 1 to 64 letters, digits, spaces, '.', '_' or '-', got ''"
 */
export function machineName(raw: string): string {
  const name = raw.trim();
  if (!/^[A-Za-z0-9._ -]{1,64}$/.test(name)) throw new OptionError(`--machine must be 1 to 64 letters, digits, spaces, '.', '_' or '-', got '${raw}'`);
  return name;
}

/**
 * Parse `--variants` text: `proxy,fdpass` or `proxy=v1.0,fdpass=v2.0`.
 *
 * @example
 * parseVariantList('proxy=v1.0,fdpass') // -> [{ name: 'proxy', label: 'v1.0' }, { name: 'fdpass', label: null }]
 */
export function parseVariantList(raw: string): VariantChoice[] {
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) throw new OptionError(`--variants has an empty entry in '${raw}': use NAME[=LABEL],NAME[=LABEL]`);
  const out = parts.map((p) => {
    const [name, label] = p.split('=', 2);
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new OptionError(`--variants: '${name}' is not a valid variant name (letters, digits, . _ -)`);
    return { name, label: label === undefined || label === '' ? null : label };
  });
  const seen = new Set<string>();
  for (const v of out) {
    if (seen.has(v.name)) throw new OptionError(`--variants names '${v.name}' twice: use --aa to compare a variant with itself`);
    seen.add(v.name);
  }
  return out;
}

/**
 * Parse `--sizes` text: sizes separated by commas, each as parseByteSize reads it, at most the payload
 * function's 16 MiB; smallest first, each once.
 *
 * @example
 * parseSizeList('1K,16,1M') // -> [16, 1024, 1048576]
 * parseSizeList('16,,1K') // throws OptionError "--sizes has an empty entry in '16,,1K': ..."
 * parseSizeList('4K') // throws OptionError "--sizes needs at least two different sizes for a sweep, ..."
 */
export function parseSizeList(raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.some((p) => p === '')) throw new OptionError(`--sizes has an empty entry in '${raw}': use sizes separated by commas, e.g. 16,1K,64K,1M`);
  const sizes = parts.map((p) => {
    let n: number;
    try {
      n = parseByteSize(p);
    } catch (e) {
      throw new OptionError(`--sizes: ${(e as Error).message}`);
    }
    if (n > PAYLOAD_MAX_BYTES) throw new OptionError(`--sizes: ${p} is more than the payload function's 16 MiB`);
    return n;
  });
  const distinct = [...new Set(sizes)].sort((a, b) => a - b);
  if (distinct.length < 2) throw new OptionError(`--sizes needs at least two different sizes for a sweep, got '${raw}' (one size is a plain run: --function payload:SIZE)`);
  return distinct;
}

/**
 * Parse `--rate-bytes` text: a byte size as parseByteSize reads it (bytes of responses per second).
 *
 * @example
 * parseRateBytes('32M') // -> 33554432
 * parseRateBytes('0') // throws OptionError "--rate-bytes: '0' is not a whole, positive number of bytes"
 */
export function parseRateBytes(raw: string): number {
  try {
    return parseByteSize(raw);
  } catch (e) {
    throw new OptionError(`--rate-bytes: ${(e as Error).message}`);
  }
}

/**
 * Parse the argv of `npm run collect` (without node and the script) into validated options.
 * `--quick` sets short defaults that explicit options still override.
 *
 * @example
 * parseCollectArgs(['--quick', '--out', '/tmp/runs']).repetitions // -> 1
 * parseCollectArgs(['--repetitions', 'x']) // throws OptionError "--repetitions must be an integer from 1 to ..., got 'x'"
 */
export function parseCollectArgs(rawArgv: string[]): CollectOptions {
  const argv = rawArgv.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  const set: Partial<CollectOptions> = {};
  const valueOf = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new OptionError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const flag = raw;
    if (flag in FLAGS) {
      (set as Record<string, unknown>)[FLAGS[flag]] = true;
      continue;
    }
    if (flag in NEGATIONS) {
      (set as Record<string, unknown>)[NEGATIONS[flag]] = false;
      continue;
    }
    const v = () => valueOf(i, flag);
    switch (flag) {
      case '--label': {
        const l = v();
        if (!/^[A-Za-z0-9._-]+$/.test(l)) throw new OptionError(`--label '${l}' may only contain letters, digits, '.', '_' and '-' (it names a directory)`);
        set.label = l;
        break;
      }
      case '--variants': set.variants = parseVariantList(v()); break;
      case '--duration': set.duration_s = positiveNumber(flag, v()); break;
      case '--warmup': set.warmup_s = positiveNumber(flag, v(), true); break;
      case '--untimed': set.untimed_s = positiveNumber(flag, v()); break;
      case '--blocks':
      case '--repetitions': set.repetitions = positiveInt(flag, v(), 1000); break;
      case '--connections': set.connections = positiveInt(flag, v(), 100000); break;
      case '--threads': set.threads = positiveInt(flag, v(), 1024); break;
      case '--rate': set.rate_rps = positiveInt(flag, v(), 10_000_000); break;
      case '--workers': set.workers = positiveInt(flag, v(), 256); break;
      case '--port': set.port = positiveInt(flag, v(), 65535); break;
      case '--perf-freq': set.perf_freq_hz = positiveInt(flag, v(), 100000); break;
      case '--profile': {
        const p = v();
        if (p !== 'front' && p !== 'all') throw new OptionError(`--profile takes front or all, got '${p}'`);
        set.profile = p;
        break;
      }
      case '--ready-timeout': set.ready_timeout_s = positiveNumber(flag, v()); break;
      case '--function': {
        const f = v();
        if (!/^[a-z0-9_-]+(:\d+)?$/.test(f)) throw new OptionError(`--function '${f}' is not a function name (hello, echo, payload or payload:SIZE)`);
        set.function = f;
        break;
      }
      case '--order': {
        const o = v();
        if (o !== 'abab' && o !== 'random') throw new OptionError(`--order must be abab or random, got '${o}'`);
        set.order = o;
        break;
      }
      case '--seed': {
        const s = v();
        if (!/^\d+$/.test(s) || Number(s) > 0xffffffff) throw new OptionError(`--seed must be an integer from 0 to 4294967295, got '${s}'`);
        set.seed = Number(s);
        break;
      }
      case '--phases': {
        const list = v().split(',').map((s) => s.trim());
        for (const p of list) {
          if (!PhaseName.safeParse(p).success) throw new OptionError(`--phases: unknown phase '${p}' (choose from ${ALL_PHASES.join(', ')})`);
        }
        set.phases = ALL_PHASES.filter((p) => list.includes(p));
        break;
      }
      case '--sizes': set.sizes_bytes = parseSizeList(v()); break;
      case '--rate-bytes': set.rate_bytes_per_s = parseRateBytes(v()); break;
      case '--config': set.config = v(); break;
      case '--out': set.out = v(); break;
      case '--machine': set.machine = machineName(v()); break;
      default:
        throw new OptionError(`unknown option '${raw}' (npm run collect -- --help lists them)`);
    }
    i++;
  }
  if (set.rate_bytes_per_s !== undefined && !set.sweep) throw new OptionError(`--rate-bytes sets the fixed rate of each size of a sweep: add --sweep (a plain run's fixed rate is --rate)`);
  if (set.sizes_bytes && !set.sweep) throw new OptionError(`--sizes sets the sizes of a sweep: add --sweep`);
  if (set.sweep && set.function !== undefined) throw new OptionError(`--sweep asks the payload function for each size (payload:SIZE): drop --function ${set.function}`);
  if (set.profile && set.config) throw new OptionError(`--profile is for the embedded gateway: a --config says what perf record profiles in each variant's monitor.profile`);
  if (set.sizes_bytes && set.config) throw new OptionError(`--sizes is for the embedded gateway: a --config lists its sweep's sizes and loads under "sweep"`);
  const merged = { ...DEFAULT_OPTIONS, ...(set.sweep ? SWEEP_OPTIONS : {}), ...(set.quick ? QUICK_OPTIONS : {}), ...set };
  if (merged.aa && merged.variants && merged.variants.length > 1) {
    throw new OptionError(`--aa runs one variant as both A and B: give one variant (e.g. --variants ${merged.variants[0].name}), not ${merged.variants.length}`);
  }
  if (!merged.aa && merged.variants && merged.variants.length < 2) {
    throw new OptionError(`--variants needs two variants to compare (baseline,candidate), or add --aa to run one as both A and B`);
  }
  if (merged.warmup_s > 0 && merged.warmup_s < 1) throw new OptionError(`--warmup must be 0 or at least 1 second (wrk counts whole seconds), got ${merged.warmup_s}`);
  for (const [flag, key] of [['--duration', 'duration_s'], ['--untimed', 'untimed_s']] as const) {
    if (!Number.isInteger(merged[key])) throw new OptionError(`${flag} must be a whole number of seconds (wrk and pidstat count whole seconds), got ${merged[key]}`);
  }
  if (!Number.isInteger(merged.warmup_s)) throw new OptionError(`--warmup must be a whole number of seconds, got ${merged.warmup_s}`);
  if (merged.threads > merged.connections) throw new OptionError(`--threads (${merged.threads}) cannot exceed --connections (${merged.connections}): wrk needs at least one connection per thread`);
  return CollectOptions.parse(merged);
}
