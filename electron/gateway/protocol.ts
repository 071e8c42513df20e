import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './spec-constants.js';

/**
 * What the gateway advertises to clients. It is fixed rather than copied from a backend, because the gateway
 * answers `initialize` before any container runs (servers start on the first call that needs them).
 */
export const gatewayCapabilities = {
  tools: { listChanged: true },
  prompts: { listChanged: true },
  resources: { subscribe: true, listChanged: true },
  logging: {},
  completions: {},
} as const;

/** What the gateway, as a client, offers each backend; requests for these are relayed to the right client. */
export const backendClientCapabilities = {
  sampling: {},
  elicitation: {},
  roots: { listChanged: true },
} as const;

/** The 2025-era handshake version: the client's if we speak it, else our newest. */
export function negotiateProtocolVersion(requested: unknown): string {
  return typeof requested === 'string' && SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION;
}

export const backendProtocolVersion = LATEST_PROTOCOL_VERSION;

/** Server-to-client request methods, and the client capability each one needs. */
export const clientCapabilityFor: Record<string, string> = {
  'sampling/createMessage': 'sampling',
  'elicitation/create': 'elicitation',
  'roots/list': 'roots',
};
