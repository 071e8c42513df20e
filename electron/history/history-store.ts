import { newCallId, newTraceId } from './call-ids.js';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SwitchyardError } from '../../shared/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import {
  callStatuses,
  errorStatuses,
  redactedArguments,
  redactedError,
  summarizeResult,
  type CallClient,
  type CallMethod,
  type CallRecord,
  type CallStatus,
  type FinalCallStatus,
  type StatusFilter,
} from './call-record.js';
import { csvHeader, csvLine } from './csv.js';
import { prepareBatchWriter, type BatchWriter } from './batch-writer.js';
import { prepareFullTextIndexer } from './full-text-indexer.js';
import { deleteFtsTrigger, migrateFrom1Sql, recordRevSql, rowParams, rowToRecord, schemaSql, schemaVersion, selectColumns, type CallRow } from './schema.js';
import { HistoryWriter, type WriterReply } from './history-writer.js';
import { ftsQuery, historyMatch, searchWords } from './text-search.js';
import { parseTimeSpec } from './time-spec.js';

/**
 * The call history: one SQLite database (WAL) in the user data folder.
 *
 * The call path only enqueues: begin() and end() redact, build the record, emit it to live listeners and put
 * it in a pending map (a call's start and end coalesce when they fall in one batch). A timer (or a batch that
 * reaches flushBatchSize, at the next turn of the event loop) writes the pending records in one transaction,
 * an upsert by id. A crash therefore loses at most the batch not yet written; a committed transaction survives
 * it (WAL with synchronous=NORMAL is durable against a process crash; a power loss may roll back the last
 * transactions, never corrupt the file).
 *
 * Writing a row is cheap; indexing its text for free-text search is not (several times the row), so the
 * full-text index is filled in the background, when the store has been quiet for indexIdleMs (and by a small
 * chunk every indexMaxLagMs under sustained load). Searches also scan the rows the indexer has not reached, so
 * results never depend on it.
 *
 * Rows are bounded by age and count: pruned at open, periodically and when the count overshoots, in small
 * transactions spread over turns of the event loop. A database that SQLite reports corrupt is moved aside to
 * `<file>.corrupt-<timestamp>` (with its WAL) and a new one is started, with a warning saying where it went.
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
  integrityCheck?: 'auto' | 'always' | 'never';
  /**
   * Where batches are written: `thread` (a worker thread with its own connection, so SQLite never runs on the
   * gateway's event loop; falls back to `inline` when the compiled worker is missing or fails) or `inline`.
   * Default `inline`.
   */
  writer?: 'thread' | 'inline';
  /** Calls left `running` by a previous process that stopped (crash, kill) are marked cancelled at open. Default true. */
  closeInterruptedCalls?: boolean;
  logger?: Logger;
  /** Clock for startedAt/endedAt and the age limit (tests). */
  now?: () => number;
}

export interface ReadOnlyHistoryOptions {
  /** Applied again to every text field on the way out (records stored before a secret was known). */
  redact?: (text: string) => string;
  logger?: Logger;
}

/** What the gateway knows when a call starts. */
export interface BeginCall {
  /** Default: a random UUID. */
  id?: string;
  /** Default: 32 random hex digits. */
  traceId?: string;
  /** Default: now. */
  startedAt?: number;
  client: CallClient;
  server: string;
  method: CallMethod;
  /** Tool or prompt name (as the server knows it), or the resource URI. */
  name: string;
  /** The call's arguments as received (an object); serialized, redacted and capped here. Default `{}`. */
  arguments?: unknown;
}

/** What the gateway knows when the call ends. */
export interface EndCall {
  status: FinalCallStatus;
  /** Default: now. When given, the duration is endedAt - startedAt; otherwise it is measured with a monotonic clock. */
  endedAt?: number;
  /** The duration as the caller measured it (the gateway, with a monotonic clock); wins over the rules above. */
  durationMs?: number;
  /** An Error, a message, or any JSON value; redacted and capped here. */
  error?: unknown;
  /** The MCP result (CallToolResult, GetPromptResult or ReadResourceResult); summarized and redacted here. */
  result?: unknown;
}

export interface RecordEvent {
  kind: 'start' | 'end';
  record: CallRecord;
}

export interface FlushEvent {
  /** Records written in this transaction. */
  records: number;
  /** Those records, as written (a call's latest state). */
  batch: readonly CallRecord[];
  /** The change counter the batch was written with. */
  rev: number;
  ms: number;
}

export interface HistoryEvents {
  record: RecordEvent;
  flush: FlushEvent;
  clear: { at: number };
}

export interface HistoryFilter {
  /** Inclusive lower bound on startedAt: ms since the epoch, a Date, or a time spec (`1h`, `2d`, ISO). */
  since?: number | string | Date;
  /** Exclusive upper bound on startedAt, same forms. */
  until?: number | string | Date;
  server?: string | readonly string[];
  /** Tool or prompt name, or resource URI. */
  tool?: string | readonly string[];
  /** Client name or session id. */
  client?: string;
  /** One status or several; `error` means tool_error, protocol_error or timeout. */
  status?: StatusFilter | readonly StatusFilter[];
  /** Words searched in arguments, result previews and errors (each word starts a word there; all required). */
  text?: string;
}

export interface HistoryQuery extends HistoryFilter {
  /** From a previous page's nextCursor. */
  cursor?: string;
  /** Default 50, at most 1000. */
  limit?: number;
}

export interface HistoryPage {
  /** Newest first. */
  records: CallRecord[];
  /** Present when there are older records: pass it back as `cursor`. */
  nextCursor?: string;
  /** The change counter of the snapshot the page was read from: changedSince(rev) continues from it. */
  rev: number;
}

export interface HistoryStatsOptions extends HistoryFilter {
  groupBy: 'server' | 'tool';
}

