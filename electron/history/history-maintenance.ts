import { performance } from 'node:perf_hooks';
import type { Logger } from '../core/logger.js';
import { prepareFullTextIndexer } from './full-text-indexer.js';
import { messageOf } from './history-database.js';
import type { HistoryWriter } from './history-writer.js';
import type { WritableConnection } from './writable-connection.js';

export interface PruneResult {
  byAge: number;
  byCount: number;
}

export interface MaintenanceOptions {
  /** 0 keeps rows forever. */
  maxAgeMs: number;
  /** 0 for no limit. */
  maxRows: number;
  /** 0 never prunes on a timer. */
  pruneIntervalMs: number;
  indexIdleMs: number;
  indexMaxLagMs: number;
  logger: Logger;
  now: () => number;
  /** The writer thread, when there is one: indexing runs there. */
  writerThread: () => HistoryWriter | undefined;
}

const pruneChunk = 1000;
const idleIndexChunk = 1000;
const busyIndexChunk = 200;
/** Batches whose lowest seq is kept for followers (a batch is at most one flush interval, 100 ms by default). */
const revsKept = 100_000;
const interruptedMessage = 'The gateway stopped before this call ended.';

/**
 * Keeping the history in shape behind the call path: rows bounded by age and count (pruned at open,
 * periodically and when the count overshoots, in small transactions spread over turns of the event loop),
 * the full-text index filled in the background when the store is quiet (and by a small chunk every
 * indexMaxLagMs under sustained load), and calls a stopped process left running closed at open.
 */
export class HistoryMaintenance {
  private rowEstimate = 0;
  private lastWriteAt = 0;
  private lastIndexAt = 0;
  private pruneTimer: NodeJS.Timeout | undefined;
  private pruneStepTimer: NodeJS.Immediate | undefined;
  private indexTimer: NodeJS.Timeout | undefined;
  /** An index chunk handed to the writer thread and not answered yet. */
  private indexing = false;
  private closed = false;

  constructor(
    private readonly connection: WritableConnection,
    private options: MaintenanceOptions,
  ) {
    connection.onReplaced(() => {
      this.rowEstimate = 0;
    });
  }

  /** At open: closes interrupted calls (when asked), prunes, and starts the timers. */
  start(closeInterruptedCalls: boolean): void {
    this.rowEstimate = this.countRows();
    if (closeInterruptedCalls) this.closeInterrupted();
    this.prune();
    if (this.options.pruneIntervalMs > 0) {
      this.pruneTimer = setInterval(() => this.pruneInSteps(), this.options.pruneIntervalMs);
      this.pruneTimer.unref();
    }
    this.scheduleIndexing(this.options.indexIdleMs); // what a previous run left unindexed
  }

  /** A batch was written with `added` new rows: prune when the count overshoots, index once quiet. */
  rowsWritten(added: number): void {
    this.rowEstimate += added;
    this.lastWriteAt = performance.now();
    // Some slack before pruning by count, so that deletions come in chunks rather than a few rows per batch.
    const { maxRows } = this.options;
    if (maxRows > 0 && this.rowEstimate > maxRows + Math.max(100, Math.floor(maxRows / 100))) this.pruneInSteps();
    this.scheduleIndexing(this.options.indexIdleMs);
  }

  /** New bounds: what lies beyond them is pruned now, a chunk per turn of the event loop. */
  setLimits(limits: Pick<MaintenanceOptions, 'maxAgeMs' | 'maxRows'>): void {
    this.options = { ...this.options, ...limits };
    this.pruneInSteps();
  }

  /** Rows were inserted outside the call path (an import): index them once quiet. */
  rowsInserted(count: number): void {
    this.rowEstimate += count;
    this.scheduleIndexing(this.options.indexIdleMs);
  }

  /** Every row was deleted. */
  cleared(): void {
    this.rowEstimate = 0;
  }

  /** Deletes rows older than maxAgeDays and the oldest rows beyond maxRows, now, in small transactions. */
  prune(): PruneResult {
    const result = { byAge: 0, byCount: 0 };
    for (let step = this.pruneStep(); step.byAge + step.byCount > 0; step = this.pruneStep()) {
      result.byAge += step.byAge;
      result.byCount += step.byCount;
    }
    if (result.byAge + result.byCount > 0) this.vacuumFreePages();
    return result;
  }

  /**
   * Adds up to `maxRows` finished calls to the full-text index, on this thread, in transactions of at most
   * 10,000 rows; returns how many. The benchmark calls it to build the whole index.
   */
  indexPending(maxRows = idleIndexChunk): number {
    if (!this.connection.isOpen) return 0;
    const index = prepareFullTextIndexer(this.connection.db);
    let indexed = 0;
    while (indexed < maxRows) {
      const chunk = Math.min(idleIndexChunk * 10, maxRows - indexed);
      const done = index(chunk);
      indexed += done;
      if (done < chunk) break;
    }
    return indexed;
  }

  /** Gives the pages freed by deletions back to the file system (auto_vacuum is incremental). */
  vacuumFreePages(): void {
    try {
      this.connection.db.pragma('incremental_vacuum');
    } catch (error) {
      this.options.logger.debug(`history: reclaiming free pages failed: ${messageOf(error)}`);
    }
  }

