import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SwitchyardError } from '../../shared/errors.js';
import { createLogger, type Logger } from '../app/logger.js';
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
import { parseTimeSpec } from './time-spec.js';

/**
 * The call history: one SQLite database (WAL) in the user data folder.
 *
 * The call path only enqueues: begin() and end() redact, build the record, emit it to live listeners and put
 * it in a pending map (a call's start and end coalesce when they fall in one batch). A timer (or a batch that
 * reaches flushBatchSize, at the next turn of the event loop) writes the pending records in one transaction,
 * an upsert by id. A crash therefore loses at most the batch not yet written; a committed transaction survives
 * it (WAL with synchronous=NORMAL is durable against a process crash; only a power loss may roll back the last
 * transactions, never corrupt the file).
 *
 * The rows are bounded by age and count (pruned at open and periodically, in small transactions). A database
 * that SQLite reports corrupt is moved aside to `<file>.corrupt-<timestamp>` (with its WAL) and a new one is
 * started, with a warning saying where the old one went.
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
  /** How often age and count pruning run besides at open. Default 5 minutes. */
  pruneIntervalMs?: number;
  /** Calls left `running` by a previous process that stopped (crash, kill) are marked cancelled at open. Default true. */
  closeInterruptedCalls?: boolean;
  logger?: Logger;
  /** Clock for startedAt/endedAt (tests). */
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
  /** The call's arguments as received (object); serialized, redacted and capped here. Default `{}`. */
  arguments?: unknown;
}

/** What the gateway knows when the call ends. */
export interface EndCall {
  status: FinalCallStatus;
  /** Default: now. When given, the duration is endedAt - startedAt; otherwise it is measured with a monotonic clock. */
  endedAt?: number;
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
  /** Exclusive upper bound on startedAt. */
  until?: number | string | Date;
  server?: string | readonly string[];
  /** Tool or prompt name, or resource URI. */
  tool?: string | readonly string[];
  /** Client name or session id. */
  client?: string;
  /** One status or several; `error` means tool_error, protocol_error or timeout. */
  status?: StatusFilter | readonly StatusFilter[];
  /** Words searched in arguments, result previews and errors (each word as a prefix, all must match). */
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
  /** errors / calls that ended (running calls are not counted), 0 when none ended. */
  errorRate: number;
  /** Percentiles of the durations of calls that ended (SQLite's percentile(): interpolated). Null when none ended. */
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

const schemaVersion = 1;
const dayMs = 86_400_000;
const pruneChunk = 5000;
const maxQueryLimit = 1000;
const exportPage = 1000;
const maxInflight = 100_000;
const interruptedMessage = 'The gateway stopped before this call ended.';

const columns = `seq, id, trace_id, started_at, ended_at, duration_ms, client_name, client_version, session_id, server, method, name,
  arguments, status, error, result_is_error, result_types, result_size, result_preview, rev`;

interface Row {
  seq: number;
  id: string;
  trace_id: string;
  started_at: number;
  ended_at: number | null;
  duration_ms: number | null;
  client_name: string | null;
  client_version: string | null;
  session_id: string;
  server: string;
  method: CallMethod;
  name: string;
  arguments: string;
  status: CallStatus;
  error: string | null;
  result_is_error: number | null;
  result_types: string | null;
  result_size: number | null;
  result_preview: string | null;
  rev: number;
}

const ftsColumns = 'arguments, result_preview, error';
const deleteFtsTrigger = `CREATE TRIGGER IF NOT EXISTS calls_ad AFTER DELETE ON calls BEGIN
  INSERT INTO calls_fts(calls_fts, rowid, ${ftsColumns}) VALUES ('delete', old.seq, old.arguments, old.result_preview, old.error);
END;`;

const schema = `
CREATE TABLE IF NOT EXISTS calls (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  trace_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  duration_ms REAL,
  client_name TEXT,
  client_version TEXT,
  session_id TEXT NOT NULL,
  server TEXT NOT NULL,
  method TEXT NOT NULL,
  name TEXT NOT NULL,
  arguments TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT,
  result_is_error INTEGER,
  result_types TEXT,
  result_size INTEGER,
  result_preview TEXT,
  rev INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_started ON calls (started_at);
CREATE INDEX IF NOT EXISTS calls_server ON calls (server, started_at);
CREATE INDEX IF NOT EXISTS calls_name ON calls (name, started_at);
CREATE INDEX IF NOT EXISTS calls_status ON calls (status, started_at);
CREATE INDEX IF NOT EXISTS calls_rev ON calls (rev);
CREATE VIRTUAL TABLE IF NOT EXISTS calls_fts USING fts5 (${ftsColumns}, content = 'calls', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS calls_ai AFTER INSERT ON calls BEGIN
  INSERT INTO calls_fts(rowid, ${ftsColumns}) VALUES (new.seq, new.arguments, new.result_preview, new.error);
END;
${deleteFtsTrigger}
CREATE TRIGGER IF NOT EXISTS calls_au AFTER UPDATE OF arguments, result_preview, error ON calls BEGIN
  INSERT INTO calls_fts(calls_fts, rowid, ${ftsColumns}) VALUES ('delete', old.seq, old.arguments, old.result_preview, old.error);
  INSERT INTO calls_fts(rowid, ${ftsColumns}) VALUES (new.seq, new.arguments, new.result_preview, new.error);
END;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('rev', 0);
`;

const upsertSql = `INSERT INTO calls (id, trace_id, started_at, ended_at, duration_ms, client_name, client_version, session_id, server, method,
  name, arguments, status, error, result_is_error, result_types, result_size, result_preview, rev)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, duration_ms = excluded.duration_ms, status = excluded.status,
  error = excluded.error, result_is_error = excluded.result_is_error, result_types = excluded.result_types,
  result_size = excluded.result_size, result_preview = excluded.result_preview, rev = excluded.rev`;

interface Statements {
  upsert: Database.Statement;
  nextRev: Database.Statement;
  currentRev: Database.Statement;
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
   * Opens (or creates) the database, moving a corrupt one aside, then prunes and starts the timers. Synchronous:
   * better-sqlite3 is, and the gateway opens it once at start-up.
   */
  static open(options: HistoryStoreOptions): HistoryStore {
    return new HistoryStore(options, false);
  }

