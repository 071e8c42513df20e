import type { CallInterceptor } from '../gateway/call-interceptors.js';
import type { CallTelemetry } from './call-telemetry.js';

/**
 * Turns every ended call into an OpenTelemetry span (see CallTelemetry). Only `ended`: it never changes or
 * delays a call, and does nothing while export is off. Placed after the other interceptors, so it sees the
 * final outcome (a result the leak guard withheld is exported as the error the caller got).
 */
export function otelInterceptor(telemetry: CallTelemetry): CallInterceptor {
  return {
    ended(call, end, durationMs) {
      telemetry.record(call, end, durationMs);
    },
  };
}
