/**
 * The MCP constants the gateway's core speaks by: protocol versions and the `_meta` keys of the 2026-07-28
 * envelope. They are the SDK's (`@modelcontextprotocol/client` exports each), spelled out here so that the
 * stdio gateway does not load the SDK, about 1.6 MB of JavaScript, to read a few strings on the path of a
 * container's first call (issue #18). spec-constants.test.ts holds every one equal to the SDK's, so an SDK
 * upgrade that changes one fails there.
 */

/** The newest 2025-era protocol version (the `initialize` handshake). */
export const LATEST_PROTOCOL_VERSION = '2025-11-25';

/** Every 2025-era version the `initialize` handshake accepts, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '2024-10-07'];

export const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion';
export const CLIENT_INFO_META_KEY = 'io.modelcontextprotocol/clientInfo';
export const CLIENT_CAPABILITIES_META_KEY = 'io.modelcontextprotocol/clientCapabilities';
export const SERVER_INFO_META_KEY = 'io.modelcontextprotocol/serverInfo';
export const LOG_LEVEL_META_KEY = 'io.modelcontextprotocol/logLevel';
export const SUBSCRIPTION_ID_META_KEY = 'io.modelcontextprotocol/subscriptionId';

/** A 2026-07-28 result that asks the caller for input before the request can complete. */
export function isInputRequiredResult(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { resultType?: unknown }).resultType === 'input_required';
}