  /**
   * For readers in another process (`switchyard logs`): queries only, no schema changes, no pruning, no moving
   * aside. Undefined when there is no database yet.
   */
  static openReadOnly(file: string, options: ReadOnlyHistoryOptions = {}): HistoryStore | undefined {
    if (!existsSync(file)) return undefined;
    return new HistoryStore({ file, redact: options.redact ?? identity, logger: options.logger }, true);
  }

  readonly file: string;
  readonly readOnly: boolean;
  /** Set when the database found at open was corrupt and moved aside. */
  readonly recovered?: RecoveredDatabase;

  private db!: Database.Database;
  private statements!: Statements;
  private readonly redactText: (text: string) => string;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly maxRows: number;
  private readonly flushIntervalMs: number;
  private readonly flushBatchSize: number;
  private readonly maxPending: number;
  private readonly pending = new Map<string, PendingEntry>();
  private readonly inflight = new Map<string, InflightEntry>();
  private readonly listeners: { [K in keyof HistoryEvents]: Set<Listener<K>> } = { record: new Set(), flush: new Set(), clear: new Set() };
  private flushTimer: NodeJS.Timeout | undefined;
  private flushImmediate: NodeJS.Immediate | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private dropped = 0;
  private rowEstimate = 0;
  private closed = false;

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
        this.logger.error(`history: redaction failed (${error instanceof Error ? error.message : String(error)}); the text is not recorded`);
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

    if (readOnly) {
      this.db = new Database(this.file, { readonly: true, fileMustExist: true });
      try {
        this.db.pragma('busy_timeout = 1000');
        checkSchemaVersion(this.db, this.file);
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
      this.pruneTimer = setInterval(() => this.prune(), pruneIntervalMs);
      this.pruneTimer.unref();
    }
  }

