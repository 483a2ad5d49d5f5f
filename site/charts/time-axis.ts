/**
 * The time axis of the history charts: ticks at whole UTC minutes, hours, days, months or years, chosen from
 * the span of the runs so that there are at most about six, each labelled at the resolution of its step.
 * A fixed `%b %d %H:%M` format with vega's automatic ticks labelled every 10 or 30 seconds of a short
 * history with the same minute ("Dec 06 06:13" three times); here a label never repeats.
 */

type Interval = 'minute' | 'hour' | 'day' | 'month' | 'year';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Tick steps from the finest to the coarsest: interval, step, its length in ms (months and years about). */
const STEPS: [Interval, number, number][] = [
  ...[1, 2, 5, 10, 15, 30].map((s): [Interval, number, number] => ['minute', s, s * MINUTE_MS]),
  ...[1, 2, 3, 6, 12].map((s): [Interval, number, number] => ['hour', s, s * HOUR_MS]),
  ...[1, 2, 7, 14].map((s): [Interval, number, number] => ['day', s, s * DAY_MS]),
  ...[1, 2, 3, 6].map((s): [Interval, number, number] => ['month', s, s * 30.44 * DAY_MS]),
  ...[1, 2, 5, 10].map((s): [Interval, number, number] => ['year', s, s * 365.25 * DAY_MS]),
];

const VEGA_INTERVAL: Record<Interval, string> = { minute: 'minutes', hour: 'hours', day: 'day', month: 'month', year: 'year' };

/** At most this many intervals between the first and the last run. */
const MAX_TICKS = 6;

/**
 * The x encoding of a history chart over `times` (ISO strings): a UTC time scale rounded to the chosen step,
 * ticks every step, and a label format that shows what the step resolves.
 *
 * @example
 * timeAxis(['2026-12-06T06:13:38Z', '2026-12-06T06:20:19Z', '2026-12-06T06:27:06Z']).axis
 * // { format: '%H:%M', tickCount: { interval: 'minutes', step: 5 }, labelAngle: 0, labelOverlap: 'greedy' }
 */
export function timeAxis(times: string[]) {
  const ms = times.map((t) => Date.parse(t)).filter((t) => Number.isFinite(t));
  const span = ms.length ? Math.max(...ms) - Math.min(...ms) : 0;
  const [interval, step] = STEPS.find(([, , len]) => span / len <= MAX_TICKS) ?? STEPS[STEPS.length - 1];
  const sameDay = ms.length > 0 && new Date(Math.min(...ms)).toISOString().slice(0, 10) === new Date(Math.max(...ms)).toISOString().slice(0, 10);
  const format =
    interval === 'minute' ? (sameDay ? '%H:%M' : '%b %d %H:%M') : interval === 'hour' ? '%b %d %H:%M' : interval === 'day' ? '%b %d' : interval === 'month' ? '%b %Y' : '%Y';
  // vega names the intervals `minutes` and `hours` (vega-time's units); Vega-Lite passes them through
  const every = { interval: VEGA_INTERVAL[interval], step } as unknown as { interval: 'minute'; step: number };
  return {
    field: 't',
    type: 'temporal' as const,
    title: sameDay && interval === 'minute' && ms.length ? `run time (UTC, ${new Date(Math.min(...ms)).toISOString().slice(0, 10)})` : 'run time (UTC)',
    scale: { type: 'utc' as const, nice: every },
    axis: { format, tickCount: every, labelAngle: 0, labelOverlap: 'greedy' as const },
  };
}
