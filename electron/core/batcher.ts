export interface BatcherOptions<T> {
  /** A batch is sent at most this long after its first item arrived. */
  maxWaitMs: number;
  /** A batch is sent at once when it holds this many items. */
  maxItems: number;
  /** Receives each batch, items in the order they were pushed; never an empty one. */
  send(items: T[]): void;
}

/**
 * Gathers items into batches: sent when `maxItems` have arrived or `maxWaitMs` after the first of them, whichever
 * comes first, in order. `close` sends what is waiting (nothing is lost at shutdown) and sends later items at once.
 * The timer does not keep the process alive.
 */
export class Batcher<T> {
  private items: T[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: BatcherOptions<T>) {}

  push(item: T): void {
    this.items.push(item);
    if (this.closed || this.items.length >= this.options.maxItems) {
      this.flush();
      return;
    }
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.flush(), this.options.maxWaitMs);
      this.timer.unref?.();
    }
  }

  /** Sends the waiting items now, if any. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.options.send(items);
  }

  /** Sends what is waiting; from now on each item is sent as it arrives. */
  close(): void {
    this.closed = true;
    this.flush();
  }
}