  // ---- the call path: enqueue and emit, no SQLite ----

  /** Records the start of a call; returns the record as stored and emitted (arguments redacted and capped). */
  begin(call: BeginCall): CallRecord {
    const record: CallRecord = {
      id: call.id ?? randomUUID(),
      traceId: call.traceId ?? randomUUID().replaceAll('-', ''),
      startedAt: call.startedAt ?? this.now(),
      client: pickClient(call.client),
      server: call.server,
      method: call.method,
      name: call.name,
      arguments: redactedArguments(call.arguments, this.redactText),
      status: 'running',
    };
    Object.freeze(record);
    if (this.closed) return record;
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
    const durationMs = patch.endedAt !== undefined ? endedAt - entry.record.startedAt : Math.round((performance.now() - entry.t0) * 1000) / 1000;
    const status: FinalCallStatus = isFinalStatus(patch.status) ? patch.status : 'protocol_error';
    const record: CallRecord = { ...entry.record, endedAt, durationMs, status };
    if (patch.error !== undefined && patch.error !== null) record.error = redactedError(patch.error, this.redactText);
    if (patch.result !== undefined) record.result = summarizeResult(patch.result, this.redactText);
    Object.freeze(record);
    if (this.closed) return record;
    this.enqueue(record, entry.stored);
    this.emit('record', { kind: 'end', record });
    return record;
  }

  /** Subscribes to live records (start and end), flushes and clears; returns the unsubscribe function. */
  on<K extends keyof HistoryEvents>(event: K, listener: (payload: HistoryEvents[K]) => void): () => void {
    this.listeners[event].add(listener);
    return () => this.off(event, listener);
  }

  off<K extends keyof HistoryEvents>(event: K, listener: (payload: HistoryEvents[K]) => void): void {
    this.listeners[event].delete(listener);
  }

  /** Records queued and not yet written. */
  get pendingCount(): number {
    return this.pending.size;
  }

  // ---- writing ----

