import { SwitchyardError } from '../../shared/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { CallRecord } from './call-record.js';
import { messageOf, type IntegrityCheck, type RecoveredDatabase } from './history-database.js';
import { HistoryEmitter, type HistoryEvents } from './history-events.js';
import { HistoryMaintenance, type PruneResult } from './history-maintenance.js';
import type {
  HistoryExportOptions,
  HistoryFilter,
  HistoryPage,
  HistoryQuery,
  HistoryStatsOptions,
  HistoryStatsRow,
  HistoryTimelineOptions,
  HistoryTimelineRow,
} from './history-read-types.js';
import { HistoryReader, type HistoryReaderOptions } from './history-reader.js';
import { HistoryRecorder, type BeginCall, type EndCall } from './history-recorder.js';
import { deleteFtsTrigger, rowParams } from './schema.js';
import { WritableConnection } from './writable-connection.js';

export type { BeginCall, EndCall } from './history-recorder.js';
export type { FlushEvent, HistoryEvents, RecordEvent } from './history-events.js';
export type {
  HistoryExportOptions,
  HistoryFilter,
  HistoryPage,
  HistoryQuery,
  HistoryStatsOptions,
  HistoryStatsRow,
  HistoryTimelineOptions,
  HistoryTimelineRow,
} from './history-read-types.js';
export type { PruneResult } from './history-maintenance.js';
export type { RecoveredDatabase } from './history-database.js';
export { expandStatuses } from './history-queries.js';

/**
 * The call history: one SQLite database (WAL) in the user data folder, put together from its parts: the
 * recorder (the call path and its batched writes, history-recorder.ts), the maintenance (pruning, full-text
 * indexing, interrupted calls, history-maintenance.ts), the reader (every read, asynchronous, on a reader
 * thread, history-reader.ts) and the gateway's connection (schema, corruption recovery, writable-connection.ts).
 *
 * A committed batch survives a process crash (WAL with synchronous=NORMAL; a power loss may roll back the last
 * transactions, never corrupt the file). A database that SQLite reports corrupt is moved aside to
 * `<file>.corrupt-<timestamp>` (with its WAL) and a new one is started, with a warning saying where it went.
 * The database and its WAL and SHM files are readable by their owner only (0600).
 */

export interface HistoryStoreOptions {
  /** The database file, e.g. `<home>/history.db`. Its folder is created. */
  file: string;
  /** Applied to arguments, result previews and errors before anything is stored or emitted. */
  redact: (text: string) => string;
  /** Rows older than this are pruned; 0 keeps them forever. Default 30. */
  maxAgeDays?: number;
  /** At most this many rows are kept (the oldest go first); 0 for no limit. Default 1,000,000. */
  maxRows?: number;
  /** Pending records are written at most this long after they were queued. Default 100 ms. */
  flushIntervalMs?: number;
  /** A pending batch this big is written at the next turn of the event loop, without waiting for the timer. Default 500. */
  flushBatchSize?: number;
  /** If writes keep failing, at most this many records wait in memory; the oldest are dropped. Default 100,000. */
  maxPending?: number;
  /** How often age pruning runs besides at open. Default 5 minutes; 0 never. */
  pruneIntervalMs?: number;
  /** Full-text indexing starts once no batch was written for this long. Default 1000 ms. */
  indexIdleMs?: number;
  /** Under sustained load, a small indexing step still runs this often. Default 10 s. */
  indexMaxLagMs?: number;
  /**
   * When to run PRAGMA quick_check at open (it reads the whole file: about 3 s for a million rows). `auto`
   * (default): when the previous writer did not close the database cleanly, or the file is under 64 MiB.
   * Corruption found later, by a write or a read, is handled the same way.
   */
  integrityCheck?: IntegrityCheck;
  /**
   * Where batches are written: `thread` (a worker thread with its own connection, so SQLite never runs on the
   * gateway's event loop; falls back to `inline` when the compiled worker is missing or fails) or `inline`.
   * Default `inline`.
   */
  writer?: 'thread' | 'inline';
  /** Where reads run: `thread` (default; inline when the compiled reader thread is missing) or `inline`. */
  reader?: 'thread' | 'inline';
  /** Calls left `running` by a previous process that stopped (crash, kill) are marked cancelled at open. Default true. */
  closeInterruptedCalls?: boolean;
  logger?: Logger;
  /** Clock for startedAt/endedAt and the age limit (tests). */
  now?: () => number;
}

const dayMs = 86_400_000;

