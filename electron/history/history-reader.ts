import { existsSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { SwitchyardError } from '../../shared/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { CallRecord } from './call-record.js';
import { csvHeader, csvLine } from './csv.js';
import { isCorruption, openReadOnlyDatabase, reasonOf, type RecoveredDatabase } from './history-database.js';
import { answerRead, expandStatuses, listOf, type ReadRequest, type ReadResults, type ResolvedFilter } from './history-queries.js';
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
import { deserializeReadError, type ReaderMessage, type ReaderReply, type ReaderStartup } from './read-protocol.js';
import { rowToRecord } from './schema.js';
import { parseTimeSpec } from './time-spec.js';
import { compiledWorkerScript } from './worker-script.js';

export interface HistoryReaderOptions {
  /** Applied again to every text field on the way out (records stored before a secret was known). */
  redact?: (text: string) => string;
  logger?: Logger;
  /** Clock for relative times (`since: '1h'`). */
  now?: () => number;
  /** `thread` (default): a reader thread with its own read-only connection; `inline` when it cannot start. */
  readsOn?: 'thread' | 'inline';
  /** Awaited before each read: the recorder's flush handshake, so that a read sees every record handed over. */
  beforeRead?: () => Promise<void>;
  /** A read found the file corrupt: the gateway's store moves it aside and says where (undefined: a reader in another process). */
  onCorrupt?: (error: unknown) => RecoveredDatabase | undefined;
}

const maxQueryLimit = 1000;
const exportPage = 1000;

/**
 * Every read of the call history, asynchronous and off the calling thread: requests go to a reader thread
 * (its own read-only SQLite connection in WAL mode) one after the other, and rows come back to be turned into
 * records and redacted here. Without the compiled thread script (running from sources) the same queries run
 * inline on a read-only connection of this thread.
 */
export class HistoryReader {
  /** For readers in another process (`switchyard logs`). Undefined when there is no database yet. */
  static open(file: string, options: HistoryReaderOptions = {}): HistoryReader | undefined {
    const resolved = path.resolve(file);
    if (!existsSync(resolved)) return undefined;
    const reader = new HistoryReader(resolved, options);
    // A file that is not a history (or a newer one) is refused now, not at the first read.
    openReadOnlyDatabase(resolved).db.close();
    return reader;
  }

  readonly file: string;
  readonly readOnly = true;
  private readonly redact: (text: string) => string;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly beforeRead: (() => Promise<void>) | undefined;
  private readonly onCorrupt: ((error: unknown) => RecoveredDatabase | undefined) | undefined;
  private worker: Worker | undefined;
  private inline: { db: Database.Database; schema: number } | undefined;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private closed = false;
  /** Settles when the reader thread has ended (resolved at once when reads run on this thread). */
  private workerEnded: Promise<void> = Promise.resolve();

  constructor(file: string, options: HistoryReaderOptions = {}) {
    this.file = path.resolve(file);
    this.redact = options.redact ?? ((text) => text);
    this.logger = options.logger ?? createLogger('warn');
    this.now = options.now ?? Date.now;
    this.beforeRead = options.beforeRead;
    this.onCorrupt = options.onCorrupt;
    if ((options.readsOn ?? 'thread') === 'thread') this.startWorker();
  }

  /** Where reads run: `thread` (off the caller's thread) or `inline` (no compiled reader thread found). */
  get readsOn(): 'thread' | 'inline' {
    return this.worker ? 'thread' : 'inline';
  }

  /** Records newest first, filtered, a page at a time (keyset paging on startedAt, then insertion order). */
  async query(query: HistoryQuery = {}): Promise<HistoryPage> {
    const limit = Math.min(maxQueryLimit, Math.max(1, Math.floor(query.limit ?? 50)));
    const before = query.cursor !== undefined ? decodeCursor(query.cursor) : undefined;
    const filter = this.resolve(query);
    const page = await this.read<'page'>({ op: 'page', filter, limit, ...(before ? { before } : {}) });
    const records = page.rows.map((row) => rowToRecord(row, this.redact));
    const last = page.rows.at(-1);
    return page.more && last ? { records, nextCursor: encodeCursor(last.started_at, last.seq), rev: page.rev } : { records, rev: page.rev };
  }

  /**
   * Records written (started or ended) after `rev`, in the order they were written, and the rev to pass next
   * time: how a reader in another process follows the history by polling. A record comes once, in its latest
   * state, however often it changed since `rev`.
   */
  async changedSince(rev: number, filter: HistoryFilter = {}): Promise<{ records: CallRecord[]; rev: number }> {
    const changes = await this.read<'changedSince'>({ op: 'changedSince', filter: this.resolve(filter), rev });
    return { records: changes.rows.map((row) => rowToRecord(row, this.redact)), rev: changes.rev };
  }

  /** Count, error rate and p50/p95 duration per server or per (server, tool), most called first. */
  async stats(options: HistoryStatsOptions): Promise<HistoryStatsRow[]> {
    return this.read<'stats'>({ op: 'stats', filter: this.resolve(options), groupBy: options.groupBy === 'tool' ? 'tool' : 'server' });
  }

  /** Calls and errors per time bucket (default one minute), oldest first, empty buckets left out. */
  async timeline(options: HistoryTimelineOptions): Promise<HistoryTimelineRow[]> {
    const bucketMs = options.bucketMs ?? 60_000;
    if (!Number.isSafeInteger(bucketMs) || bucketMs < 1000)
      throw new SwitchyardError(
        'INVALID_INPUT',
        `The timeline's bucket (${String(bucketMs)} ms) is not a whole number of milliseconds of at least 1000.`,
        'Use bucketMs: 60000 for one minute.',
      );
    return this.read<'timeline'>({ op: 'timeline', filter: this.resolve(options), bucketMs });
  }

  /**
   * Streams the matching records, oldest first, as JSON Lines (one record per line) or CSV (a header, then a
   * row per record). Reads page by page, waits for `drain` when the stream is full, and does not end it.
   */
  async export(options: HistoryExportOptions, out: NodeJS.WritableStream): Promise<{ records: number }> {
    const csv = options.format === 'csv';
    if (!csv && options.format !== 'jsonl')
      throw new SwitchyardError('INVALID_INPUT', `Export format "${String(options.format)}" is not jsonl or csv.`, 'Use jsonl or csv.');
    // Relative times (since 1h) are read once, so that every page has the same bounds.
    const filter = this.resolve(options);
    let after: [number, number] | undefined;
    let count = 0;
    if (csv && !out.write(csvHeader)) await once(out, 'drain');
    for (;;) {
      const { rows } = await this.read<'exportPage'>({ op: 'exportPage', filter, limit: exportPage, ...(after ? { after } : {}) });
      if (rows.length === 0) break;
      let chunk = '';
      for (const row of rows) {
        const record = rowToRecord(row, this.redact);
        chunk += csv ? csvLine(record) : JSON.stringify(record) + '\n';
      }
      count += rows.length;
      const last = rows.at(-1)!;
      after = [last.started_at, last.seq];
      if (!out.write(chunk)) await once(out, 'drain');
      if (rows.length < exportPage) break;
    }
    return { records: count };
  }

  /** Rows in the database (exact: a scan of the smallest index). */
  async countRows(): Promise<number> {
    return this.read<'count'>({ op: 'count' });
  }

  /** The change counter: every written batch increments it. */
  async currentRev(): Promise<number> {
    return this.read<'rev'>({ op: 'rev' });
  }

  /** The file was replaced (a corrupt one moved aside): the next read opens the new one. */
  reopen(): void {
    this.inline?.db.close();
    this.inline = undefined;
    this.worker?.postMessage({ type: 'reopen' } satisfies ReaderMessage);
  }

  /** Ends the reader thread and closes the connection; reads still waiting fail. Resolves when the thread has ended. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const ended = this.workerEnded;
    this.worker?.ref(); // held until it has ended, like the writer
    this.worker?.postMessage({ type: 'close' } satisfies ReaderMessage);
    this.worker = undefined;
    this.inline?.db.close();
    this.inline = undefined;
    this.failWaiting(new SwitchyardError('INVALID_INPUT', 'The call history is closed.'));
    return ended;
  }

  private resolve(filter: HistoryFilter): ResolvedFilter {
    const now = this.now();
    const resolved: ResolvedFilter = {};
    if (filter.since !== undefined) resolved.since = parseTimeSpec(filter.since, now);
    if (filter.until !== undefined) resolved.until = parseTimeSpec(filter.until, now);
    const server = listOf(filter.server);
    if (server.length > 0) resolved.server = server;
    const tool = listOf(filter.tool);
    if (tool.length > 0) resolved.tool = tool;
    if (filter.client !== undefined && filter.client !== '') resolved.client = filter.client;
    const statuses = expandStatuses(filter.status);
    if (statuses.length > 0) resolved.statuses = statuses;
    if (filter.text !== undefined) resolved.text = filter.text;
    return resolved;
  }

  private async read<K extends ReadRequest['op']>(request: ReadRequest & { op: K }): Promise<ReadResults[K]> {
    if (this.closed) throw new SwitchyardError('INVALID_INPUT', 'The call history is closed.');
    await this.beforeRead?.();
    try {
      return (await this.answer(request)) as ReadResults[K];
    } catch (error) {
      throw this.readFailed(error);
    }
  }

  private answer(request: ReadRequest): Promise<unknown> {
    if (this.closed) return Promise.reject(new SwitchyardError('INVALID_INPUT', 'The call history is closed.'));
    const worker = this.worker;
    if (!worker) {
      this.inline ??= openReadOnlyDatabase(this.file);
      return Promise.resolve(answerRead(this.inline.db, this.inline.schema, request));
    }
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      // A read waiting on the thread keeps the process alive (a CLI awaiting its answer); an idle reader does not.
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ type: 'read', id, request } satisfies ReaderMessage);
    });
  }

  /** A read that finds the file corrupt: the gateway's store moves it aside; a reader elsewhere says so. */
  private readFailed(error: unknown): unknown {
    if (!isCorruption(error)) return error;
    const reason = reasonOf(error);
    const recovered = this.onCorrupt?.(error);
    if (!recovered) {
      return new SwitchyardError(
        'INTERNAL',
        `The call history ${this.file} is corrupt (${reason}).`,
        'The gateway moves it aside and starts a new one the next time it writes to it.',
      );
    }
    return new SwitchyardError(
      'INTERNAL',
      `The call history was corrupt (${recovered.reason}); it was moved aside to ${recovered.movedTo} and a new one was started.`,
    );
  }

  private startWorker(): void {
    const script = compiledWorkerScript('reader');
    if (!script) {
      this.logger.debug('history: no compiled reader thread found; reading on this thread');
      return;
    }
    const worker = new Worker(script, { workerData: { file: this.file } satisfies ReaderStartup });
    this.workerEnded = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: ReaderReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (!waiter) return;
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(deserializeReadError(reply.error));
    });
    worker.on('error', (error) => {
      // Reads go on inline; the ones waiting on the thread fail with its error.
      this.logger.warn(`history: the reader thread failed (${error.message}); reading on this thread from now on`);
      if (this.worker === worker) this.worker = undefined;
      this.failWaiting(error);
    });
    // An idle reader never keeps the process alive on its own.
    worker.unref();
    this.worker = worker;
  }

  private failWaiting(error: Error): void {
    for (const [id, waiter] of [...this.waiting]) {
      this.waiting.delete(id);
      waiter.reject(error);
    }
  }
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
