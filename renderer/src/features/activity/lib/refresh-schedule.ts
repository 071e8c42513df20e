export interface RefreshScheduleOptions {
  /** Refresh once no call has ended for this long (a burst is over). */
  quietMs: number;
  /** ...or at the latest this long after the first call not yet counted (calls keep flowing). */
  maxWaitMs: number;
  refresh(): void;
}

/**
 * When the statistics are read again while calls end: once the calls pause for `quietMs`, or every `maxWaitMs`
 * while they keep coming. A redraw of the charts is a long piece of work for the page; under a flood of calls it
 * happens every `maxWaitMs`, not every couple of seconds, and a burst's figures show as soon as it ends.
 */
export class RefreshSchedule {
  private quiet: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: RefreshScheduleOptions) {}

  /** Calls ended. */
  ended(): void {
    clearTimeout(this.quiet);
    this.quiet = setTimeout(() => this.fire(), this.options.quietMs);
    this.deadline ??= setTimeout(() => this.fire(), this.options.maxWaitMs);
  }

  stop(): void {
    clearTimeout(this.quiet);
    clearTimeout(this.deadline);
    this.quiet = this.deadline = undefined;
  }

  private fire(): void {
    this.stop();
    this.options.refresh();
  }
}