export class HistoryStore {
  /**
   * Opens (or creates) the database, moving a corrupt one aside, prunes, and starts the timers. Synchronous
   * (better-sqlite3 is); the gateway opens it once at start-up.
   */
  static open(options: HistoryStoreOptions): HistoryStore {
    return new HistoryStore(options);
  }

  /**
   * For readers in another process (`switchyard logs`): reads only (asynchronous, on a reader thread); no
   * schema change, pruning, indexing or moving aside. Undefined when there is no database yet.
   */
  static openReadOnly(file: string, options: Pick<HistoryReaderOptions, 'redact' | 'logger'> = {}): HistoryReader | undefined {
    return HistoryReader.open(file, options);
  }

  readonly file: string;
  readonly readOnly = false;
  private readonly connection: WritableConnection;
  private readonly events: HistoryEmitter;
  private readonly maintenance: HistoryMaintenance;
  private readonly recorder: HistoryRecorder;
  private readonly reader: HistoryReader;
  private readonly redactText: (text: string) => string;
  private readonly now: () => number;
  private closed = false;

  private constructor(options: HistoryStoreOptions) {
    const logger = options.logger ?? createLogger('warn');
    this.now = options.now ?? Date.now;
    const userRedact = options.redact;
    this.redactText = (text) => {
      try {
        return userRedact(text);
      } catch (error) {
        logger.error(`history: redaction failed (${messageOf(error)}); the text is not recorded`);
        return '[not recorded: redaction failed]';
      }
    };
    this.connection = new WritableConnection(options.file, { integrityCheck: options.integrityCheck ?? 'auto', logger, now: this.now });
    this.file = this.connection.file;
    this.events = new HistoryEmitter(logger);
    const flushBatchSize = Math.max(1, options.flushBatchSize ?? 500);
    this.maintenance = new HistoryMaintenance(this.connection, {
      ...retentionLimits(options.maxAgeDays ?? 30, options.maxRows ?? 1_000_000),
      pruneIntervalMs: options.pruneIntervalMs ?? 5 * 60_000,
      indexIdleMs: Math.max(0, options.indexIdleMs ?? 1000),
      indexMaxLagMs: Math.max(1, options.indexMaxLagMs ?? 10_000),
      logger,
      now: this.now,
      writerThread: () => this.recorder.writerThread,
    });
    this.recorder = new HistoryRecorder(this.connection, this.maintenance, this.events, {
      redact: this.redactText,
      flushIntervalMs: Math.max(1, options.flushIntervalMs ?? 100),
      flushBatchSize,
      maxPending: Math.max(flushBatchSize, options.maxPending ?? 100_000),
      logger,
      now: this.now,
    });
    this.maintenance.start(options.closeInterruptedCalls !== false);
    // The thread starts after the maintenance's first steps, which write on this thread.
    if (options.writer === 'thread') this.recorder.useWriterThread();
    this.reader = new HistoryReader(this.file, {
      redact: this.redactText,
      logger,
      now: this.now,
      readsOn: options.reader ?? 'thread',
      beforeRead: () => this.recorder.flushed(),
      onCorrupt: (error) => {
        if (this.closed) return undefined;
        this.recorder.recoverFromCorruption(error);
        return this.connection.recovered;
      },
    });
    this.connection.onReplaced(() => this.reader.reopen());
  }

  /** Set when a corrupt database was moved aside (at open, or when a write or a read found it corrupt). */
  get recovered(): RecoveredDatabase | undefined {
    return this.connection.recovered;
  }

  // ---- the call path (no SQLite; see history-recorder.ts) ----

  begin(call: BeginCall): CallRecord {
    return this.recorder.begin(call);
  }

  end(id: string, patch: EndCall): CallRecord | undefined {
    return this.recorder.end(id, patch);
  }

