import { describe, expect, it } from 'vitest';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { CallTelemetry } from '../../../electron/telemetry/call-telemetry.js';
import { otelInterceptor } from '../../../electron/telemetry/otel-interceptor.js';
import type { TelemetryTarget } from '../../../electron/telemetry/telemetry-target.js';
import { recordingLogger, sampleCall } from './support.js';

function collectingExporter(into: ReadableSpan[]): SpanExporter {
  return { export: (spans, done) => (into.push(...spans), done({ code: 0 })), shutdown: async () => undefined };
}
const target: TelemetryTarget = { endpoint: 'http://127.0.0.1:4318/v1/traces', headers: {}, serviceName: 'switchyard-test', source: 'settings' };

describe('CallTelemetry', () => {
  it('exports one SERVER span per ended call, in the call’s trace id, with its times, status and resource', async () => {
    const spans: ReadableSpan[] = [];
    const telemetry = new CallTelemetry({ logger: recordingLogger(), exporter: () => collectingExporter(spans), queue: { delayMs: 60_000 } });
    await telemetry.configure(target);
    const interceptor = otelInterceptor(telemetry);
    const call = sampleCall();
    interceptor.ended!(call, { kind: 'outcome', outcome: { result: { content: [{ type: 'text', text: 'RESULT-PAYLOAD' }] } } }, 20);
    interceptor.ended!(sampleCall({ traceId: 'f'.repeat(32), name: 'get-sum' }), { kind: 'denied', reason: 'every get-sum is denied by your settings.' }, 0);
    expect(spans).toHaveLength(0); // queued, not exported on the call path
    await telemetry.close();

    expect(spans).toHaveLength(2);
    const [ok, denied] = spans as [ReadableSpan, ReadableSpan];
    expect(ok.name).toBe('tools/call every/echo');
    expect(ok.kind).toBe(SpanKind.SERVER);
    expect(ok.spanContext().traceId).toBe(call.traceId);
    expect(ok.parentSpanContext).toBeUndefined();
    expect(ok.status.code).toBe(SpanStatusCode.UNSET);
    expect(ok.startTime[0] * 1000 + ok.startTime[1] / 1e6).toBeCloseTo(call.startedAt, 3);
    expect(ok.duration[0] * 1000 + ok.duration[1] / 1e6).toBeCloseTo(20, 3);
    expect(ok.resource.attributes['service.name']).toBe('switchyard-test');
    expect(ok.attributes).toMatchObject({ 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'echo', 'switchyard.status': 'ok' });
    expect(denied.spanContext().traceId).toBe('f'.repeat(32));
    expect(denied.status).toEqual({ code: SpanStatusCode.ERROR, message: 'denied by policy: every get-sum is denied by your settings.' });
    const text = JSON.stringify(spans.map((span) => ({ name: span.name, attributes: span.attributes, status: span.status, events: span.events })));
    expect(text).not.toContain('ARGUMENT-SECRET');
    expect(text).not.toContain('RESULT-PAYLOAD');
  });

  it('does nothing while off, and follows a settings change without a restart', async () => {
    const first: ReadableSpan[] = [];
    const second: ReadableSpan[] = [];
    const logger = recordingLogger();
    const exporters = [first, second];
    const telemetry = new CallTelemetry({ logger, exporter: () => collectingExporter(exporters.shift()!) });
    await telemetry.apply({ serviceName: 'switchyard' }, {});
    expect(telemetry.enabled).toBe(false);
    telemetry.record(sampleCall(), { kind: 'cancelled' }, 1);

    await telemetry.apply({ serviceName: 'switchyard' }, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
    await telemetry.apply({ serviceName: 'switchyard' }, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }); // unchanged: same pipeline
    telemetry.record(sampleCall(), { kind: 'cancelled' }, 1);
    await telemetry.apply({ otlpEndpoint: 'http://127.0.0.1:4319/v1/traces', serviceName: 'switchyard' }, {});
    telemetry.record(sampleCall(), { kind: 'cancelled' }, 1);
    await telemetry.apply({ serviceName: 'switchyard' }, {});
    expect(telemetry.enabled).toBe(false);
    await telemetry.close(); // replaced pipelines drain in the background; close waits for them

    expect([first.length, second.length]).toEqual([1, 1]);
    expect(logger.lines.map((line) => line.message)).toEqual([
      'OpenTelemetry: exporting call spans to http://127.0.0.1:4318/v1/traces and call metrics to http://127.0.0.1:4318/v1/metrics (from OTEL_EXPORTER_OTLP_ENDPOINT) as service "switchyard"',
      'OpenTelemetry: exporting call spans to http://127.0.0.1:4319/v1/traces and call metrics to http://127.0.0.1:4319/v1/metrics (from settings) as service "switchyard"',
      'OpenTelemetry export is off',
    ]);
  });

  it('warns about an unusable environment endpoint and stays off', async () => {
    const logger = recordingLogger();
    const telemetry = new CallTelemetry({ logger });
    await telemetry.apply({ serviceName: 'switchyard' }, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'localhost:4318' });
    expect(telemetry.enabled).toBe(false);
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: expect.stringMatching(
          /^OpenTelemetry export is off: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is unusable: .* Fix OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/,
        ),
      },
    ]);
  });

  it('does not let a collector that never answers hold up close', async () => {
    const logger = recordingLogger();
    const hanging: SpanExporter = { export: () => undefined, shutdown: async () => undefined };
    const telemetry = new CallTelemetry({ logger, exporter: () => hanging, closeTimeoutMs: 50 });
    await telemetry.configure(target);
    telemetry.record(sampleCall(), { kind: 'cancelled' }, 1);
    await telemetry.close();
    expect(logger.lines.at(-1)).toEqual({
      level: 'warn',
      message: 'OpenTelemetry: gave up waiting for the last call spans to http://127.0.0.1:4318/v1/traces.',
    });
  });
});