  /** Writes every pending record now, in one transaction. Called by the timer; call it to force a write. */
  flush(): void {
    this.cancelScheduledFlush();
    if (this.pending.size === 0 || this.readOnly || !this.db.open) return;
    const t0 = performance.now();
    const batch = [...this.pending.values()];
    let rev: number;
    try {
      rev = this.writeBatch(batch);
    } catch (error) {
      if (isCorruption(error)) {
        this.recoverFromCorruption(error);
        try {
          rev = this.writeBatch(batch);
        } catch (retryError) {
          this.flushFailed(retryError);
          return;
        }
      } else {
        this.flushFailed(error);
        return;
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
    this.emit('flush', { records: batch.length, rev, ms: performance.now() - t0 });
    if (this.maxRows > 0 && this.rowEstimate > this.maxRows) this.pruneByCount();
  }

  /**
   * Inserts finished records as they are (redaction is applied again), in one transaction: imports, tests and
   * the benchmark's million rows. Returns the rev they were written with.
   */
  insertMany(records: Iterable<CallRecord>): number {
    this.assertWritable();
    const redact = this.redactText;
    const rev = this.db.transaction(() => {
      const next = this.nextRev();
      for (const record of records) {
        const clean: CallRecord = {
          ...record,
          arguments: redact(record.arguments),
          ...(record.error !== undefined ? { error: redact(record.error) } : {}),
          ...(record.result ? { result: { ...record.result, preview: redact(record.result.preview) } } : {}),
        };
        this.statements.upsert.run(...rowParams(clean, next));
        this.rowEstimate += 1;
      }
      return next;
    })();
    return rev;
  }

  /** Deletes rows older than maxAgeDays and the oldest rows beyond maxRows, in small transactions. */
  prune(): PruneResult {
    if (this.readOnly || !this.db.open) return { byAge: 0, byCount: 0 };
    try {
      let byAge = 0;
      if (this.maxAgeMs > 0) {
        const cutoff = this.now() - this.maxAgeMs;
        const remove = this.db.prepare('DELETE FROM calls WHERE seq IN (SELECT seq FROM calls WHERE started_at < ? ORDER BY started_at LIMIT ?)');
        for (let changes = pruneChunk; changes === pruneChunk; ) {
          changes = remove.run(cutoff, pruneChunk).changes;
          byAge += changes;
        }
        this.rowEstimate = Math.max(0, this.rowEstimate - byAge);
      }
      const byCount = this.maxRows > 0 && this.rowEstimate > this.maxRows ? this.pruneByCount() : 0;
      if (byAge + byCount > 0) {
        this.db.pragma('incremental_vacuum');
        this.logger.debug(`history: pruned ${byAge} rows by age and ${byCount} by count`);
      }
      return { byAge, byCount };
    } catch (error) {
      this.logger.warn(`history: pruning failed: ${messageOf(error)}`);
      return { byAge: 0, byCount: 0 };
    }
  }

  /** Deletes every record (and any not yet written). */
  clear(): void {
    this.assertWritable();
    this.pending.clear();
    this.cancelScheduledFlush();
    for (const entry of this.inflight.values()) entry.stored = false;
    this.db.transaction(() => {
      // Row-by-row FTS maintenance would dominate on a million rows: drop the delete trigger, empty both, restore it.
      this.db.exec('DROP TRIGGER IF EXISTS calls_ad');
      this.db.exec('DELETE FROM calls');
      this.db.exec(`INSERT INTO calls_fts (calls_fts) VALUES ('delete-all')`);
      this.db.exec(deleteFtsTrigger);
      this.nextRev();
    })();
    this.rowEstimate = 0;
    this.db.pragma('incremental_vacuum');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.emit('clear', { at: this.now() });
  }

  /** Writes what is pending, stops the timers and closes the database. Calls that end afterwards are not recorded. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.cancelScheduledFlush();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    if (this.pending.size > 0) this.logger.error(`history: ${this.pending.size} call records could not be written before closing`);
    // No ANALYZE / PRAGMA optimize, ever: statistics gathered while the tables were small made FTS5's internal
    // statements choose plans that slowed writes down eightfold as the history grew. The plans without
    // statistics are the ones measured by bench/history-bench.ts.
    if (this.db.open) this.db.close();
  }

  // ---- reading ----

  /** Records newest first, filtered, one page at a time (keyset paging on (startedAt, insertion order)). */
  query(query: HistoryQuery = {}): HistoryPage {
    this.flush();
    const limit = Math.min(maxQueryLimit, Math.max(1, Math.floor(query.limit ?? 50)));
    const where = this.where(query);
    if (query.cursor !== undefined) {
      const [startedAt, seq] = decodeCursor(query.cursor);
      where.clauses.push('started_at <= ? AND (started_at < ? OR seq < ?)');
      where.params.push(startedAt, startedAt, seq);
    }
    const sql = `SELECT ${columns} FROM calls ${whereSql(where.clauses)} ORDER BY started_at DESC, seq DESC LIMIT ?`;
    return this.snapshot(() => {
      const rows = this.db.prepare<unknown[], Row>(sql).all(...where.params, limit + 1);
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const last = page.at(-1);
      const records = page.map((row) => this.toRecord(row));
      const rev = this.currentRev();
      return more && last ? { records, nextCursor: encodeCursor(last.started_at, last.seq), rev } : { records, rev };
    });
  }

  /**
   * Records written (started, or ended) after `rev`, in the order they were written, with the rev to pass next
   * time: how a reader in another process follows the live history by polling. A record appears once, in its
   * latest state, however many times it changed since `rev`.
   */
  changedSince(rev: number, filter: HistoryFilter = {}): { records: CallRecord[]; rev: number } {
    this.flush();
    const where = this.where(filter);
    where.clauses.push('rev > ?');
    where.params.push(rev);
    const sql = `SELECT ${columns} FROM calls ${whereSql(where.clauses)} ORDER BY rev, started_at, seq`;
    return this.snapshot(() => {
      const records = this.db.prepare<unknown[], Row>(sql).all(...where.params).map((row) => this.toRecord(row));
      return { records, rev: this.currentRev() };
    });
  }

  /** Count, error rate and p50/p95 duration per server or per (server, tool). */
  stats(options: HistoryStatsOptions): HistoryStatsRow[] {
    this.flush();
    const where = this.where(options);
    const group = options.groupBy === 'tool' ? 'server, name' : 'server';
    const errors = errorStatuses.map((status) => `'${status}'`).join(', ');
    const sql = `SELECT ${group}, count(*) AS count, sum(status IN (${errors})) AS errors, sum(status <> 'running') AS finished,
      percentile(duration_ms, 50) AS p50, percentile(duration_ms, 95) AS p95
      FROM calls ${whereSql(where.clauses)} GROUP BY ${group} ORDER BY count DESC, ${group}`;
    interface StatsRow {
      server: string;
      name?: string;
      count: number;
      errors: number;
      finished: number;
      p50: number | null;
      p95: number | null;
    }
    return this.db
      .prepare<unknown[], StatsRow>(sql)
      .all(...where.params)
      .map((row) => ({
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
   * Streams the matching records, oldest first, as JSON Lines (one record per line) or CSV (a header, then one
   * row per record). Pages through the database, waiting for `drain` when the stream is full; does not end it.
   */
  async export(options: HistoryExportOptions, out: NodeJS.WritableStream): Promise<{ records: number }> {
    this.flush();
    const csv = options.format === 'csv';
    if (!csv && options.format !== 'jsonl') throw new SwitchyardError('INVALID_INPUT', `Export format "${String(options.format)}" is not jsonl or csv.`);
    const base = this.where(options);
    let after: [number, number] | undefined;
    let count = 0;
    if (csv && !out.write(csvHeader)) await once(out, 'drain');
    for (;;) {
      const clauses = [...base.clauses];
      const params = [...base.params];
      if (after) {
        clauses.push('started_at >= ? AND (started_at > ? OR seq > ?)');
        params.push(after[0], after[0], after[1]);
      }
      const sql = `SELECT ${columns} FROM calls ${whereSql(clauses)} ORDER BY started_at, seq LIMIT ?`;
      const rows = this.db.prepare<unknown[], Row>(sql).all(...params, exportPage);
      if (rows.length === 0) break;
      let chunk = '';
      for (const row of rows) chunk += csv ? csvLine(this.toRecord(row)) : JSON.stringify(this.toRecord(row)) + '\n';
      count += rows.length;
      const last = rows.at(-1) as Row;
      after = [last.started_at, last.seq];
      if (!out.write(chunk)) await once(out, 'drain');
      if (rows.length < exportPage) break;
    }
    return { records: count };
  }

  /** Rows in the database (exact; a scan of the smallest index). */
  countRows(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
  }

  /** The change counter: every written batch increments it. */
  currentRev(): number {
    return (this.statements.currentRev.get() as { value: number } | undefined)?.value ?? 0;
  }

  // ---- internals ----

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
      this.flushTimer ??= setTimeout(() => this.flush(), this.flushIntervalMs * 2 ** Math.min(this.failures, 6));
    }
  }

  private cancelScheduledFlush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.flushImmediate) clearImmediate(this.flushImmediate);
    this.flushTimer = undefined;
    this.flushImmediate = undefined;
  }

  private writeBatch(batch: readonly PendingEntry[]): number {
    return this.db.transaction(() => {
      const rev = this.nextRev();
      for (const { record } of batch) this.statements.upsert.run(...rowParams(record, rev));
      return rev;
    })();
  }

  private flushFailed(error: unknown): void {
    this.failures += 1;
    if (this.failures === 1 || this.failures % 50 === 0) {
      this.logger.warn(`history: writing ${this.pending.size} call records failed (${messageOf(error)}); retrying`);
    }
    if (!this.closed) this.flushTimer ??= setTimeout(() => this.flush(), this.flushIntervalMs * 2 ** Math.min(this.failures, 6));
  }

  private nextRev(): number {
    return (this.statements.nextRev.get() as { value: number }).value;
  }

  private pruneByCount(): number {
    this.rowEstimate = this.countRows();
    let removed = 0;
    const remove = this.db.prepare('DELETE FROM calls WHERE seq IN (SELECT seq FROM calls ORDER BY started_at, seq LIMIT ?)');
    while (this.rowEstimate > this.maxRows) {
      const changes = remove.run(Math.min(pruneChunk, this.rowEstimate - this.maxRows)).changes;
      if (changes === 0) break;
      removed += changes;
      this.rowEstimate -= changes;
    }
    return removed;
  }

  private closeInterrupted(): void {
    const interrupted = this.db.prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM calls WHERE status = 'running'`).get()?.n ?? 0;
    if (interrupted === 0) return;
    this.db.transaction(() => {
      const rev = this.nextRev();
      this.db.prepare(`UPDATE calls SET status = 'cancelled', error = ?, rev = ? WHERE status = 'running'`).run(interruptedMessage, rev);
    })();
    this.logger.info(`history: ${interrupted} calls left running by a previous run were marked cancelled`);
  }

  private openWritable(): Database.Database {
    const db = new Database(this.file);
    try {
      // The first statement reads the header: a file that is not a database fails here (SQLITE_NOTADB).
      db.pragma('busy_timeout = 250');
      const fresh = (db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number }).n === 0;
      if (fresh) db.pragma('auto_vacuum = INCREMENTAL'); // only takes effect before the first table
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('temp_store = MEMORY');
      db.pragma('journal_size_limit = 67108864');
      if (!fresh) {
        const check = db.pragma('quick_check(1)', { simple: true });
        if (check !== 'ok') throw new CorruptDatabaseError(String(check));
        checkSchemaVersion(db, this.file);
      }
      db.transaction(() => db.exec(schema))();
      db.pragma(`user_version = ${schemaVersion}`);
      this.db = db;
      this.prepareStatements();
      if (process.platform !== 'win32') chmodSync(this.file, 0o600);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private prepareStatements(): void {
    this.statements = {
      upsert: this.db.prepare(upsertSql),
      nextRev: this.db.readonly ? this.db.prepare(`SELECT value FROM meta WHERE key = 'rev'`) : this.db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'rev' RETURNING value`),
      currentRev: this.db.prepare(`SELECT value FROM meta WHERE key = 'rev'`),
    };
  }

