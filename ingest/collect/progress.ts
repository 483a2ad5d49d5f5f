/**
 * What the collector tells the user while it runs. On a terminal: one progress line rewritten in place
 * (position, variant, repetition, phase, elapsed and ETA). Elsewhere (CI, a log file): one plain line per event.
 */

export interface ProgressEvent {
  /** 0-based position in the plan */
  order: number;
  total: number;
  variant: string;
  repetition: number;
  repetitions: number;
  phase: string;
  /** sweeps: the label of the size being measured, e.g. "64 KiB" */
  point?: string;
}

/**
 * Seconds as m:ss (or h:mm:ss).
 *
 * @example
 * formatDuration(83) // -> '1:23'
 * formatDuration(3725) // -> '1:02:05'
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The text of a progress line (no terminal codes).
 *
 * @example
 * progressLine({ order: 2, total: 10, variant: 'proxy', repetition: 2, repetitions: 5, phase: 'throughput' }, 83, 240)
 * // -> '[3/10] proxy block 2/5 · throughput · elapsed 1:23 · ETA 2:37'
 * progressLine({ order: 2, total: 84, variant: 'proxy', repetition: 1, repetitions: 6, phase: 'throughput', point: '64 KiB' }, 20, 700)
 * // -> '[3/84] proxy at 64 KiB block 1/6 · throughput · elapsed 0:20 · ETA 11:20'
 */
export function progressLine(e: ProgressEvent, elapsedS: number, estimatedTotalS: number): string {
  const eta = Math.max(0, estimatedTotalS - elapsedS);
  const at = e.point === undefined ? '' : ` at ${e.point}`;
  return `[${e.order + 1}/${e.total}] ${e.variant}${at} block ${e.repetition}/${e.repetitions} · ${e.phase} · elapsed ${formatDuration(elapsedS)} · ETA ${formatDuration(eta)}`;
}

export class Progress {
  private readonly started = Date.now();
  private current: ProgressEvent | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly estimatedTotalS: number,
    private readonly tty = Boolean(stream.isTTY),
  ) {}

  private elapsed(): number {
    return (Date.now() - this.started) / 1000;
  }

  private redraw(): void {
    if (this.current) this.stream.write(`\r\x1b[K${progressLine(this.current, this.elapsed(), this.estimatedTotalS)}`);
  }

  /** A phase starts. */
  phase(e: ProgressEvent): void {
    this.current = e;
    if (this.tty) {
      this.redraw();
      if (!this.timer) {
        this.timer = setInterval(() => this.redraw(), 1000);
        this.timer.unref();
      }
    } else {
      this.stream.write(`collect: ${progressLine(e, this.elapsed(), this.estimatedTotalS)}\n`);
    }
  }

  /** A message on its own line (a failed repetition, a skipped phase). */
  log(message: string): void {
    if (this.tty && this.current) this.stream.write('\r\x1b[K');
    this.stream.write(`collect: ${message}\n`);
    if (this.tty) this.redraw();
  }

  /** The run ended: clear the progress line. */
  done(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.tty && this.current) this.stream.write('\r\x1b[K');
    this.current = null;
  }
}
