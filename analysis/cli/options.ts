/**
 * Command-line options shared by `npm run analyze` and `npm run compare`, validated with one-line errors.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_SETTINGS } from '../settings.ts';
import type { Settings } from '../schema.ts';
import { parseTargets, type Target } from '../compare/targets.ts';
import { ConfigError, parseUserConfig } from '../../ingest/collect/config.ts';
import { PROJECT_ROOT } from '../../ingest/project-root.ts';
import { expectedProblem, targetsProblem } from '../compare/declared-checks.ts';

/**
 * A user mistake on the command line: printed as one line, exit code 2.
 *
 * @example
 * throw new UsageError('--format must be console or json, got "xml"');
 */
export class UsageError extends Error {}

/**
 * node:util parseArgs with its errors (unknown option, missing value) as a one-line UsageError.
 *
 * @example
 * parseCommandLine({ args: ['--seed'], options: { seed: { type: 'string' } } }) // throws UsageError("Option '--seed <value>' argument missing (see --help)")
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (see --help)`);
  }
}

/** The parseArgs options read by `settingsFrom`, shared by `npm run analyze` and `npm run compare`. */
export const SETTINGS_OPTIONS = {
  seed: { type: 'string' },
  noise: { type: 'string' },
  'cv-threshold': { type: 'string' },
} as const;

/**
 * The --format value of a command that prints a console report or JSON.
 *
 * @example
 * outputFormat(undefined) // -> 'console'
 * outputFormat('xml')     // throws UsageError('--format must be console or json, got "xml"')
 */
export function outputFormat(value: string | undefined): 'console' | 'json' {
  const format = value ?? 'console';
  if (format !== 'console' && format !== 'json') throw new UsageError(`--format must be console or json, got "${format}"`);
  return format;
}

/** The default targets file shipped with the analysis. */
export const DEFAULT_TARGETS_FILE = join(PROJECT_ROOT, 'analysis', 'compare', 'targets.json');

function numberOption(name: string, raw: string | undefined, fallback: number, check: (x: number) => boolean, what: string): number {
  if (raw === undefined) return fallback;
  const x = Number(raw);
  if (!Number.isFinite(x) || !check(x)) throw new UsageError(`--${name} must be ${what}, got "${raw}"`);
  return x;
}

/**
 * Settings from the options (`--seed`, `--noise`, `--cv-threshold`).
 *
 * @example
 * settingsFrom({ seed: '7' }).seed // 7
 */
export function settingsFrom(values: Record<string, string | boolean | undefined>): Settings {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  return {
    ...DEFAULT_SETTINGS,
    seed: numberOption('seed', str('seed'), DEFAULT_SETTINGS.seed, (x) => Number.isInteger(x) && x >= 0 && x <= 0xffffffff, 'an integer between 0 and 4294967295'),
    noise_threshold_pct: numberOption('noise', str('noise'), DEFAULT_SETTINGS.noise_threshold_pct, (x) => x >= 0, 'a percentage >= 0'),
    cv_threshold_pct: numberOption('cv-threshold', str('cv-threshold'), DEFAULT_SETTINGS.cv_threshold_pct, (x) => x > 0, 'a percentage > 0'),
  };
}

/**
 * The targets from `--targets FILE`, or the defaults.
 *
 * @example
 * await loadTargets(undefined) // the four seed targets
 */
export async function loadTargets(file: string | undefined): Promise<Target[]> {
  const path = file ?? DEFAULT_TARGETS_FILE;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new UsageError(`${path}: cannot read the targets file (${code === 'ENOENT' ? 'no such file' : code})`);
  }
  try {
    return parseTargets(text, path);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * Check the targets and expected changes a `--config` file declares (`npm run analyze -- --check-config
 * FILE`; collect runs it before a run, since ingest does not know the metrics): a one-line UsageError
 * naming the file and the key, else how many were declared.
 *
 * @example
 * await checkConfigDeclarations('examples/ci/gatebench.json') // -> 'examples/ci/gatebench.json: 2 targets and 2 expected changes, valid'
 * await checkConfigDeclarations('bad.json') // throws UsageError 'bad.json: targets.0.metric: unknown metric "rps"'
 */
export async function checkConfigDeclarations(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`${path}: cannot read the config (${(err as { code?: string }).code ?? (err as Error).message})`);
  }
  let config;
  try {
    config = parseUserConfig(text, path);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
  const problem = targetsProblem(config.targets ?? []) ?? expectedProblem(config.expected ?? []);
  if (problem) throw new UsageError(`${path}: ${problem}`);
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return `${path}: ${n(config.targets?.length ?? 0, 'target', 'targets')} and ${n(config.expected?.length ?? 0, 'expected change', 'expected changes')}, valid`;
}
