/**
 * Reads what one libFuzzer run printed: how many inputs it executed and whether any sanitizer or
 * invariant report appeared. Pure: text in, summary out.
 */
import { sanitizerReports } from './sanitizer-reports.ts';

export interface LibFuzzerStats {
  /** inputs executed: `stat::number_of_executed_units`, else the last `#N DONE` / `Done N runs` */
  executions: number | undefined;
  execs_per_s: number | undefined;
  new_units: number | undefined;
  peak_rss_mb: number | undefined;
  /** the first line of each crash, leak, UB or libFuzzer error report */
  reports: string[];
}

function lastInt(text: string, re: RegExp): number | undefined {
  let v: number | undefined;
  for (const m of text.matchAll(re)) v = Number(m[1]);
  return v;
}

/**
 * Summarises the stderr of a libFuzzer process run with -print_final_stats=1.
 * @example
 * libFuzzerStats('Done 23 runs in 0 second(s)\nstat::number_of_executed_units: 23\n').executions // 23
 */
export function libFuzzerStats(text: string): LibFuzzerStats {
  const executions =
    lastInt(text, /^stat::number_of_executed_units:\s*(\d+)/gm) ??
    lastInt(text, /^#(\d+)\s+DONE\b/gm) ??
    lastInt(text, /^Done (\d+) runs in/gm);
  return {
    executions,
    execs_per_s: lastInt(text, /^stat::average_exec_per_sec:\s*(\d+)/gm),
    new_units: lastInt(text, /^stat::new_units_added:\s*(\d+)/gm),
    peak_rss_mb: lastInt(text, /^stat::peak_rss_mb:\s*(\d+)/gm),
    reports: sanitizerReports(text),
  };
}
