/**
 * What a run declares it should meet, as recorded in its manifest's config: targets (a threshold on a
 * metric, judged per variant on the 95% CI) and expected changes (a range of the candidate's change against
 * the baseline, in percent, per metric). `analysis/compare/targets.json` uses the same `Target` shape; a `--config`
 * declares its own in `targets` and `expected`.
 *
 * These are the shapes only: what they must also satisfy (a known metric, a non-empty name, low <= high,
 * one range per metric) is checked by `analysis/compare/declared-checks.ts`, which knows the metrics, in one place
 * for a targets file, a config and a recorded manifest.
 */
import { z } from 'zod';

export const Target = z
  .object({
    name: z.string(),
    metric: z.string(),
    op: z.enum(['<', '>']),
    threshold: z.number(),
    /** `embedded`: judged only on runs of the embedded gateway (the seed plan's targets); default: every run */
    scope: z.enum(['embedded', 'all']).optional(),
  })
  .strict();
export type Target = z.infer<typeof Target>;

/** An expected change: the candidate's change against the baseline should fall in `low_pct..high_pct`. */
export const ExpectedChange = z
  .object({
    metric: z.string(),
    low_pct: z.number(),
    high_pct: z.number(),
    /** what is expected, in words, for the note (default: the metric's label) */
    claim: z.string().optional(),
  })
  .strict();
export type ExpectedChange = z.infer<typeof ExpectedChange>;
