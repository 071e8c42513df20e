import { SwitchyardError } from '../../shared/errors.js';
import { otlpEndpointProblem } from '../settings/endpoint-checks.js';

export { otlpEndpointProblem };

/** Where call spans go, once settings and the standard OTel environment variables are resolved. */
export interface TelemetryTarget {
  /** The full OTLP/HTTP traces URL, e.g. http://127.0.0.1:4318/v1/traces. */
  endpoint: string;
  /** The OTLP/HTTP metrics URL (call counts and durations), when one follows from the configuration. */
  metricsEndpoint?: string;
  headers: Record<string, string>;
  serviceName: string;
  /** Which of settings.json or an environment variable turned export on (for the log line). */
  source: 'settings' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_EXPORTER_OTLP_ENDPOINT';
}

/** The `telemetry` block of settings.json (see settings-schema.ts). */
export interface TelemetrySettingsInput {
  otlpEndpoint?: string | undefined;
  headers?: Record<string, string> | undefined;
  serviceName: string;
}

const tracesPath = 'v1/traces';
const metricsPath = 'v1/metrics';

/**
 * The export target, or undefined when export is off (no endpoint anywhere, the default). An endpoint in
 * settings wins over the environment. `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is used as given;
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is a base URL that gets `/v1/traces` appended, as the OTel spec says.
 * Throws a SwitchyardError naming the variable when an environment value is not an http(s) URL.
 */
export function telemetryTarget(settings: TelemetrySettingsInput, env: NodeJS.ProcessEnv): TelemetryTarget | undefined {
  const common = { headers: settings.headers ?? {}, serviceName: settings.serviceName };
  const metricsFromEnv = env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT?.trim();
  const withMetrics = (target: TelemetryTarget, base?: string): TelemetryTarget => {
    const metrics = metricsFromEnv
      ? checkedEndpoint(metricsFromEnv, 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT')
      : base
        ? withPath(base, metricsPath)
        : metricsBeside(target.endpoint);
    return metrics ? { ...target, metricsEndpoint: metrics } : target;
  };
  if (settings.otlpEndpoint)
    return withMetrics({ ...common, endpoint: checkedEndpoint(settings.otlpEndpoint, 'telemetry.otlpEndpoint in settings.json'), source: 'settings' });
  const signal = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (signal)
    return withMetrics({ ...common, endpoint: checkedEndpoint(signal, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'), source: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' });
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (base) {
    const checked = checkedEndpoint(base, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    return withMetrics({ ...common, endpoint: withPath(checked, tracesPath), source: 'OTEL_EXPORTER_OTLP_ENDPOINT' }, checked);
  }
  return undefined;
}

/** A collector's traces URL ending in /v1/traces has its metrics beside it, at /v1/metrics. */
function metricsBeside(tracesEndpoint: string): string | undefined {
  const url = new URL(tracesEndpoint);
  if (!url.pathname.endsWith(`/${tracesPath}`)) return undefined;
  url.pathname = `${url.pathname.slice(0, -tracesPath.length)}${metricsPath}`;
  return url.toString();
}

/**
 * The endpoint as it may appear in a log line: scheme, host and path only. Credentials some collectors take in
 * the user-info or query part stay out of the log.
 */
export function endpointForLog(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(invalid endpoint)';
  }
}

function checkedEndpoint(text: string, where: string): string {
  const problem = otlpEndpointProblem(text);
  if (problem)
    throw new SwitchyardError(
      'INVALID_INPUT',
      `OpenTelemetry export is off: ${where} is unusable: ${problem}.`,
      `Fix ${where}, or remove it to turn export off.`,
    );
  return text;
}

function withPath(base: string, signalPath: string): string {
  return base.endsWith('/') ? `${base}${signalPath}` : `${base}/${signalPath}`;
}
