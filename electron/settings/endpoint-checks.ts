/**
 * Checks of the endpoints the settings name (hook URLs, the OTLP collector): kept with the settings, whose
 * schema refuses a bad one, and used by hooks/ and telemetry/ when they connect.
 */

/** Hook endpoints see every call's arguments: plain http only where nothing leaves the machine. */
export function hookUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:')
    return isLoopback(parsed.hostname)
      ? undefined
      : `"${url}" uses plain http to a host other than this machine; use https, or http only to 127.0.0.1, ::1 or localhost`;
  return `"${url}" must be an http(s) URL`;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Why a text is not a usable OTLP/HTTP endpoint, or undefined when it is (used by the settings schema too). */
export function otlpEndpointProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL; use the OTLP/HTTP traces URL of your collector, e.g. http://127.0.0.1:4318/v1/traces`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `"${url.protocol}" is not supported: Switchyard exports OTLP over HTTP (JSON), so use an http:// or https:// URL such as http://127.0.0.1:4318/v1/traces (OTLP/gRPC on port 4317 is not supported)`;
  }
  return undefined;
}
