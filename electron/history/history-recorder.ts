import { performance } from 'node:perf_hooks';
import type { Logger } from '../core/logger.js';
import { newCallId, newTraceId } from './call-ids.js';
import {
  callStatuses,
  redactedArguments,
  redactedError,
  summarizeResult,
  type CallClient,
  type CallMethod,
  type CallRecord,
  type FinalCallStatus,
} from './call-record.js';
import { isCorruption, messageOf } from './history-database.js';
import type { HistoryEmitter } from './history-events.js';
import type { HistoryMaintenance } from './history-maintenance.js';
import { HistoryWriter, type WriterReply } from './history-writer.js';
import { rowParams } from './schema.js';
import type { WritableConnection } from './writable-connection.js';

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

export interface RecorderOptions {
  redact: (text: string) => string;
  flushIntervalMs: number;
  flushBatchSize: number;
  maxPending: number;
  logger: Logger;
  now: () => number;
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

const maxInflight = 100_000;

/**
 * The call path and its batching. begin() and end() redact, build the record, emit it to live listeners and
 * put it in a pending map (a call's start and end coalesce when they fall in one batch); no SQLite. A timer (or
 * a batch that reaches flushBatchSize, at the next turn of the event loop) writes the pending records in one
 * transaction, an upsert by id: on the writer thread when there is one, else inline. A crash therefore loses
 * at most the batch not yet written. flushed() is the handshake a read awaits: it resolves once every record
 * handed over before it is committed.
 */
export class HistoryRecorder {
  private readonly pending = new Map<string, PendingEntry>();
  private readonly inflight = new Map<string, InflightEntry>();
  private flushTimer: NodeJS.Timeout | undefined;
  private flushImmediate: NodeJS.Immediate | undefined;
  private failures = 0;
  private dropped = 0;
  private closed = false;
  private writer: HistoryWriter | undefined;

  constructor(
    private readonly connection: WritableConnection,
    private readonly maintenance: HistoryMaintenance,
    private readonly events: HistoryEmitter,
    private readonly options: RecorderOptions,
  ) {}

  /** From now on, batches are written by a worker thread with its own connection (when its compiled script is there). */
  useWriterThread(): void {
    if (!this.writer && !this.closed) this.startWriter();
  }

  /** Records the start of a call; returns the record as stored and emitted (arguments redacted and capped). */
  begin(call: BeginCall): CallRecord {
    const record: CallRecord = {
      id: call.id ?? newCallId(),
      traceId: call.traceId ?? newTraceId(),
      startedAt: call.startedAt ?? this.options.now(),
      client: pickClient(call.client),
      server: call.server,
      method: call.method,
      name: call.name,
      arguments: redactedArguments(call.arguments, this.options.redact),
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
    this.events.emit('record', { kind: 'start', record });
    return record;
  }

  /** Records the end of a call begun with begin(); undefined (and nothing recorded) for an unknown id. */
  end(id: string, patch: EndCall): CallRecord | undefined {
    const entry = this.inflight.get(id);
    if (!entry) {
      this.options.logger.debug(`history: end of unknown call ${id} ignored`);
      return undefined;
    }
    this.inflight.delete(id);
    const endedAt = patch.endedAt ?? this.options.now();
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
    if (patch.error !== undefined && patch.error !== null) record.error = redactedError(patch.error, this.options.redact);
    if (patch.result !== undefined) record.result = summarizeResult(patch.result, this.options.redact);
    Object.freeze(record);
    if (this.closed) return record;
    this.enqueue(record, entry.stored);
    this.events.emit('record', { kind: 'end', record });
    return record;
  }

  /** Where batches are written now (`thread` may fall back to `inline`). */
  get writesOn(): 'thread' | 'inline' {
    return this.writer ? 'thread' : 'inline';
  }

  /** Records queued and not yet written. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** The writer thread, when batches go there (the maintenance indexes on it too). */
  get writerThread(): HistoryWriter | undefined {
    return this.writer;
  }

  /** Writes every pending record now (hands them to the writer thread, or writes them in one transaction). */
  flush(): void {
    this.cancelScheduledFlush();
    if (this.pending.size === 0 || this.closed || !this.connection.isOpen) return;
    if (this.writer) return this.handToWriter(this.writer);
    const t0 = performance.now();
    const batch = [...this.pending.values()];
    let rev: number;
    try {
      rev = this.writeInline(batch);
    } catch (error) {
      if (!isCorruption(error)) return this.flushFailed(error);
      try {
        this.recoverFromCorruption(error);
        rev = this.writeInline(batch);
      } catch (retryError) {
        return this.flushFailed(retryError);
      }
    }
    this.pending.clear();
    this.written(batch, rev, performance.now() - t0);
  }

  /**
   * The flush handshake: flush(), then wait (without blocking the thread) until the writer thread has
   * committed what it was given. A read that begins after this resolves sees every record handed over before.
   */
  async flushed(): Promise<void> {
    this.flush();
    if (this.writer) await this.writer.idle();
  }

  /** Drops what is pending and waits for what the writer thread holds; then the caller may delete every row. */
  async discardPending(): Promise<void> {
    this.pending.clear();
    this.cancelScheduledFlush();
    if (this.writer) await this.writer.idle();
    for (const entry of this.inflight.values()) entry.stored = false;
  }

  /** Moves a corrupt file aside and starts a new one; the writer thread (which holds the old file) starts again. */
  recoverFromCorruption(error: unknown): void {
    const hadWriter = this.writer !== undefined;
    this.stopWriter();
    this.connection.replaceCorrupt(error);
    for (const entry of this.pending.values()) entry.stored = false;
    for (const entry of this.inflight.values()) entry.stored = false;
    if (hadWriter && !this.closed) this.startWriter();
  }

  /** Writes what is pending (waiting for the writer thread, at most 5 s) and stops. Later calls are not recorded. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.flush();
    if (this.writer && !this.writer.waitIdleBlocking()) this.options.logger.warn('history: the writer thread is slow; the last calls may be lost');
    const writerEnded = this.writer?.close() ?? Promise.resolve();
    this.writer = undefined;
    this.flush(); // what a failed thread batch put back is written inline
    this.closed = true;
    this.cancelScheduledFlush();
    if (this.pending.size > 0) this.options.logger.error(`history: ${this.pending.size} call records could not be written before closing`);
    return writerEnded;
  }

  private startWriter(): void {
    this.writer = HistoryWriter.start(this.connection.file);
    if (!this.writer) this.options.logger.debug('history: no compiled writer thread found; writing on the main thread');
  }

  private stopWriter(): void {
    const writer = this.writer;
    this.writer = undefined;
    writer?.terminate();
  }

  /** The batch leaves the pending map now; the thread writes it with the rev it takes inside its transaction. */
  private handToWriter(writer: HistoryWriter): void {
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const { record } of batch) {
      const running = this.inflight.get(record.id);
      if (running) running.stored = true;
    }
    const rows = batch.map(({ record }) => rowParams(record, 0));
    void writer
      .write(
        rows,
        batch.map(({ stored }) => !stored),
      )
      .then((reply) => this.threadAnswered(writer, batch, reply));
  }