export interface HistoryStatsRow {
  server: string;
  /** With groupBy 'tool'. */
  tool?: string;
  count: number;
  /** tool_error + protocol_error + timeout. */
  errors: number;
  /** errors / calls that ended (running calls do not count); 0 when none ended. */
  errorRate: number;
  /** Of the durations of calls that ended (SQLite's percentile(): interpolated between ranks). Null when none ended. */
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface HistoryExportOptions extends HistoryFilter {
  format: 'jsonl' | 'csv';
}

export interface RecoveredDatabase {
  movedTo: string;
  reason: string;
}

export interface PruneResult {
  byAge: number;
  byCount: number;
}

const dayMs = 86_400_000;
const pruneChunk = 1000;
const maxQueryLimit = 1000;
const exportPage = 1000;
const maxInflight = 100_000;
const idleIndexChunk = 1000;
/** Up to this many pending rows, a search lists them in its SQL (see unindexedClause). */
const pendingListed = 200;
/** Batches whose lowest seq is kept for followers (a batch is at most one flush interval, 100 ms by default). */
const revsKept = 100_000;
const busyIndexChunk = 200;
/** Above this many full-text matches, a search walks the rows newest first instead of sorting the matches. */
const manyMatches = 2000;
const interruptedMessage = 'The gateway stopped before this call ended.';

interface Statements {
  currentRev: Database.Statement;
  /** Only on a writable connection (whose file is always at schemaVersion). */
  writes?: {
    writeBatch: BatchWriter;
    nextRev: Database.Statement;
    recordRev: Database.Statement;
  };
}

interface PendingEntry {
  record: CallRecord;
  /** A row for this id was written by an earlier flush. */
  stored: boolean;
}

interface InflightEntry {
  record: CallRecord;
  t0: number;
  stored: boolean;
}

type Listener<K extends keyof HistoryEvents> = (payload: HistoryEvents[K]) => void;

export class HistoryStore {
  /**
   * Opens (or creates) the database, moving a corrupt one aside, prunes, and starts the timers. Synchronous
   * (better-sqlite3 is); the gateway opens it once at start-up.
   */
  static open(options: HistoryStoreOptions): HistoryStore {
    return new HistoryStore(options, false);
  }

  /**
   * For readers in another process (`switchyard logs`): queries only; no schema change, pruning, indexing or
   * moving aside. Undefined when there is no database yet.
   */
  static openReadOnly(file: string, options: ReadOnlyHistoryOptions = {}): HistoryStore | undefined {
    if (!existsSync(file)) return undefined;
    return new HistoryStore({ file, redact: options.redact ?? identity, ...(options.logger ? { logger: options.logger } : {}) }, true);
  }

  readonly file: string;
  readonly readOnly: boolean;
  /** Set when a corrupt database was moved aside (at open, or when a write found it corrupt). */
  recovered?: RecoveredDatabase;

  private db!: Database.Database;
  private statements!: Statements;
  /** The schema version of the open file: schemaVersion when writable (older files are migrated at open). */
  private schema = schemaVersion;
  private readonly redactText: (text: string) => string;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly maxRows: number;
  private readonly flushIntervalMs: number;
  private readonly flushBatchSize: number;
  private readonly maxPending: number;
  private readonly indexIdleMs: number;
  private readonly indexMaxLagMs: number;
  private readonly integrityCheck: 'auto' | 'always' | 'never';
  private readonly pending = new Map<string, PendingEntry>();
  private readonly inflight = new Map<string, InflightEntry>();
  private readonly listeners: { [K in keyof HistoryEvents]: Set<Listener<K>> } = { record: new Set(), flush: new Set(), clear: new Set() };
  private flushTimer: NodeJS.Timeout | undefined;
  private flushImmediate: NodeJS.Immediate | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private pruneStepTimer: NodeJS.Immediate | undefined;
  private indexTimer: NodeJS.Timeout | undefined;
  private lastFlushAt = 0;
  private lastIndexAt = 0;
  private failures = 0;
  private dropped = 0;
  private rowEstimate = 0;
  private closed = false;
  private writer: HistoryWriter | undefined;
  /** Batches handed to the writer thread and not yet answered, by seq. */
  private readonly batches = new Map<number, PendingEntry[]>();
  /** The index chunk the writer thread is working on. */
  private indexing: { seq: number; chunk: number; idle: boolean } | undefined;

  private constructor(options: HistoryStoreOptions, readOnly: boolean) {
    this.file = path.resolve(options.file);
    this.readOnly = readOnly;
    this.logger = options.logger ?? createLogger('warn');
    this.now = options.now ?? Date.now;
    const userRedact = options.redact;
    this.redactText = (text) => {
      try {
        return userRedact(text);
      } catch (error) {
        this.logger.error(`history: redaction failed (${messageOf(error)}); the text is not recorded`);
        return '[not recorded: redaction failed]';
      }
    };
    const maxAgeDays = options.maxAgeDays ?? 30;
    this.maxAgeMs = Number.isFinite(maxAgeDays) && maxAgeDays > 0 ? maxAgeDays * dayMs : 0;
    const maxRows = options.maxRows ?? 1_000_000;
    this.maxRows = Number.isFinite(maxRows) && maxRows > 0 ? Math.floor(maxRows) : 0;
    this.flushIntervalMs = Math.max(1, options.flushIntervalMs ?? 100);
    this.flushBatchSize = Math.max(1, options.flushBatchSize ?? 500);
    this.maxPending = Math.max(this.flushBatchSize, options.maxPending ?? 100_000);
    this.indexIdleMs = Math.max(0, options.indexIdleMs ?? 1000);
    this.indexMaxLagMs = Math.max(1, options.indexMaxLagMs ?? 10_000);
    this.integrityCheck = options.integrityCheck ?? 'auto';

    if (readOnly) {
      try {
        this.db = new Database(this.file, { readonly: true, fileMustExist: true });
      } catch (error) {
        throw describeOpenError(error, this.file);
      }
      try {
        this.db.pragma('busy_timeout = 1000');
        this.schema = checkSchemaVersion(this.db, this.file);
        this.db.function('history_match', { deterministic: true, varargs: true }, historyMatch);
        this.prepareStatements();
      } catch (error) {
        this.db.close();
        throw describeOpenError(error, this.file);
      }
      return;
    }

    mkdirSync(path.dirname(this.file), { recursive: true });
    try {
      this.db = this.openWritable();
    } catch (error) {
      if (!isCorruption(error)) throw describeOpenError(error, this.file);
      this.recovered = this.moveAside(reasonOf(error));
      this.db = this.openWritable();
    }
    this.rowEstimate = this.countRows();
    if (options.closeInterruptedCalls !== false) this.closeInterrupted();
    this.prune();
    const pruneIntervalMs = options.pruneIntervalMs ?? 5 * 60_000;
    if (pruneIntervalMs > 0) {
      this.pruneTimer = setInterval(() => this.pruneInSteps(), pruneIntervalMs);
      this.pruneTimer.unref();
    }
    this.scheduleIndexing(this.indexIdleMs); // what a previous run left unindexed
    if (options.writer === 'thread') this.startWriter();
  }

