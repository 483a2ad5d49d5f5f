/**
 * The events of a machine's timeline drawn on a history chart: a solid grey rule at the first run after a
 * change, labelled at the top with what changed (`kernel`, `tools`, `config`...), the details in the
 * tooltip and the data table. Several events at one run share one rule and one label.
 */

/** An event as the history charts take it. */
export interface ChartEvent {
  run: string;
  /** ISO time of the run */
  created_at: string;
  /** `kernel`, `cpu`, `memory`, `tools`, `config` */
  kind: string;
  /** the change in words, e.g. 'kernel 6.1.0-13 → 6.1.0-17' */
  text: string;
}

/**
 * One row per run with events, for the chart's dataset: `kind: 'ev'`, the kinds as the label, the details.
 *
 * @example
 * eventRows([{ run: 'r2', created_at: 't', kind: 'kernel', text: 'kernel a → b' }, { run: 'r2', created_at: 't', kind: 'tools', text: 'tools: perf 1 → 2' }])
 * // [{ kind: 'ev', run: 'r2', t: 't', label: 'kernel, tools', text: 'kernel a → b; tools: perf 1 → 2' }]
 */
export function eventRows(events: ChartEvent[]): Record<string, unknown>[] {
  const byRun = new Map<string, ChartEvent[]>();
  for (const e of events) byRun.set(e.run, [...(byRun.get(e.run) ?? []), e]);
  return [...byRun.values()].map((list) => ({
    kind: 'ev',
    run: list[0].run,
    t: list[0].created_at,
    label: list.map((e) => e.kind).join(', '),
    text: list.map((e) => e.text).join('; '),
  }));
}

/**
 * The layers that draw the event rows of a layered history chart whose x encoding is `x`.
 *
 * @example
 * eventLayers(x).length // 2 (the rule and its label)
 */
export function eventLayers(x: object) {
  const filter = [{ filter: "datum.kind === 'ev'" }];
  const tooltip = [{ field: 'run', title: 'first run after' }, { field: 'text', title: 'what changed' }];
  return [
    { transform: filter, mark: { type: 'rule' as const, color: '#6b7280', strokeWidth: 1.5 }, encoding: { x, tooltip } },
    {
      transform: filter,
      mark: { type: 'text' as const, color: '#374151', align: 'left' as const, baseline: 'top' as const, dx: 3, y: 2, fontSize: 10 },
      encoding: { x, text: { field: 'label' }, tooltip },
    },
  ];
}

/**
 * The data-table cell of a run: its events in words, or ''.
 *
 * @example
 * eventCell([{ run: 'r2', created_at: 't', kind: 'kernel', text: 'kernel a → b' }], 'r2') // 'kernel a → b'
 */
export function eventCell(events: ChartEvent[], run: string): string {
  return events.filter((e) => e.run === run).map((e) => e.text).join('; ');
}
