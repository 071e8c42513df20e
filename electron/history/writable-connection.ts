import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger } from '../core/logger.js';
import { prepareBatchWriter, type BatchWriter } from './batch-writer.js';
import {
  describeOpenError,
  isCorruption,
  messageOf,
  moveAside,
  openWritableDatabase,
  reasonOf,
  type IntegrityCheck,
  type RecoveredDatabase,
} from './history-database.js';
import { recordRevSql } from './schema.js';

/**
 * The gateway's own connection to the history (the writer's, on the thread that relays calls): opened with
 * the schema, replaced by a new file when the old one is found corrupt, marked clean at close. Whoever holds
 * state about the file (the recorder's "already written" flags, the maintenance's row count, the reader's
 * connection) listens for a replacement with onReplaced.
 */
export class WritableConnection {
  readonly file: string;
  /** Set when a corrupt database was moved aside (at open, or later). */
  recovered?: RecoveredDatabase;
  private current!: Database.Database;
  private statements!: { writeBatch: BatchWriter; nextRev: Database.Statement<[], { value: number }>; recordRev: Database.Statement };
  private readonly replacedListeners = new Set<() => void>();

  constructor(
    file: string,
    private readonly options: { integrityCheck: IntegrityCheck; logger: Logger; now: () => number },
  ) {
    this.file = path.resolve(file);
    try {
      this.open();
    } catch (error) {
      if (!isCorruption(error)) throw describeOpenError(error, this.file);
      this.recovered = moveAside(this.file, reasonOf(error), this.options.now(), this.options.logger);
      this.open();
    }
  }

  get db(): Database.Database {
    return this.current;
  }

  get isOpen(): boolean {
    return this.current.open;
  }

  /** Writes rows in one transaction (see batch-writer.ts); returns their rev. */
  writeBatch(rows: Iterable<unknown[]>, fresh?: readonly boolean[]): number {
    return this.statements.writeBatch(rows, fresh);
  }

  /** Takes the next change counter (inside a transaction). */
  nextRev(): number {
    return this.statements.nextRev.get()!.value;
  }

  /** Records the lowest seq a rev wrote (null: none), for followers. */
  recordRev(rev: number, minSeq: number | null): void {
    this.statements.recordRev.run(rev, minSeq);
  }

  onReplaced(listener: () => void): () => void {
    this.replacedListeners.add(listener);
    return () => this.replacedListeners.delete(listener);
  }

  /** Moves the corrupt file aside and opens a new one; tells the listeners. */
  replaceCorrupt(error: unknown): RecoveredDatabase {
    try {
      this.current.close();
    } catch {
      // Closing a corrupt database may fail too; it is being replaced.
    }
    this.recovered = moveAside(this.file, reasonOf(error), this.options.now(), this.options.logger);
    this.open();
    for (const listener of this.replacedListeners) listener();
    return this.recovered;
  }

  /** Marks the file closed cleanly (the next open may skip the integrity check) and closes it. */
  close(): void {
    if (!this.current.open) return;
    try {
      this.current.prepare(`UPDATE meta SET value = 1 WHERE key = 'clean'`).run();
    } catch (error) {
      this.options.logger.debug(`history: could not mark the database closed cleanly: ${messageOf(error)}`);
    }
    // No ANALYZE / PRAGMA optimize: statistics gathered while the tables were small made FTS5's own statements
    // pick plans that slowed writes eightfold as the history grew. bench/history-bench.ts measures the plans
    // SQLite chooses without statistics.
    this.current.close();
  }

  private open(): void {
    this.current = openWritableDatabase(this.file, this.options);
    this.statements = {
      writeBatch: prepareBatchWriter(this.current),
      nextRev: this.current.prepare<[], { value: number }>(`UPDATE meta SET value = value + 1 WHERE key = 'rev' RETURNING value`),
      recordRev: this.current.prepare(recordRevSql),
    };
  }
}
