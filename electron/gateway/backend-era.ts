import { CLIENT_CAPABILITIES_META_KEY, CLIENT_INFO_META_KEY, LOG_LEVEL_META_KEY, PROTOCOL_VERSION_META_KEY, SERVER_INFO_META_KEY } from './spec-constants.js';
import type { RpcOutcome } from './json-rpc.js';
import { modernProtocolVersion } from './modern-era.js';
import { backendClientCapabilities } from './protocol.js';

/**
 * Which protocol era a backend is driven in. A stdio server pins its era from the opening exchange (the SDK's
 * serveStdio: `server/discover` opens a probe, the first 2026-style request pins 2026-07-28, `initialize` pins
 * 2025-11-25), so one connection speaks one era: a 2026-capable backend is driven in 2026-07-28 for every
 * client, with list changes on a `subscriptions/listen` stream instead of the 2025 session's notifications.
 */
export type BackendEra = 'modern' | 'legacy';

/**
 * How long the `server/discover` probe may take before the backend counts as 2025-era. Generous, because the
 * probe is the first message a freshly started container reads (its runtime may still be loading); a backend
 * that never answers unknown methods pays it once per slot (the verdict is remembered).
 */
export const discoverTimeoutMs = 10_000;

/** What a 2026-07-28 backend told us in its `server/discover` answer. */
export interface ModernDiscovery {
  version: string;
  capabilities: Record<string, unknown>;
  serverInfo: Record<string, unknown> | undefined;
  instructions: string | undefined;
}

export type EraVerdict = { era: 'modern'; discovery: ModernDiscovery } | { era: 'legacy'; reason: string };

/**
 * The backend's process ended while it was probed: either it quits on any request before `initialize` (some
 * 2025-era SDKs do), or it crashes anyway; one more start with the 2025 handshake tells which.
 */
export class ClosedDuringProbeError extends Error {
  constructor(reason: string) {
    super(`the server ended during the server/discover probe (${reason.split('\n')[0]})`);
  }
}

/**
 * The SDK client's rules (probeClassifier.ts) for a stdio probe: a valid discover result that lists our
 * revision means 2026-07-28; any error answer (method not found, unsupported version, ...) or no answer in
 * time means the 2025 handshake.
 */
export function classifyDiscoverOutcome(outcome: RpcOutcome | 'timeout', timeoutMs = discoverTimeoutMs): EraVerdict {
  if (outcome === 'timeout') return { era: 'legacy', reason: `no answer to server/discover within ${timeoutMs / 1000} s` };
  if ('error' in outcome) return { era: 'legacy', reason: `server/discover answered ${outcome.error.code} ${outcome.error.message}` };
  const { supportedVersions, capabilities, instructions, _meta: meta } = outcome.result as Record<string, unknown>;
  if (!Array.isArray(supportedVersions) || !supportedVersions.includes(modernProtocolVersion)) {
    return { era: 'legacy', reason: `server/discover offers ${JSON.stringify(supportedVersions ?? null)}, not ${modernProtocolVersion}` };
  }
  if (!isObject(capabilities)) return { era: 'legacy', reason: 'server/discover answered without capabilities' };
  const serverInfo = isObject(meta) && isObject(meta[SERVER_INFO_META_KEY]) ? meta[SERVER_INFO_META_KEY] : undefined;
  return {
    era: 'modern',
    discovery: { version: modernProtocolVersion, capabilities, serverInfo, instructions: typeof instructions === 'string' ? instructions : undefined },
  };
}

/** Who is asking, as a 2026-07-28 backend must be told on every request. */
export interface Envelope {
  clientInfo: { name: string; version: string };
  /** The calling client's capabilities; only those the gateway can relay are passed on (see servableCapabilities). */
  clientCapabilities: Record<string, unknown>;
  logLevel?: string | undefined;
}

/** The `_meta` keys of a 2026-07-28 request. */
export function envelopeMeta(envelope: Envelope): Record<string, unknown> {
  return {
    [PROTOCOL_VERSION_META_KEY]: modernProtocolVersion,
    [CLIENT_INFO_META_KEY]: envelope.clientInfo,
    [CLIENT_CAPABILITIES_META_KEY]: servableCapabilities(envelope.clientCapabilities),
    ...(envelope.logLevel ? { [LOG_LEVEL_META_KEY]: envelope.logLevel } : {}),
  };
}

/**
 * Request params in the 2026 form: the caller's own `_meta` (progress token, trace context) stays, its envelope
 * is replaced by the gateway's (the backend's client is the gateway), and everything else (inputResponses,
 * requestState) travels unchanged.
 */
export function inModernForm(params: Record<string, unknown> | undefined, envelope: Envelope): Record<string, unknown> {
  const callerMeta = isObject(params?._meta) ? params._meta : {};
  const kept = Object.fromEntries(Object.entries(callerMeta).filter(([key]) => !envelopeKeys.has(key)));
  return { ...params, _meta: { ...kept, ...envelopeMeta(envelope) } };
}

/**
 * Request params for a 2025-era backend: a 2026-era caller's envelope (protocol version, client info and
 * capabilities in `_meta`) is the caller's, not ours, and would make an HTTP backend expect a 2026-07-28 request.
 */
export function inLegacyForm(params: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!params || !isObject(params._meta) || !Object.keys(params._meta).some((key) => envelopeKeys.has(key))) return params;
  const kept = Object.fromEntries(Object.entries(params._meta).filter(([key]) => !envelopeKeys.has(key)));
  const { _meta: _envelope, ...rest } = params;
  return Object.keys(kept).length > 0 ? { ...rest, _meta: kept } : rest;
}

/** A client capability is passed on only when the gateway can relay what it covers (sampling, elicitation, roots). */
export function servableCapabilities(clientCapabilities: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(clientCapabilities).filter(([name, value]) => name in backendClientCapabilities && isObject(value)));
}

const envelopeKeys = new Set([PROTOCOL_VERSION_META_KEY, CLIENT_INFO_META_KEY, CLIENT_CAPABILITIES_META_KEY, LOG_LEVEL_META_KEY]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