  // ---- the call path: redact, enqueue and emit; no SQLite ----

  /** Records the start of a call; returns the record as stored and emitted (arguments redacted and capped). */
  begin(call: BeginCall): CallRecord {
    const record: CallRecord = {
      id: call.id ?? newCallId(),
      traceId: call.traceId ?? newTraceId(),
      startedAt: call.startedAt ?? this.now(),
      client: pickClient(call.client),
      server: call.server,
      method: call.method,
      name: call.name,
      arguments: redactedArguments(call.arguments, this.redactText),
      status: 'running',
    };
    Object.freeze(record);
    if (this.closed || this.readOnly) return record;
    if (this.inflight.size >= maxInflight) {
      const oldest = this.inflight.keys().next().value;
      if (oldest !== undefined) this.inflight.delete(oldest); // stays "running"; its end will not be recorded
    }
    this.inflight.set(record.id, { record, t0: performance.now(), stored: false });
    this.enqueue(record, false);
    this.emit('record', { kind: 'start', record });
    return record;
  }

  /** Records the end of a call begun with begin(); undefined (and nothing recorded) for an unknown id. */
  end(id: string, patch: EndCall): CallRecord | undefined {
    const entry = this.inflight.get(id);
    if (!entry) {
      this.logger.debug(`history: end of unknown call ${id} ignored`);
      return undefined;
    }
    this.inflight.delete(id);
    const endedAt = patch.endedAt ?? this.now();
    const measured = patch.durationMs ?? (patch.endedAt !== undefined ? endedAt - entry.record.startedAt : performance.now() - entry.t0);
    const durationMs = Math.round(measured * 1000) / 1000;
    const status: FinalCallStatus = isFinalStatus(patch.status) ? patch.status : 'protocol_error';
    // Spelled out rather than spread from the (frozen) start record: this runs once per call.
    const started = entry.record;
    const record: CallRecord = {
      id: started.id,
      traceId: started.traceId,
      startedAt: started.startedAt,
      client: started.client,
      server: started.server,
      method: started.method,
      name: started.name,
      arguments: started.arguments,
      status,
      endedAt,
      durationMs,
    };
    if (patch.error !== undefined && patch.error !== null) record.error = redactedError(patch.error, this.redactText);
    if (patch.result !== undefined) record.result = summarizeResult(patch.result, this.redactText);
    Object.freeze(record);
    if (this.closed) return record;
    this.enqueue(record, entry.stored);
    this.emit('record', { kind: 'end', record });
    return record;
  }

  /** Subscribes to live records (start and end), written batches and clears; returns the unsubscribe function. */
  on<K extends keyof HistoryEvents>(event: K, listener: (payload: HistoryEvents[K]) => void): () => void {
    this.listeners[event].add(listener);
    return () => this.off(event, listener);
  }

  off<K extends keyof HistoryEvents>(event: K, listener: (payload: HistoryEvents[K]) => void): void {
    this.listeners[event].delete(listener);
  }

  /** Where batches are written now (`thread` may fall back to `inline`; see the writer option). */
  get writesOn(): 'thread' | 'inline' {
    return this.writer ? 'thread' : 'inline';
  }

  /** Records queued and not yet written. */
  get pendingCount(): number {
    return this.pending.size;
  }

  // ---- writing ----

  /** Writes every pending record now, in one transaction. The timer calls it; call it to force a write. */
  flush(): void {
    this.cancelScheduledFlush();
    if (this.pending.size === 0 || this.readOnly || !this.db.open) return;
    if (this.writer) return this.handToWriter(this.writer);
    const t0 = performance.now();
    const batch = [...this.pending.values()];
    let rev: number;
    try {
      rev = this.writeBatch(batch);
    } catch (error) {
      if (!isCorruption(error)) return this.flushFailed(error);
      try {
        this.recoverFromCorruption(error);
        rev = this.writeBatch(batch);
      } catch (retryError) {
        return this.flushFailed(retryError);
      }
    }
    this.failures = 0;
    this.pending.clear();
    let added = 0;
    for (const { record, stored } of batch) {
      if (!stored) added += 1;
      const running = this.inflight.get(record.id);
      if (running) running.stored = true;
    }
    this.rowEstimate += added;
    this.lastFlushAt = performance.now();
    this.emit('flush', { records: batch.length, batch: batch.map((entry) => entry.record), rev, ms: this.lastFlushAt - t0 });
    // Some slack before pruning by count, so that deletions come in chunks rather than a few rows per batch.
    if (this.maxRows > 0 && this.rowEstimate > this.maxRows + Math.max(100, Math.floor(this.maxRows / 100))) this.pruneInSteps();
    this.scheduleIndexing(this.indexIdleMs);
  }

  /** flush(), then wait for the writer thread to finish what it was given: a read then sees every record. */
  settle(): void {
    this.flush();
    if (this.writer && !this.writer.waitIdle()) this.logger.warn('history: the writer thread is slow; this read may miss the last calls');
  }

