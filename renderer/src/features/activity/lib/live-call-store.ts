import type { CallRecordView } from '../../../../../shared/history-types.js';

/** What the list reads of the live feed: a count and the i-th newest call, without copying the calls. */
export interface LiveCallsView {
  /** Changes with every batch applied (React renders on it). */
  readonly version: number;
  readonly size: number;
  /** The i-th newest call (0: the newest). */
  at(index: number): CallRecordView;
  has(id: string): boolean;
}

/**
 * The live feed's calls, at most `capacity`, append-only and indexed by call id: a new call is appended, a call's
 * end replaces its start in place, and the oldest fall off the front. Each batch costs what it brings (no sort, no
 * copy of the calls kept), so the work per frame does not grow with the thousands on screen. The array is
 * compacted once the dropped slots reach the capacity (amortised: one copy per `capacity` calls dropped).
 */
export class LiveCallStore {
  /** Oldest first; slots before `head` have been dropped (kept until compaction, so an earlier view stays whole). */
  private slots: CallRecordView[] = [];
  private head = 0;
  /** The absolute position of slots[0]: positions survive compaction without re-indexing. */
  private base = 0;
  private readonly positions = new Map<string, number>();
  private version = 0;
  /** The newest call that fell off the end (the history must reach back to it). */
  dropped: CallRecordView | undefined;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.slots.length - this.head;
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  /** Applies a batch in arrival order; false when nothing arrived. */
  apply(arrived: Iterable<CallRecordView>): boolean {
    let changed = false;
    for (const record of arrived) {
      changed = true;
      const position = this.positions.get(record.id);
      if (position !== undefined) {
        this.slots[position - this.base] = record;
        continue;
      }
      this.positions.set(record.id, this.base + this.slots.length);
      this.slots.push(record);
    }
    if (!changed) return false;
    while (this.size > this.capacity) {
      const old = this.slots[this.head]!;
      this.head += 1;
      this.positions.delete(old.id);
      this.dropped = newerRecord(this.dropped, old);
    }
    if (this.head >= this.capacity) {
      this.slots = this.slots.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
    this.version += 1;
    return true;
  }

  /** A view of the calls as they are now; a new object for each version, so React sees the change. */
  view(): LiveCallsView {
    const slots = this.slots;
    const last = slots.length - 1;
    const size = this.size;
    return {
      version: this.version,
      size,
      at: (index) => slots[last - index]!,
      has: (id) => this.positions.has(id),
    };
  }
}

/** The later-started of two records (either may be missing). */
export function newerRecord(a: CallRecordView | undefined, b: CallRecordView | undefined): CallRecordView | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.startedAt > a.startedAt ? b : a;
}