  /** Subscribes to live records (start and end), written batches and clears; returns the unsubscribe function. */
  on<K extends keyof HistoryEvents>(event: K, listener: (payload: HistoryEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  off<K extends keyof HistoryEvents>(event: K, listener: (payload: HistoryEvents[K]) => void): void {
    this.events.off(event, listener);
  }

  /** Where batches are written now (`thread` may fall back to `inline`; see the writer option). */
  get writesOn(): 'thread' | 'inline' {
    return this.recorder.writesOn;
  }

  /** Where reads run (`thread` unless the compiled reader thread is missing). */
  get readsOn(): 'thread' | 'inline' {
    return this.reader.readsOn;
  }

  /** Records queued and not yet written. */
  get pendingCount(): number {
    return this.recorder.pendingCount;
  }

  // ---- writing ----

  /** Writes every pending record now (or hands them to the writer thread). The timer calls it. */
  flush(): void {
    this.recorder.flush();
  }

  /** Resolves once every record handed over so far is committed (the handshake every read awaits). */
  flushed(): Promise<void> {
    return this.recorder.flushed();
  }

  /**
   * Inserts records as they are (redaction is applied again), in one transaction on this thread: imports,
   * tests and the benchmark's million rows. Returns the rev they were written with.
   */
  insertMany(records: Iterable<CallRecord>): number {
    this.assertOpen();
    const redact = this.redactText;
    let count = 0;
    function* rows(): Generator<unknown[]> {
      for (const record of records) {
        const clean: CallRecord = {
          ...record,
          arguments: redact(record.arguments),
          ...(record.error !== undefined ? { error: redact(record.error) } : {}),
          ...(record.result ? { result: { ...record.result, preview: redact(record.result.preview) } } : {}),
        };
        count += 1;
        yield rowParams(clean, 0);
      }
    }
    const rev = this.connection.writeBatch(rows());
    this.maintenance.rowsInserted(count);
    return rev;
  }

  /** Adds up to `maxRows` finished calls to the full-text index now, on this thread; returns how many. */
  indexPending(maxRows?: number): number {
    return this.maintenance.indexPending(maxRows);
  }

  /** New bounds (the settings changed): rows beyond them are pruned in steps, behind the call path. */
  setRetention(maxAgeDays: number, maxRows: number): void {
    this.maintenance.setLimits(retentionLimits(maxAgeDays, maxRows));
  }

  /** Deletes rows older than maxAgeDays and the oldest rows beyond maxRows, now, in small transactions. */
  prune(): PruneResult {
    return this.maintenance.prune();
  }

  /** Deletes every record (and any not yet written, and what the writer thread was writing). */
  async clear(): Promise<void> {
    this.assertOpen();
    await this.recorder.discardPending();
    this.assertOpen();
    const db = this.connection.db;
    db.transaction(() => {
      // Row-by-row index maintenance would dominate on a million rows: drop the delete trigger, empty both, restore it.
      db.exec('DROP TRIGGER IF EXISTS calls_ad');
      db.exec('DELETE FROM calls');
      db.exec(`INSERT INTO calls_fts (calls_fts) VALUES ('delete-all')`);
      db.exec(`DELETE FROM fts_pending; UPDATE meta SET value = 0 WHERE key = 'fts_mark'`);
      db.exec(deleteFtsTrigger);
      this.connection.recordRev(this.connection.nextRev(), null);
    })();
    this.maintenance.cleared();
    this.maintenance.vacuumFreePages();
    // Also empty the WAL, which still holds the deleted rows' pages.
    db.pragma('wal_checkpoint(TRUNCATE)');
    this.events.emit('clear', { at: this.now() });
  }

  /**
   * Writes what is pending, stops the timers and threads and closes the database. Later calls are not recorded.
   * Resolves when the writer and reader threads have ended too (nothing touches the file after that).
   */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const writerEnded = this.recorder.close();
    this.closed = true;
    this.maintenance.close();
    const readerEnded = this.reader.close();
    this.connection.close();
    return Promise.all([writerEnded, readerEnded]).then(() => undefined);
  }

  // ---- reading (asynchronous, on the reader thread; see history-reader.ts) ----

  query(query: HistoryQuery = {}): Promise<HistoryPage> {
    return this.reader.query(query);
  }

  changedSince(rev: number, filter: HistoryFilter = {}): Promise<{ records: CallRecord[]; rev: number }> {
    return this.reader.changedSince(rev, filter);
  }

  stats(options: HistoryStatsOptions): Promise<HistoryStatsRow[]> {
    return this.reader.stats(options);
  }

  timeline(options: HistoryTimelineOptions): Promise<HistoryTimelineRow[]> {
    return this.reader.timeline(options);
  }

  export(options: HistoryExportOptions, out: NodeJS.WritableStream): Promise<{ records: number }> {
    return this.reader.export(options, out);
  }

  countRows(): Promise<number> {
    return this.reader.countRows();
  }

  currentRev(): Promise<number> {
    return this.reader.currentRev();
  }

  private assertOpen(): void {
    if (this.closed) throw new SwitchyardError('INVALID_INPUT', 'The call history is closed.');
  }
}

/** maxAgeDays and maxRows as the maintenance counts them (0: no bound). */
function retentionLimits(maxAgeDays: number, maxRows: number): { maxAgeMs: number; maxRows: number } {
  return {
    maxAgeMs: Number.isFinite(maxAgeDays) && maxAgeDays > 0 ? maxAgeDays * dayMs : 0,
    maxRows: Number.isFinite(maxRows) && maxRows > 0 ? Math.floor(maxRows) : 0,
  };
}