  /**
   * Inserts records as they are (redaction is applied again), in one transaction: imports, tests and the
   * benchmark's million rows. Returns the rev they were written with.
   */
  insertMany(records: Iterable<CallRecord>): number {
    this.assertWritable();
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
    const rev = this.writes.writeBatch(rows());
    this.rowEstimate += count;
    this.scheduleIndexing(this.indexIdleMs);
    return rev;
  }

  /**
   * Adds up to `maxRows` finished calls to the full-text index, in one transaction; returns how many. The
   * background indexer calls it in chunks; the benchmark calls it to build the whole index.
   */
  indexPending(maxRows = idleIndexChunk): number {
    if (this.readOnly || !this.db.open) return 0;
    const index = prepareFullTextIndexer(this.db);
    let indexed = 0;
    while (indexed < maxRows) {
      const chunk = Math.min(idleIndexChunk * 10, maxRows - indexed);
      const done = index(chunk);
      indexed += done;
      if (done < chunk) break;
    }
    return indexed;
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

  /** Deletes every record (and any not yet written). */
  clear(): void {
    this.assertWritable();
    this.pending.clear();
    this.cancelScheduledFlush();
    this.writer?.waitIdle();
    for (const entry of this.inflight.values()) entry.stored = false;
    this.db.transaction(() => {
      // Row-by-row index maintenance would dominate on a million rows: drop the delete trigger, empty both, restore it.
      this.db.exec('DROP TRIGGER IF EXISTS calls_ad');
      this.db.exec('DELETE FROM calls');
      this.db.exec(`INSERT INTO calls_fts (calls_fts) VALUES ('delete-all')`);
      this.db.exec(`DELETE FROM fts_pending; UPDATE meta SET value = 0 WHERE key = 'fts_mark'`);
      this.db.exec(deleteFtsTrigger);
      this.writes.recordRev.run(this.nextRev(), null);
    })();
    this.rowEstimate = 0;
    this.vacuumFreePages();
    // Also empty the WAL, which still holds the deleted rows' pages.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.emit('clear', { at: this.now() });
  }

  /** Writes what is pending, stops the timers and closes the database. Calls that end afterwards are not recorded. */
  close(): void {
    if (this.closed) return;
    this.settle();
    this.writer?.close();
    this.writer = undefined;
    this.closed = true;
    this.cancelScheduledFlush();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    if (this.pruneStepTimer) clearImmediate(this.pruneStepTimer);
    if (this.indexTimer) clearTimeout(this.indexTimer);
    if (this.pending.size > 0) this.logger.error(`history: ${this.pending.size} call records could not be written before closing`);
    if (!this.readOnly && this.db.open) {
      try {
        this.db.prepare(`UPDATE meta SET value = 1 WHERE key = 'clean'`).run();
      } catch (error) {
        this.logger.debug(`history: could not mark the database closed cleanly: ${messageOf(error)}`);
      }
    }
    // No ANALYZE / PRAGMA optimize: statistics gathered while the tables were small made FTS5's own statements
    // pick plans that slowed writes eightfold as the history grew. bench/history-bench.ts measures the plans
    // SQLite chooses without statistics.
    if (this.db.open) this.db.close();
  }

  // ---- reading ----

  /** Records newest first, filtered, a page at a time (keyset paging on startedAt, then insertion order). */
  query(query: HistoryQuery = {}): HistoryPage {
    this.settle();
    const limit = Math.min(maxQueryLimit, Math.max(1, Math.floor(query.limit ?? 50)));
    const cursor = query.cursor !== undefined ? decodeCursor(query.cursor) : undefined;
    return this.snapshot(() => {
      const where = this.where(query);
      if (cursor) {
        const [startedAt, seq] = cursor;
        where.clauses.push('started_at <= ? AND (started_at < ? OR seq < ?)');
        where.params.push(startedAt, startedAt, seq);
      }
      const sql = `SELECT ${selectColumns} FROM calls ${whereSql(where.clauses)} ORDER BY started_at DESC, seq DESC LIMIT ?`;
      const rows = this.db.prepare<unknown[], CallRow>(sql).all(...where.params, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const records = page.map((row) => rowToRecord(row, this.redactText));
      const rev = this.currentRev();
      return rows.length > limit && last ? { records, nextCursor: encodeCursor(last.started_at, last.seq), rev } : { records, rev };
    });
  }

  /**
   * Records written (started or ended) after `rev`, in the order they were written, and the rev to pass next
   * time: how a reader in another process follows the history by polling. A record comes once, in its latest
   * state, however often it changed since `rev`.
   */
  changedSince(rev: number, filter: HistoryFilter = {}): { records: CallRecord[]; rev: number } {
    this.settle();
    return this.snapshot(() => {
      const current = this.currentRev();
      if (current <= rev) return { records: [], rev: current };
      const where = this.where(filter);
      const floor = this.seqFloorAfter(rev, current);
      if (floor === null) return { records: [], rev: current }; // the batches since wrote no rows (a clear)
      if (floor !== undefined) {
        where.clauses.push('seq >= ?');
        where.params.push(floor);
      }
      where.clauses.push('rev > ?');
      where.params.push(rev);
      const sql = `SELECT ${selectColumns} FROM calls ${whereSql(where.clauses)} ORDER BY rev, started_at, seq`;
      const records = this.db
        .prepare<unknown[], CallRow>(sql)
        .all(...where.params)
        .map((row) => rowToRecord(row, this.redactText));
      return { records, rev: current };
    });
  }

  /** Count, error rate and p50/p95 duration per server or per (server, tool), most called first. */
  stats(options: HistoryStatsOptions): HistoryStatsRow[] {
    this.settle();
    const group = options.groupBy === 'tool' ? 'server, name' : 'server';
    const errors = errorStatuses.map((status) => `'${status}'`).join(', ');
    // `+server`: grouping must not pick the (server, started_at) index over the time range (a scan of every row).
    const groupBy = options.groupBy === 'tool' ? '+server, +name' : '+server';
    const sql = (clauses: string[]) => `SELECT ${group}, count(*) AS count, sum(status IN (${errors})) AS errors, sum(status <> 'running') AS finished,
      percentile(duration_ms, 50) AS p50, percentile(duration_ms, 95) AS p95
      FROM calls ${whereSql(clauses)} GROUP BY ${groupBy} ORDER BY count DESC, ${group}`;
    interface StatsRow {
      server: string;
      name?: string;
      count: number;
      errors: number;
      finished: number;
      p50: number | null;
      p95: number | null;
    }
    return this.snapshot(() => {
      const where = this.where(options);
      return this.db.prepare<unknown[], StatsRow>(sql(where.clauses)).all(...where.params);
    }).map((row) => ({
      server: row.server,
      ...(options.groupBy === 'tool' ? { tool: row.name ?? '' } : {}),
      count: row.count,
      errors: row.errors,
      errorRate: row.finished > 0 ? row.errors / row.finished : 0,
      p50Ms: row.p50,
      p95Ms: row.p95,
    }));
  }

  /**
   * Streams the matching records, oldest first, as JSON Lines (one record per line) or CSV (a header, then a
   * row per record). Reads page by page, waits for `drain` when the stream is full, and does not end it.
   */
  async export(options: HistoryExportOptions, out: NodeJS.WritableStream): Promise<{ records: number }> {
    const csv = options.format === 'csv';
    if (!csv && options.format !== 'jsonl')
      throw new SwitchyardError('INVALID_INPUT', `Export format "${String(options.format)}" is not jsonl or csv.`, 'Use jsonl or csv.');
    this.settle();
    // Relative times (since 1h) are read once, so that every page has the same bounds.
    const now = this.now();
    let after: [number, number] | undefined;
    let count = 0;
    if (csv && !out.write(csvHeader)) await once(out, 'drain');
    for (;;) {
      const from = after;
      const rows = this.snapshot(() => {
        const { clauses, params } = this.where(options, now);
        if (from) {
          clauses.push('started_at >= ? AND (started_at > ? OR seq > ?)');
          params.push(from[0], from[0], from[1]);
        }
        return this.db
          .prepare<unknown[], CallRow>(`SELECT ${selectColumns} FROM calls ${whereSql(clauses)} ORDER BY started_at, seq LIMIT ?`)
          .all(...params, exportPage);
      });
      if (rows.length === 0) break;
      let chunk = '';
      for (const row of rows) {
        const record = rowToRecord(row, this.redactText);
        chunk += csv ? csvLine(record) : JSON.stringify(record) + '\n';
      }
      count += rows.length;
      const last = rows.at(-1) as CallRow;
      after = [last.started_at, last.seq];
      if (!out.write(chunk)) await once(out, 'drain');
      if (rows.length < exportPage) break;
    }
    return { records: count };
  }

  /** Rows in the database (exact: a scan of the smallest index). */
  countRows(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
  }

  /** The change counter: every written batch increments it. */
  currentRev(): number {
    return (this.statements.currentRev.get() as { value: number } | undefined)?.value ?? 0;
  }

  // ---- internals ----

  /**
   * "Not in the full-text index yet" for a search, with the watermark and the pending rows read in the
   * query's snapshot: a comparison with a number (and, when rows are pending, a short list) costs a search
   * that walks many rows far less than looking each of them up in two other tables.
   */
  private unindexedClause(): { sql: string; params: unknown[] } {
    if (this.schema < 2) return { sql: 'fts = 0', params: [] };
    const mark = this.db.prepare<[], { value: number }>(`SELECT value FROM meta WHERE key = 'fts_mark'`).get()?.value ?? 0;
    const pending = this.db
      .prepare<[number], { seq: number }>('SELECT seq FROM fts_pending LIMIT ?')
      .all(pendingListed + 1)
      .map((row) => row.seq);
    if (pending.length === 0) return { sql: 'seq > ?', params: [mark] };
    if (pending.length > pendingListed) return { sql: `(seq > ? OR seq IN (SELECT seq FROM fts_pending))`, params: [mark] };
    return { sql: `(seq > ? OR seq IN (${pending.map(() => '?').join(', ')}))`, params: [mark, ...pending] };
  }

  /**
   * The lowest seq any batch after `rev` (up to `current`) wrote, from the revs table: every row those batches
   * touched is at or above it. Null when they wrote no row; undefined when the table does not cover them all
   * (pruned, or a file from before schema 2), and the caller must look at every row.
   */
  private seqFloorAfter(rev: number, current: number): number | null | undefined {
    if (this.schema < 2) return undefined;
    const cover = this.db
      .prepare<[number], { first: number | null; count: number; floor: number | null }>(
        'SELECT min(rev) AS first, count(*) AS count, min(min_seq) AS floor FROM revs WHERE rev > ?',
      )
      .get(rev);
    if (!cover || cover.first !== rev + 1 || cover.count !== current - rev) return undefined;
    return cover.floor;
  }

  private enqueue(record: CallRecord, stored: boolean): void {
    this.pending.set(record.id, { record, stored });
    if (this.pending.size > this.maxPending) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
      if (this.dropped++ % 1000 === 0) this.logger.warn(`history: writes are failing; ${this.dropped} call records dropped so far`);
    }
    if (this.pending.size >= this.flushBatchSize && this.failures === 0) {
      this.flushImmediate ??= setImmediate(() => this.flush());
    } else {
      this.flushTimer ??= setTimeout(() => this.flush(), this.retryDelay());
    }
  }

  private retryDelay(): number {
    return this.flushIntervalMs * 2 ** Math.min(this.failures, 6);
  }

  private cancelScheduledFlush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.flushImmediate) clearImmediate(this.flushImmediate);
    this.flushTimer = undefined;
    this.flushImmediate = undefined;
  }

