import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Logger } from '../core/logger.js';

export interface SpanExportQueueOptions {
  exporter: SpanExporter;
  logger: Logger;
  /** Named in warnings (already stripped of credentials, see endpointForLog). */
  endpointLabel: string;
  /** Spans held while the collector is slow or down; more are dropped (and counted). */
  maxQueueSize?: number;
  maxBatchSize?: number;
  /** How long a span may wait for companions before its batch leaves. */
  delayMs?: number;
  /** At most one warning per this interval while spans are being lost. */
  warnIntervalMs?: number;
  now?: () => number;
}

export interface SpanExportStats {
  queued: number;
  exported: number;
  /** Spans lost: the queue was full, or their batch could not be delivered. */
  dropped: number;
}

/** ExportResultCode.SUCCESS of @opentelemetry/core (a transitive package we do not import directly). */
const exportSucceeded = 0;

/**
 * The span processor between the tracer and the OTLP exporter: ended spans wait in a bounded queue and leave in
 * batches, one export at a time, never on the call path. A collector that is down costs nothing but the spans:
 * the queue drops what does not fit, failed batches are dropped (the exporter already retried), both are
 * counted, and the log gets at most one warning per minute naming the endpoint.
 */
export class SpanExportQueue implements SpanProcessor {
  private readonly queue: ReadableSpan[] = [];
  private readonly maxQueueSize: number;
  private readonly maxBatchSize: number;
  private readonly delayMs: number;
  private readonly warnIntervalMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private exporting: Promise<void> | undefined;
  private closed = false;
  private lastWarningAt = -Infinity;
  private droppedSinceWarning = 0;
  private failing = false;
  private readonly counts = { exported: 0, dropped: 0 };

  constructor(private readonly options: SpanExportQueueOptions) {
    this.maxQueueSize = options.maxQueueSize ?? 2048;
    this.maxBatchSize = Math.min(options.maxBatchSize ?? 512, this.maxQueueSize);
    this.delayMs = options.delayMs ?? 1000;
    this.warnIntervalMs = options.warnIntervalMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (this.closed) return;
    if (this.queue.length >= this.maxQueueSize) {
      this.lost(1, 'the export queue is full');
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= this.maxBatchSize) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.delayMs).unref();
  }

  stats(): SpanExportStats {
    return { queued: this.queue.length, ...this.counts };
  }

  /** Exports everything queued now (and waits for an export already under way). */
  async forceFlush(): Promise<void> {
    await this.exporting;
    while (this.queue.length > 0) await this.exportNext();
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    await this.forceFlush();
    this.closed = true;
    clearTimeout(this.timer);
    await this.options.exporter.shutdown();
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.exporting || this.queue.length === 0) return;
    void this.exportNext().then(() => {
      if (this.queue.length > 0 && !this.closed)
        this.timer ??= setTimeout(() => this.kick(), this.queue.length >= this.maxBatchSize ? 0 : this.delayMs).unref();
    });
  }

  private exportNext(): Promise<void> {
    const run = async () => {
      const batch = this.queue.splice(0, this.maxBatchSize);
      if (batch.length === 0) return;
      const error = await exportBatch(this.options.exporter, batch);
      if (error === undefined) {
        this.counts.exported += batch.length;
        if (this.failing)
          this.options.logger.info(`OpenTelemetry export to ${this.options.endpointLabel} works again (${this.counts.dropped} spans dropped in total).`);
        this.failing = false;
        return;
      }
      this.failing = true;
      this.lost(batch.length, error);
    };
    const running = (this.exporting ?? Promise.resolve()).then(run);
    const tracked = running.finally(() => {
      if (this.exporting === tracked) this.exporting = undefined;
    });
    this.exporting = tracked;
    return tracked;
  }

  private lost(count: number, reason: string): void {
    this.counts.dropped += count;
    this.droppedSinceWarning += count;
    const now = this.now();
    if (now - this.lastWarningAt < this.warnIntervalMs) return;
    this.lastWarningAt = now;
    this.options.logger.warn(
      `OpenTelemetry export to ${this.options.endpointLabel} failed (${reason}); ${this.droppedSinceWarning} call span(s) dropped since the last warning, ${this.counts.dropped} in total. Calls are not affected; check that the collector runs and accepts OTLP/HTTP.`,
    );
    this.droppedSinceWarning = 0;
  }
}

/** One export as a promise: undefined on success, else a short reason (no headers, no payload). */
function exportBatch(exporter: SpanExporter, batch: ReadableSpan[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      exporter.export(batch, (result) => resolve(result.code === exportSucceeded ? undefined : describe(result.error)));
    } catch (error) {
      resolve(describe(error));
    }
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'export failed';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message || error.name;
}
