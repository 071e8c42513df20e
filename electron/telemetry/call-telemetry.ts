import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { SwitchyardError } from '../../shared/errors.js';
import type { Logger } from '../core/logger.js';
import type { CallEnd, CallInfo } from '../gateway/call-interceptors.js';
import type { SpanExportQueueOptions, SpanExportStats } from './span-export-queue.js';
import type { Pipeline } from './otel-pipeline.js';
import { endpointForLog, telemetryTarget, type TelemetrySettingsInput, type TelemetryTarget } from './telemetry-target.js';

export interface CallTelemetryOptions {
  logger: Logger;
  /** Replaces stored secret values in error texts before they leave the machine. */
  redact?: (text: string) => string;
  /** Tests pass an in-memory exporter or smaller queue bounds. */
  exporter?: (target: TelemetryTarget) => SpanExporter;
  /** Likewise for metrics; with `exporter` given and this not, metrics are not exported (tests of spans only). */
  metricExporter?: (target: TelemetryTarget) => PushMetricExporter;
  queue?: Pick<SpanExportQueueOptions, 'maxQueueSize' | 'maxBatchSize' | 'delayMs' | 'warnIntervalMs'>;
  /** How often call metrics are exported (they are also exported at close). Default 30 s. */
  metricIntervalMs?: number;
  /** Longest a close waits for the last spans to be delivered (a collector that is down must not hold up shutdown). */
  closeTimeoutMs?: number;
}

/**
 * OpenTelemetry export of ended calls: off until `configure` gets a target, then one SERVER span per call,
 * in the call's own trace id (so a span and the server's log lines around the call share it), exported in
 * batches by SpanExportQueue. `configure` again with a changed target swaps the pipeline (settings edits
 * apply while the gateway runs).
 */
export class CallTelemetry {
  private pipeline: Pipeline | undefined;
  /** Replaced pipelines still delivering their last spans; close waits for them too. */
  private readonly retiring = new Set<Promise<void>>();
  private readonly redact: (text: string) => string;

  constructor(private readonly options: CallTelemetryOptions) {
    this.redact = options.redact ?? ((text) => text);
  }

  get enabled(): boolean {
    return this.pipeline !== undefined;
  }

  /** Resolves settings plus the OTEL_EXPORTER_OTLP_* environment and configures; an unusable env value is warned about and leaves export off. */
  async apply(settings: TelemetrySettingsInput, env: NodeJS.ProcessEnv = process.env): Promise<void> {
    let target: TelemetryTarget | undefined;
    try {
      target = telemetryTarget(settings, env);
    } catch (error) {
      this.options.logger.warn(error instanceof SwitchyardError && error.hint ? `${error.message} ${error.hint}` : String(error));
    }
    await this.configure(target);
  }

  async configure(target: TelemetryTarget | undefined): Promise<void> {
    if (sameTarget(this.pipeline?.target, target)) return;
    const previous = this.pipeline;
    // The OpenTelemetry SDK is loaded only when export is on: most gateways never pay its start-up cost.
    this.pipeline = target ? (await import('./otel-pipeline.js')).openPipeline(target, this.options) : undefined;
    // The old pipeline drains in the background: a settings change must not wait on a slow collector.
    if (previous) this.retire(previous);
    if (target) {
      const metrics = target.metricsEndpoint ? ` and call metrics to ${endpointForLog(target.metricsEndpoint)}` : '';
      this.options.logger.info(
        `OpenTelemetry: exporting call spans to ${endpointForLog(target.endpoint)}${metrics} (from ${target.source}) as service "${target.serviceName}"`,
      );
    } else if (previous) this.options.logger.info('OpenTelemetry export is off');
  }

  /** Called from the interceptor's `ended`: builds the span and queues it; never throws into the call path. */
  record(call: CallInfo, end: CallEnd, durationMs: number): void {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    try {
      pipeline.record(call, end, durationMs, this.redact);
    } catch (error) {
      this.options.logger.debug(`OpenTelemetry: span for ${call.method} ${call.server}/${call.name} not recorded: ${String(error)}`);
    }
  }

  stats(): SpanExportStats | undefined {
    return this.pipeline?.queue.stats();
  }

  /** Delivers what is queued (bounded by closeTimeoutMs) and stops. */
  async close(): Promise<void> {
    const pipeline = this.pipeline;
    this.pipeline = undefined;
    if (pipeline) this.retire(pipeline);
    await Promise.all(this.retiring);
  }

  private retire(pipeline: Pipeline): void {
    const done = this.shutdown(pipeline).finally(() => this.retiring.delete(done));
    this.retiring.add(done);
  }

  private async shutdown(pipeline: Pipeline): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.options.closeTimeoutMs ?? 3000).unref()));
    const done = pipeline.shutdown().then(
      () => 'done' as const,
      (error: unknown) => String(error),
    );
    const result = await Promise.race([done, limit]);
    clearTimeout(timer);
    if (result === 'done') return;
    const { queued } = pipeline.queue.stats();
    this.options.logger.warn(
      `OpenTelemetry: ${result === 'timeout' ? 'gave up waiting for' : `could not finish (${result}) exporting`} the last call spans to ${endpointForLog(pipeline.target.endpoint)}${queued > 0 ? `; ${queued} not sent` : ''}.`,
    );
  }
}

function sameTarget(a: TelemetryTarget | undefined, b: TelemetryTarget | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