  private writeBatch(batch: readonly PendingEntry[]): number {
    return this.writes.writeBatch(batch.map(({ record }) => rowParams(record, 0)));
  }

  private flushFailed(error: unknown): void {
    this.failures += 1;
    if (this.failures === 1 || this.failures % 50 === 0) {
      this.logger.warn(`history: writing ${this.pending.size} call records failed (${messageOf(error)}); retrying`);
    }
    if (!this.closed) this.flushTimer ??= setTimeout(() => this.flush(), this.retryDelay());
  }

  private nextRev(): number {
    return (this.writes.nextRev.get() as { value: number }).value;
  }

  private get writes(): NonNullable<Statements['writes']> {
    const writes = this.statements.writes;
    if (!writes) throw new SwitchyardError('INVALID_INPUT', 'This call history was opened read-only.');
    return writes;
  }

  /** One chunk of pruning: by age first, then by count. */
  private pruneStep(): PruneResult {
    if (this.readOnly || !this.db.open) return { byAge: 0, byCount: 0 };
    try {
      if (this.maxAgeMs > 0) {
        const cutoff = this.now() - this.maxAgeMs;
        const byAge = this.db
          .prepare('DELETE FROM calls WHERE seq IN (SELECT seq FROM calls WHERE started_at < ? ORDER BY started_at LIMIT ?)')
          .run(cutoff, pruneChunk).changes;
        if (byAge > 0) {
          this.rowEstimate = Math.max(0, this.rowEstimate - byAge);
          return { byAge, byCount: 0 };
        }
      }
      if (this.maxRows > 0 && this.rowEstimate > this.maxRows) {
        this.rowEstimate = this.countRows();
        const excess = Math.min(pruneChunk, this.rowEstimate - this.maxRows);
        if (excess <= 0) return { byAge: 0, byCount: 0 };
        const byCount = this.db.prepare('DELETE FROM calls WHERE seq IN (SELECT seq FROM calls ORDER BY started_at, seq LIMIT ?)').run(excess).changes;
        this.rowEstimate -= byCount;
        return { byAge: 0, byCount };
      }
      // A follower more than this many batches behind reads every row once instead (see seqFloorAfter).
      this.db.prepare('DELETE FROM revs WHERE rev <= (SELECT max(rev) FROM revs) - ?').run(revsKept);
    } catch (error) {
      this.logger.warn(`history: pruning failed: ${messageOf(error)}`);
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

  /** Gives the pages freed by deletions back to the file system (auto_vacuum is incremental). */
  private vacuumFreePages(): void {
    try {
      this.db.pragma('incremental_vacuum');
    } catch (error) {
      this.logger.debug(`history: reclaiming free pages failed: ${messageOf(error)}`);
    }
  }

  /** Indexes for free text when the store is quiet (indexIdleMs without a write), or a small chunk when overdue. */
  private scheduleIndexing(delay: number): void {
    if (this.indexTimer || this.closed || this.readOnly) return;
    this.indexTimer = setTimeout(() => this.runIndexing(), delay);
    this.indexTimer.unref();
  }

  private runIndexing(): void {
    this.indexTimer = undefined;
    if (this.closed || !this.db.open) return;
    const now = performance.now();
    const quietFor = now - this.lastFlushAt;
    const idle = quietFor >= this.indexIdleMs;
    if (!idle && now - this.lastIndexAt < this.indexMaxLagMs) {
      this.scheduleIndexing(Math.min(this.indexIdleMs - quietFor, this.indexMaxLagMs - (now - this.lastIndexAt)));
      return;
    }
    const chunk = idle ? idleIndexChunk : busyIndexChunk;
    if (this.writer) {
      this.indexing = { seq: this.writer.index(chunk), chunk, idle };
      return;
    }
    let done: number;
    try {
      done = this.indexPending(chunk);
    } catch (error) {
      this.logger.warn(`history: full-text indexing failed: ${messageOf(error)}`);
      return;
    }
    this.indexed(done, chunk, idle);
  }

  private indexed(done: number, chunk: number, idle: boolean): void {
    this.lastIndexAt = performance.now();
    if (done === chunk) this.scheduleIndexing(idle ? 0 : this.indexMaxLagMs);
  }

  private closeInterrupted(): void {
    // `status <> 'ok'` lets SQLite read the partial status index instead of every row.
    const running = `status = 'running' AND status <> 'ok'`;
    const interrupted = this.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM calls WHERE ${running}`).get()?.n ?? 0;
    if (interrupted === 0) return;
    this.db.transaction(() => {
      const rev = this.nextRev();
      const first = this.db.prepare<[], { seq: number }>(`SELECT min(seq) AS seq FROM calls WHERE ${running}`).get()?.seq ?? null;
      this.db.prepare(`UPDATE calls SET status = 'cancelled', error = ?, rev = ? WHERE ${running}`).run(interruptedMessage, rev);
      this.writes.recordRev.run(rev, first);
    })();
    this.logger.info(`history: ${interrupted} calls left running by a previous run were marked cancelled`);
  }

  private openWritable(): Database.Database {
    const db = new Database(this.file);
    try {
      db.pragma('busy_timeout = 250');
      // The first read of the header: a file that is not a database fails here (SQLITE_NOTADB).
      const fresh = (db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number }).n === 0;
      if (fresh) db.pragma('auto_vacuum = INCREMENTAL'); // only possible before the first table
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('temp_store = MEMORY');
      db.pragma('journal_size_limit = 67108864');
      let migrate = false;
      if (!fresh) {
        if (this.shouldCheckIntegrity(db)) {
          const check = db.pragma('quick_check(1)', { simple: true });
          if (check !== 'ok') throw new CorruptDatabaseError(String(check));
        }
        migrate = checkSchemaVersion(db, this.file) === 1;
      }
      // One transaction: the file is at one schema or the other, whatever stops the process.
      db.transaction(() => {
        if (migrate) db.exec(migrateFrom1Sql);
        db.exec(schemaSql);
        db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('clean', 0)`).run();
        db.pragma(`user_version = ${schemaVersion}`);
      })();
      if (migrate) this.logger.info(`history: ${this.file} moved to schema ${schemaVersion} (fewer indexes to update per call)`);
      db.function('history_match', { deterministic: true, varargs: true }, historyMatch);
      this.db = db;
      this.prepareStatements();
      if (process.platform !== 'win32') chmodSync(this.file, 0o600);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private shouldCheckIntegrity(db: Database.Database): boolean {
    if (this.integrityCheck !== 'auto') return this.integrityCheck === 'always';
    if (statSync(this.file).size < 64 * 1024 * 1024) return true;
    try {
      // Read through SQLite: on a damaged file this throws SQLITE_CORRUPT, which is what the check would find.
      const clean = db.prepare<[], { value: number }>(`SELECT value FROM meta WHERE key = 'clean'`).get();
      return clean?.value !== 1;
    } catch (error) {
      if (isCorruption(error)) throw error;
      return true;
    }
  }