  private threadAnswered(writer: HistoryWriter, batch: PendingEntry[], reply: WriterReply): void {
    if (this.closed && this.writer === undefined && reply.type !== 'failed') return;
    if (reply.type === 'written') {
      if (this.writer === writer || this.writer === undefined) this.written(batch, reply.rev, reply.ms);
      return;
    }
    if (reply.type !== 'failed') return;
    // Put the records back (a newer state of the same call wins) and write on this thread, which knows how to
    // recover from corruption and retry with backoff.
    for (const entry of batch) if (!this.pending.has(entry.record.id)) this.pending.set(entry.record.id, { record: entry.record, stored: false });
    for (const entry of batch) {
      const running = this.inflight.get(entry.record.id);
      if (running) running.stored = false;
    }
    if (this.writer === writer) {
      this.options.logger.warn(
        `history: the writer thread failed (${reply.code ? `${reply.code}: ` : ''}${reply.message}); writing on the main thread from now on`,
      );
      this.stopWriter();
    }
    if (!this.closed) this.flush();
  }

  private written(batch: readonly PendingEntry[], rev: number, ms: number): void {
    this.failures = 0;
    let added = 0;
    for (const { record, stored } of batch) {
      if (!stored) added += 1;
      const running = this.inflight.get(record.id);
      if (running) running.stored = true;
    }
    this.events.emit('flush', { records: batch.length, batch: batch.map((entry) => entry.record), rev, ms });
    this.maintenance.rowsWritten(added);
  }

  private writeInline(batch: readonly PendingEntry[]): number {
    return this.connection.writeBatch(batch.map(({ record }) => rowParams(record, 0)));
  }

  private enqueue(record: CallRecord, stored: boolean): void {
    this.pending.set(record.id, { record, stored });
    if (this.pending.size > this.options.maxPending) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
      if (this.dropped++ % 1000 === 0) this.options.logger.warn(`history: writes are failing; ${this.dropped} call records dropped so far`);
    }
    if (this.pending.size >= this.options.flushBatchSize && this.failures === 0) {
      this.flushImmediate ??= setImmediate(() => this.flush());
    } else {
      this.flushTimer ??= setTimeout(() => this.flush(), this.retryDelay());
    }
  }

  private retryDelay(): number {
    return this.options.flushIntervalMs * 2 ** Math.min(this.failures, 6);
  }

  private cancelScheduledFlush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.flushImmediate) clearImmediate(this.flushImmediate);
    this.flushTimer = undefined;
    this.flushImmediate = undefined;
  }

  private flushFailed(error: unknown): void {
    this.failures += 1;
    if (this.failures === 1 || this.failures % 50 === 0) {
      this.options.logger.warn(`history: writing ${this.pending.size} call records failed (${messageOf(error)}); retrying`);
    }
    if (!this.closed) this.flushTimer ??= setTimeout(() => this.flush(), this.retryDelay());
  }
}

function pickClient(client: CallClient): CallClient {
  const picked: CallClient = { sessionId: String(client?.sessionId ?? '') };
  if (typeof client?.name === 'string') picked.name = client.name;
  if (typeof client?.version === 'string') picked.version = client.version;
  if (typeof client?.profile === 'string') picked.profile = client.profile;
  return picked;
}

function isFinalStatus(status: unknown): status is FinalCallStatus {
  return typeof status === 'string' && status !== 'running' && (callStatuses as readonly string[]).includes(status);
}
