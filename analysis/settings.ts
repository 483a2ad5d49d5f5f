/** Default analysis settings (every one is recorded in the JSON so a reader knows how verdicts were made). */
import type { Settings } from './schema.ts';

export const DEFAULT_SETTINGS: Settings = {
  seed: 20260101,
  confidence: 0.95,
  /** |change| below this is "no significant difference" even when the CI excludes 0 */
  noise_threshold_pct: 1,
  /** a CV above this between repetitions fails the `high-cv` gate (two-sample comparisons; a note when paired) */
  cv_threshold_pct: 10,
  /** the load generator at or above this % of the CPU available to it fails the `load-saturated` gate */
  load_saturation_pct: 90,
  /** history steps smaller than this (percent of the level, or percentage points for change % series) are ignored */
  change_point_threshold_pct: 5,
  /** 6 blocks is the fewest where an exact two-sided sign-flip test can reach p < 0.05 (2/64) */
  min_blocks: 6,
  /**
   * SD of within-block log ratios above 100% (adjacent trials differ by a factor e as a rule): a
   * `ratio-spread` note. Not a gate: the signed-rank interval stays valid at any spread and widens with it
   * (open-loop p99 at 2,500 req/s spreads 50-130% between adjacent 5 s trials on a quiet machine, when a
   * trial holds a stall). A comparison is invalid only for validity failures: errors, too few blocks, a
   * saturated load, mismatched configurations.
   */
  ratio_spread_threshold_pct: 100,
  speed_change_threshold_pct: 10,
};