  close(): void {
    this.closed = true;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    if (this.pruneStepTimer) clearImmediate(this.pruneStepTimer);
    if (this.indexTimer) clearTimeout(this.indexTimer);
  }

  private countRows(): number {
    return (this.connection.db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
  }

  /** One chunk of pruning: by age first, then by count. */
  private pruneStep(): PruneResult {
    if (!this.connection.isOpen) return { byAge: 0, byCount: 0 };
    const db = this.connection.db;
    const { maxAgeMs, maxRows } = this.options;
    try {
      if (maxAgeMs > 0) {
        const cutoff = this.options.now() - maxAgeMs;
        const byAge = db
          .prepare('DELETE FROM calls WHERE seq IN (SELECT seq FROM calls WHERE started_at < ? ORDER BY started_at LIMIT ?)')
          .run(cutoff, pruneChunk).changes;
        if (byAge > 0) {
          this.rowEstimate = Math.max(0, this.rowEstimate - byAge);
          return { byAge, byCount: 0 };
        }
      }
      if (maxRows > 0 && this.rowEstimate > maxRows) {
        this.rowEstimate = this.countRows();
        const excess = Math.min(pruneChunk, this.rowEstimate - maxRows);
        if (excess <= 0) return { byAge: 0, byCount: 0 };
        const byCount = db.prepare('DELETE FROM calls WHERE seq IN (SELECT seq FROM calls ORDER BY started_at, seq LIMIT ?)').run(excess).changes;
        this.rowEstimate -= byCount;
        return { byAge: 0, byCount };
      }
      // A follower more than this many batches behind reads every row once instead (see seqFloorAfter).
      db.prepare('DELETE FROM revs WHERE rev <= (SELECT max(rev) FROM revs) - ?').run(revsKept);
    } catch (error) {
      this.options.logger.warn(`history: pruning failed: ${messageOf(error)}`);
    }
    return { byAge: 0, byCount: 0 };
  }

  /** Prunes a chunk per turn of the event loop, so that a large prune never stalls the gateway. */
  private pruneInSteps(): void {
    if (this.pruneStepTimer || this.closed) return;
    const step = () => {
      this.pruneStepTimer = undefined;
      if (this.closed) return;
      const done = this.pruneStep();
      if (done.byAge + done.byCount > 0) this.pruneStepTimer = setImmediate(step);
      else this.vacuumFreePages();
    };
    this.pruneStepTimer = setImmediate(step);
  }

  /** Indexes for free text when the store is quiet (indexIdleMs without a write), or a small chunk when overdue. */
  private scheduleIndexing(delay: number): void {
    if (this.indexTimer || this.closed) return;
    this.indexTimer = setTimeout(() => this.runIndexing(), delay);
    this.indexTimer.unref();
  }

  private runIndexing(): void {
    this.indexTimer = undefined;
    if (this.closed || !this.connection.isOpen || this.indexing) return;
    const { indexIdleMs, indexMaxLagMs } = this.options;
    const now = performance.now();
    const quietFor = now - this.lastWriteAt;
    const idle = quietFor >= indexIdleMs;
    if (!idle && now - this.lastIndexAt < indexMaxLagMs) {
      this.scheduleIndexing(Math.min(indexIdleMs - quietFor, indexMaxLagMs - (now - this.lastIndexAt)));
      return;
    }
    const chunk = idle ? idleIndexChunk : busyIndexChunk;
    const writer = this.options.writerThread();
    if (writer) {
      this.indexing = true;
      void writer.index(chunk).then((reply) => {
        this.indexing = false;
        if (this.closed) return;
        if (reply.type === 'indexed') this.indexed(reply.rows, chunk, idle);
        else if (reply.type === 'failed') this.options.logger.warn(`history: full-text indexing failed: ${reply.message}`);
      });
      return;
    }
    let done: number;
    try {
      done = this.indexPending(chunk);
    } catch (error) {
      this.options.logger.warn(`history: full-text indexing failed: ${messageOf(error)}`);
      return;
    }
    this.indexed(done, chunk, idle);
  }

  private indexed(done: number, chunk: number, idle: boolean): void {
    this.lastIndexAt = performance.now();
    if (done === chunk) this.scheduleIndexing(idle ? 0 : this.options.indexMaxLagMs);
  }

  private closeInterrupted(): void {
    const db = this.connection.db;
    // `status <> 'ok'` lets SQLite read the partial status index instead of every row.
    const running = `status = 'running' AND status <> 'ok'`;
    const interrupted = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM calls WHERE ${running}`).get()?.n ?? 0;
    if (interrupted === 0) return;
    db.transaction(() => {
      const rev = this.connection.nextRev();
      const first = db.prepare<[], { seq: number }>(`SELECT min(seq) AS seq FROM calls WHERE ${running}`).get()?.seq ?? null;
      db.prepare(`UPDATE calls SET status = 'cancelled', error = ?, rev = ? WHERE ${running}`).run(interruptedMessage, rev);
      this.connection.recordRev(rev, first);
    })();
    this.options.logger.info(`history: ${interrupted} calls left running by a previous run were marked cancelled`);
  }
}
