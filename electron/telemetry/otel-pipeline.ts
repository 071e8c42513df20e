import { randomBytes } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { AlwaysOnSampler, BasicTracerProvider, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { packageVersion } from '../core/version.js';
import type { CallEnd, CallInfo } from '../gateway/call-interceptors.js';
import { callMetricAttributes, callSpan } from './call-span.js';
import type { CallTelemetryOptions } from './call-telemetry.js';
import { SpanExportQueue } from './span-export-queue.js';
import { endpointForLog, type TelemetryTarget } from './telemetry-target.js';

/** One export pipeline (OpenTelemetry SDK, loaded only when export is on): a tracer feeding a bounded queue. */
export interface Pipeline {
  target: TelemetryTarget;
  queue: SpanExportQueue;
  /** One SERVER span for an ended call, in the call's own trace id. */
  record(call: CallInfo, end: CallEnd, durationMs: number, redact: (text: string) => string): void;
  /** Delivers what is queued and stops. */
  shutdown(): Promise<void>;
}

export function openPipeline(target: TelemetryTarget, options: CallTelemetryOptions): Pipeline {
  const exporter = options.exporter?.(target) ?? new OTLPTraceExporter({ url: target.endpoint, headers: target.headers });
  const queue = new SpanExportQueue({ exporter, logger: options.logger, endpointLabel: endpointForLog(target.endpoint), ...options.queue });
  const traceIds = new CallTraceIds();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: target.serviceName, [ATTR_SERVICE_VERSION]: packageVersion() }),
    // Every call is exported: sampling, if wanted, belongs in the collector.
    sampler: new AlwaysOnSampler(),
    idGenerator: traceIds,
    spanProcessors: [queue],
  });
  const tracer: Tracer = provider.getTracer('switchyard', packageVersion());
  const metricExporter =
    options.metricExporter?.(target) ??
    (target.metricsEndpoint && !options.exporter ? new OTLPMetricExporter({ url: target.metricsEndpoint, headers: target.headers }) : undefined);
  const metrics = metricExporter ? callMetrics(target, metricExporter, options.metricIntervalMs ?? 30_000) : undefined;
  return {
    target,
    queue,
    record(call, end, durationMs, redact) {
      const span = callSpan(call, end, durationMs, redact);
      traceIds.next = call.traceId;
      const started = tracer.startSpan(span.name, { kind: SpanKind.SERVER, startTime: span.startTime, attributes: span.attributes, root: true }, ROOT_CONTEXT);
      if (span.errorMessage !== undefined) started.setStatus({ code: SpanStatusCode.ERROR, message: span.errorMessage });
      started.end(span.endTime);
      metrics?.record(callMetricAttributes(span), durationMs);
    },
    shutdown: async () => {
      await Promise.all([provider.shutdown(), metrics?.shutdown()]);
    },
  };
}

/**
 * Per-call metrics beside the spans: a count and a duration histogram (the MCP semantic conventions' server
 * operation duration, in seconds), with low-cardinality attributes only (no session ids or resource URIs).
 * Exported every `intervalMs` and at shutdown.
 */
function callMetrics(
  target: TelemetryTarget,
  exporter: PushMetricExporter,
  intervalMs: number,
): { record(attributes: Record<string, string>, durationMs: number): void; shutdown(): Promise<void> } {
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: target.serviceName, [ATTR_SERVICE_VERSION]: packageVersion() }),
    readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: intervalMs })],
  });
  const meter = provider.getMeter('switchyard', packageVersion());
  const calls = meter.createCounter('switchyard.calls', {
    description: 'Calls relayed by the gateway (tools/call, prompts/get, resources/read)',
    unit: '{call}',
  });
  const duration = meter.createHistogram('mcp.server.operation.duration', { description: 'Duration of calls relayed by the gateway', unit: 's' });
  return {
    record(attributes, durationMs) {
      calls.add(1, attributes);
      duration.record(durationMs / 1000, attributes);
    },
    shutdown: () => provider.shutdown(),
  };
}

/**
 * Hands the tracer the call's trace id for the span about to start (startSpan is synchronous, so `next` is
 * read right after it is set). A malformed id falls back to a random one rather than a span the collector rejects.
 */
class CallTraceIds implements IdGenerator {
  next: string | undefined;

  generateTraceId(): string {
    const id = this.next;
    this.next = undefined;
    return id !== undefined && /^[0-9a-f]{32}$/.test(id) && !/^0+$/.test(id) ? id : randomBytes(16).toString('hex');
  }

  generateSpanId(): string {
    return randomBytes(8).toString('hex');
  }
}
