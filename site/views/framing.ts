/**
 * How the site frames what it shows: gatebench's own question (does handing the socket to the worker pay
 * off?) when the run the site leads with is of its embedded gateway, else the comparison a user's
 * `--config` set up, in its own words (title, question, description) or neutral ones. No page speaks of fd
 * passing unless the run is ours.
 */
import { reportedRun } from '../../analysis/report/select.ts';
import type { Analysis } from '../../analysis/schema.ts';
import { variantLabel } from './comparison-rows.ts';

export interface Framing {
  /** gatebench's own gateway: proxy vs fd passing */
  ours: boolean;
  /** the overview's headline question */
  question: string;
  /** the overview's lede when not ours (ours has its fixed text in the template) */
  lede: string | null;
  /** the pages' meta description */
  meta: string;
}

export const OUR_QUESTION = 'Does handing the socket to the worker pay off?';
export const OUR_META = 'gatebench: what passing the client socket to the worker (SCM_RIGHTS) buys an HTTP function gateway over proxying, measured with confidence intervals.';

/**
 * @example
 * siteFraming(analysis) // -> { ours: false, question: 'What does nginx direct change against nginx proxy chain?', lede: '...', meta: 'gatebench: nginx direct vs nginx proxy chain, ...' }
 */
export function siteFraming(analysis: Analysis): Framing {
  const run = reportedRun(analysis);
  if (!run || !run.framing || run.framing.ours) return { ours: true, question: OUR_QUESTION, lede: null, meta: OUR_META };
  const baseline = variantLabel(run, run.baseline ?? '');
  const candidate = variantLabel(run, run.candidate ?? '');
  const title = run.framing.title ?? `${candidate} vs ${baseline}`;
  return {
    ours: false,
    question: run.framing.question ?? `What does ${candidate} change against ${baseline}?`,
    lede:
      run.framing.description ??
      `gatebench measured ${baseline} and ${candidate} under the same load, in randomized blocks of back-to-back trials. Every number below comes with a 95% confidence interval and a verdict.`,
    meta: `gatebench: ${title}, measured under the same load with 95% confidence intervals.`,
  };
}
