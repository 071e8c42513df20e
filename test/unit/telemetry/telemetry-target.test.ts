import { describe, expect, it } from 'vitest';
import { endpointForLog, otlpEndpointProblem, telemetryTarget } from '../../../electron/telemetry/telemetry-target.js';
import { SettingsSchema } from '../../../electron/settings/settings-schema.js';

const defaults = { serviceName: 'switchyard' };

describe('telemetryTarget', () => {
  it('is off by default: no endpoint in settings or the environment', () => {
    expect(telemetryTarget(defaults, {})).toBeUndefined();
    expect(SettingsSchema.parse({ version: 1 }).telemetry).toEqual({ serviceName: 'switchyard' });
  });

  it('takes the settings endpoint as given, with headers and service name, over the environment', () => {
    const target = telemetryTarget(
      { otlpEndpoint: 'https://collector.example:4318/v1/traces', headers: { 'x-honeycomb-team': 'k' }, serviceName: 'desk' },
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9999/v1/traces' },
    );
    expect(target).toEqual({
      endpoint: 'https://collector.example:4318/v1/traces',
      metricsEndpoint: 'https://collector.example:4318/v1/metrics',
      headers: { 'x-honeycomb-team': 'k' },
      serviceName: 'desk',
      source: 'settings',
    });
  });

  it('sends metrics beside the traces (/v1/metrics), to OTEL_EXPORTER_OTLP_METRICS_ENDPOINT when set, or not at all when no metrics URL follows', () => {
    expect(telemetryTarget(defaults, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/otlp' })?.metricsEndpoint).toBe(
      'http://127.0.0.1:4318/otlp/v1/metrics',
    );
    expect(
      telemetryTarget(defaults, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://127.0.0.1:9090/m' })
        ?.metricsEndpoint,
    ).toBe('http://127.0.0.1:9090/m');
    expect(telemetryTarget(defaults, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/custom' })).not.toHaveProperty('metricsEndpoint');
  });

  it('uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, and appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    expect(
      telemetryTarget(defaults, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/custom', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318' }),
    ).toMatchObject({
      endpoint: 'http://127.0.0.1:4318/custom',
      source: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    });
    expect(telemetryTarget(defaults, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })?.endpoint).toBe('http://127.0.0.1:4318/v1/traces');
    expect(telemetryTarget(defaults, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/otlp/' })?.endpoint).toBe('http://127.0.0.1:4318/otlp/v1/traces');
  });

  it('names the environment variable that holds an unusable value', () => {
    expect(() => telemetryTarget(defaults, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT is unusable: "collector:" is not supported/,
    );
    expect(() => telemetryTarget(defaults, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url' })).toThrow(
      /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is unusable: "not a url" is not a URL/,
    );
  });
});

describe('otlp endpoint checks', () => {
  it('accepts http and https URLs only, and the settings schema says which field is wrong', () => {
    expect(otlpEndpointProblem('http://127.0.0.1:4318/v1/traces')).toBeUndefined();
    expect(otlpEndpointProblem('https://api.honeycomb.io/v1/traces')).toBeUndefined();
    expect(otlpEndpointProblem('grpc://127.0.0.1:4317')).toMatch(/OTLP\/gRPC on port 4317 is not supported/);
    const parsed = SettingsSchema.safeParse({ version: 1, telemetry: { otlpEndpoint: 'localhost' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['telemetry', 'otlpEndpoint']);
    expect(parsed.error?.issues[0]?.message).toMatch(/is not a URL; use the OTLP\/HTTP traces URL/);
  });

  it('keeps credentials in the user-info or query out of log lines', () => {
    expect(endpointForLog('https://user:pass@collector.example/v1/traces?api_key=abc')).toBe('https://collector.example/v1/traces');
  });
});