  private moveAside(reason: string): RecoveredDatabase {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    let movedTo = `${this.file}.corrupt-${stamp}`;
    for (let n = 2; existsSync(movedTo); n++) movedTo = `${this.file}.corrupt-${stamp}-${n}`;
    renameSync(this.file, movedTo);
    // SQLite finds a database's WAL next to it by name: keep the pair together; the shared-memory index is rebuilt.
    if (existsSync(`${this.file}-wal`)) renameSync(`${this.file}-wal`, `${movedTo}-wal`);
    rmSync(`${this.file}-shm`, { force: true });
    this.logger.warn(`history: the database ${this.file} is corrupt (${reason}); moved it aside to ${movedTo} and started a new one`);
    return { movedTo, reason };
  }

  private recoverFromCorruption(error: unknown): void {
    try {
      this.db.close();
    } catch {
      // Closing a corrupt database may fail too; it is being replaced.
    }
    const recovered = this.moveAside(reasonOf(error));
    (this as { recovered?: RecoveredDatabase }).recovered = recovered;
    this.db = this.openWritable();
    this.rowEstimate = 0;
    for (const entry of this.pending.values()) entry.stored = false;
    for (const entry of this.inflight.values()) entry.stored = false;
  }

  private assertWritable(): void {
    if (this.readOnly) throw new SwitchyardError('INVALID_INPUT', 'This history store was opened read-only.');
    if (this.closed) throw new SwitchyardError('INVALID_INPUT', 'The history store is closed.');
  }