  private prepareStatements(): void {
    // Writes can be prepared on a read-only connection too; they fail only if run.
    this.statements = {
      currentRev: this.db.prepare(`SELECT value FROM meta WHERE key = 'rev'`),
      ...(this.readOnly
        ? {}
        : {
            writes: {
              writeBatch: prepareBatchWriter(this.db),
              nextRev: this.db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'rev' RETURNING value`),
              recordRev: this.db.prepare(recordRevSql),
            },
          }),
    };
  }

  private moveAside(reason: string): RecoveredDatabase {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    let movedTo = `${this.file}.corrupt-${stamp}`;
    for (let n = 2; existsSync(movedTo); n++) movedTo = `${this.file}.corrupt-${stamp}-${n}`;
    renameSync(this.file, movedTo);
    // SQLite finds a database's WAL by its name: keep the pair together. The shared-memory index is rebuilt.
    if (existsSync(`${this.file}-wal`)) renameSync(`${this.file}-wal`, `${movedTo}-wal`);
    rmSync(`${this.file}-shm`, { force: true });
    this.logger.warn(`history: the call history database ${this.file} is corrupt (${reason}); moved it aside to ${movedTo} and started a new one`);
    return { movedTo, reason };
  }

  private recoverFromCorruption(error: unknown): void {
    // The writer thread holds the damaged file open: it starts again on the new one.
    const hadWriter = this.writer !== undefined;
    this.stopWriter();
    try {
      this.db.close();
    } catch {
      // Closing a corrupt database may fail too; it is being replaced.
    }
    this.recovered = this.moveAside(reasonOf(error));
    this.db = this.openWritable();
    this.rowEstimate = 0;
    for (const entry of this.pending.values()) entry.stored = false;
    for (const entry of this.inflight.values()) entry.stored = false;
    if (hadWriter) this.startWriter();
  }

  // ---- the writer thread ----

  private startWriter(): void {
    this.writer = HistoryWriter.start(
      this.file,
      (reply) => this.onWriterReply(reply),
      (error) => this.writerFailed(error.message),
    );
    if (!this.writer) this.logger.debug('history: no compiled writer thread found; writing on the main thread');
  }

  private stopWriter(): void {
    this.writer?.terminate();
    this.writer = undefined;
  }

  /** The batch leaves the pending map now; the thread writes it with the rev it takes inside its transaction. */
  private handToWriter(writer: HistoryWriter): void {
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const { record, stored } of batch) {
      if (!stored) this.rowEstimate += 1;
      const running = this.inflight.get(record.id);
      if (running) running.stored = true;
    }
    this.batches.set(
      writer.write(
        batch.map(({ record }) => rowParams(record, 0)),
        batch.map(({ stored }) => !stored),
      ),
      batch,
    );
  }

  private onWriterReply(reply: WriterReply): void {
    if (this.indexing?.seq === reply.seq) {
      const { chunk, idle } = this.indexing;
      this.indexing = undefined;
      if (this.closed) return;
      if (reply.type === 'indexed') return this.indexed(reply.rows, chunk, idle);
      if (reply.type === 'failed') this.logger.warn(`history: full-text indexing failed: ${reply.message}`);
      return;
    }
    if (reply.type === 'indexed') return;
    const batch = this.batches.get(reply.seq);
    this.batches.delete(reply.seq);
    if (!batch || this.closed) return;
    if (reply.type === 'failed') {
      // Put the records back (a newer state of the same call wins) and write on the main thread, which knows
      // how to recover from corruption and retry with backoff.
      for (const entry of batch) if (!this.pending.has(entry.record.id)) this.pending.set(entry.record.id, { record: entry.record, stored: false });
      return this.writerFailed(`${reply.code ? `${reply.code}: ` : ''}${reply.message}`);
    }
    this.failures = 0;
    this.lastFlushAt = performance.now();
    this.emit('flush', { records: batch.length, batch: batch.map((entry) => entry.record), rev: reply.rev, ms: reply.ms });
    if (this.maxRows > 0 && this.rowEstimate > this.maxRows + Math.max(100, Math.floor(this.maxRows / 100))) this.pruneInSteps();
    this.scheduleIndexing(this.indexIdleMs);
  }

  private writerFailed(reason: string): void {
    if (this.closed || !this.writer) return;
    this.logger.warn(`history: the writer thread failed (${reason}); writing on the main thread from now on`);
    this.stopWriter();
    for (const batch of this.batches.values())
      for (const entry of batch) if (!this.pending.has(entry.record.id)) this.pending.set(entry.record.id, { record: entry.record, stored: false });
    this.batches.clear();
    this.flush();
  }

  private assertWritable(): void {
    if (this.readOnly) throw new SwitchyardError('INVALID_INPUT', 'This call history was opened read-only.');
    if (this.closed) throw new SwitchyardError('INVALID_INPUT', 'The call history is closed.');
  }

  /**
   * Reads in one transaction: one consistent snapshot (WAL), whatever another process commits meanwhile. A read
   * that finds the file corrupt moves it aside (writer only) and fails with a message saying so.
   */
  private snapshot<T>(read: () => T): T {
    try {
      return this.db.inTransaction ? read() : this.db.transaction(read).deferred();
    } catch (error) {
      if (!isCorruption(error)) throw error;
      if (this.readOnly) {
        throw new SwitchyardError(
          'INTERNAL',
          `The call history ${this.file} is corrupt (${reasonOf(error)}).`,
          'The gateway moves it aside and starts a new one the next time it writes to it.',
        );
      }
      this.recoverFromCorruption(error);
      throw new SwitchyardError(
        'INTERNAL',
        `The call history was corrupt (${this.recovered?.reason}); it was moved aside to ${this.recovered?.movedTo} and a new one was started.`,
      );
    }
  }

  /** The WHERE terms of a filter. Reads the full-text watermark: call it inside the query's snapshot. */
  private where(filter: HistoryFilter, now = this.now()): { clauses: string[]; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.since !== undefined) {
      clauses.push('started_at >= ?');
      params.push(parseTimeSpec(filter.since, now));
    }
    if (filter.until !== undefined) {
      clauses.push('started_at < ?');
      params.push(parseTimeSpec(filter.until, now));
    }
    const inList = (column: string, values: readonly string[]) => {
      clauses.push(values.length === 1 ? `${column} = ?` : `${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    const server = listOf(filter.server);
    if (server.length > 0) inList('server', server);
    const tool = listOf(filter.tool);
    if (tool.length > 0) inList('name', tool);
    if (filter.client !== undefined && filter.client !== '') {
      clauses.push('(client_name = ? OR session_id = ?)');
      params.push(filter.client, filter.client);
    }
    const statuses = expandStatuses(filter.status);
    if (statuses.length > 0) {
      inList('status', statuses);
      // Spelled out, so that SQLite may use the partial index on the other statuses (it matches terms, not meaning).
      if (!statuses.includes('ok')) clauses.push(`status <> 'ok'`);
    }
    const text = filter.text?.trim();
    if (text) {
      const words = searchWords(text);
      if (words.length > 0) {
        // Indexed rows through FTS5; the rows the indexer has not reached yet (few) through the same rule in JS.
        // Few matches: take them from the index and sort them. Many: walk the rows newest first and test each
        // against the matches (a Bloom filter), which finds a page long before the end.
        const match = ftsQuery(words);
        const few =
          (this.db
            .prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ? LIMIT ?)')
            .get(match, manyMatches)?.n ?? 0) < manyMatches;
        const unindexed = this.unindexedClause();
        const test = `${unindexed.sql} AND history_match(?, arguments, result_preview, error)`;
        clauses.push(
          few
            ? `seq IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ? UNION ALL SELECT seq FROM calls WHERE ${test})`
            : `(seq IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?) OR (${test}))`,
        );
        params.push(match, ...unindexed.params, words.join(' '));
      } else {
        // Only punctuation (e.g. "{}"): nothing for the index; a plain substring scan.
        clauses.push(`(instr(arguments, ?) > 0 OR instr(coalesce(result_preview, ''), ?) > 0 OR instr(coalesce(error, ''), ?) > 0)`);
        params.push(text, text, text);
      }
    }
    return { clauses, params };
  }

  private emit<K extends keyof HistoryEvents>(event: K, payload: HistoryEvents[K]): void {
    for (const listener of this.listeners[event]) {
      try {
        listener(payload);
      } catch (error) {
        this.logger.warn(`history: a ${event} listener failed: ${messageOf(error)}`);
      }
    }
  }
}

// ---- helpers ----

class CorruptDatabaseError extends Error {
  readonly code = 'SQLITE_CORRUPT';
  constructor(check: string) {
    super(`integrity check: ${check}`);
  }
}

function identity(text: string): string {
  return text;
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = messageOf(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeOpenError(error: unknown, file: string): Error {
  if (error instanceof SwitchyardError) return error;
  return new SwitchyardError('INTERNAL', `Cannot open the call history ${file}: ${reasonOf(error)}`);
}

/** The file's schema version (0: no schema yet); throws for a newer one than this code knows. */
function checkSchemaVersion(db: Database.Database, file: string): number {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > schemaVersion) {
    throw new SwitchyardError(
      'INTERNAL',
      `The call history ${file} was written by a newer Switchyard (schema ${version}; this one knows ${schemaVersion}).`,
      'Update Switchyard, or move the file away to start a new history.',
    );
  }
  return version;
}

function pickClient(client: CallClient): CallClient {
  const picked: CallClient = { sessionId: String(client?.sessionId ?? '') };
  if (typeof client?.name === 'string') picked.name = client.name;
  if (typeof client?.version === 'string') picked.version = client.version;
  return picked;
}

function isFinalStatus(status: unknown): status is FinalCallStatus {
  return typeof status === 'string' && status !== 'running' && (callStatuses as readonly string[]).includes(status);
}

function listOf(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return (typeof value === 'string' ? [value] : [...value]).filter((item) => item !== '');
}

/** Status filters expanded (`error` to its statuses), validated, deduplicated. */
export function expandStatuses(value: StatusFilter | readonly StatusFilter[] | undefined): CallStatus[] {
  const out = new Set<CallStatus>();
  for (const status of listOf(value)) {
    if (status === 'error') for (const s of errorStatuses) out.add(s);
    else if ((callStatuses as readonly string[]).includes(status)) out.add(status as CallStatus);
    else throw new SwitchyardError('INVALID_INPUT', `Unknown status "${status}".`, `Use one of: ${[...callStatuses, 'error'].join(', ')}.`);
  }
  return [...out];
}

function whereSql(clauses: readonly string[]): string {
  return clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
}

function encodeCursor(startedAt: number, seq: number): string {
  return Buffer.from(JSON.stringify([startedAt, seq])).toString('base64url');
}

function decodeCursor(cursor: string): [number, number] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((n) => Number.isSafeInteger(n))) return parsed as [number, number];
  } catch {
    // Falls through to the error below.
  }
  throw new SwitchyardError('INVALID_INPUT', 'The history cursor is not valid.', 'Pass back the nextCursor of a previous page unchanged.');
}