  /** Runs reads in one transaction: one consistent snapshot (WAL), whatever another process commits meanwhile. */
  private snapshot<T>(read: () => T): T {
    return this.db.inTransaction ? read() : this.db.transaction(read).deferred();
  }

  private where(filter: HistoryFilter): { clauses: string[]; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const now = this.now();
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
    if (statuses.length > 0) inList('status', statuses);
    const text = filter.text?.trim();
    if (text) {
      const match = ftsQuery(text);
      if (match) {
        clauses.push('seq IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?)');
        params.push(match);
      } else {
        // Only punctuation (e.g. "{}"): no words for the index; a plain substring scan.
        clauses.push(`(instr(arguments, ?) > 0 OR instr(coalesce(result_preview, ''), ?) > 0 OR instr(coalesce(error, ''), ?) > 0)`);
        params.push(text, text, text);
      }
    }
    return { clauses, params };
  }

  private toRecord(row: Row): CallRecord {
    // Redacted again on the way out: a secret saved after the call was recorded is hidden too.
    const redact = this.redactText;
    const client: CallClient = { sessionId: row.session_id };
    if (row.client_name !== null) client.name = row.client_name;
    if (row.client_version !== null) client.version = row.client_version;
    const record: CallRecord = {
      id: row.id,
      traceId: row.trace_id,
      startedAt: row.started_at,
      client,
      server: row.server,
      method: row.method,
      name: row.name,
      arguments: redact(row.arguments),
      status: row.status,
    };
    if (row.ended_at !== null) record.endedAt = row.ended_at;
    if (row.duration_ms !== null) record.durationMs = row.duration_ms;
    if (row.error !== null) record.error = redact(row.error);
    if (row.result_is_error !== null) {
      record.result = {
        isError: row.result_is_error === 1,
        contentTypes: parseTypes(row.result_types),
        sizeBytes: row.result_size ?? 0,
        preview: redact(row.result_preview ?? ''),
      };
    }
    return record;
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

function checkSchemaVersion(db: Database.Database, file: string): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > schemaVersion) {
    throw new SwitchyardError('INTERNAL', `The call history ${file} was written by a newer Switchyard (schema ${version}; this one knows ${schemaVersion}).`, 'Update Switchyard, or move the file away to start a new history.');
  }
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

function rowParams(record: CallRecord, rev: number): unknown[] {
  const result = record.result;
  return [
    record.id,
    record.traceId,
    record.startedAt,
    record.endedAt ?? null,
    record.durationMs ?? null,
    record.client.name ?? null,
    record.client.version ?? null,
    record.client.sessionId,
    record.server,
    record.method,
    record.name,
    record.arguments,
    record.status,
    record.error ?? null,
    result ? (result.isError ? 1 : 0) : null,
    result ? JSON.stringify(result.contentTypes) : null,
    result ? result.sizeBytes : null,
    result ? result.preview : null,
    rev,
  ];
}

function parseTypes(text: string | null): string[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
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

/** Free text to an FTS5 query: every word (letters and digits) must appear, each as a prefix. */
export function ftsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) return undefined;
  return words.slice(0, 16).map((word) => `"${word}"*`).join(' ');
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

// ---- CSV ----

export const csvColumns = [
  'id',
  'traceId',
  'startedAt',
  'endedAt',
  'durationMs',
  'clientName',
  'clientVersion',
  'sessionId',
  'server',
  'method',
  'name',
  'status',
  'error',
  'arguments',
  'resultIsError',
  'resultContentTypes',
  'resultSizeBytes',
  'resultPreview',
] as const;

const csvHeader = csvColumns.join(',') + '\r\n';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A text that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe, since
 * arguments and previews come from AI clients and servers.
 */
export function csvField(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(record: CallRecord): string {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const fields = [
    record.id,
    record.traceId,
    iso(record.startedAt),
    iso(record.endedAt),
    record.durationMs,
    record.client.name,
    record.client.version,
    record.client.sessionId,
    record.server,
    record.method,
    record.name,
    record.status,
    record.error,
    record.arguments,
    record.result?.isError,
    record.result?.contentTypes.join(';'),
    record.result?.sizeBytes,
    record.result?.preview,
  ];
  return fields.map(csvField).join(',') + '\r\n';
}
