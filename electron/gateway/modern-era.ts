import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
  SUBSCRIPTION_ID_META_KEY,
} from './spec-constants.js';
import type { RequestId, RpcNotification, RpcRequest } from './json-rpc.js';

/**
 * The stateless protocol revision (2026-07-28): no initialize; every request carries its protocol version,
 * client info and capabilities in `_meta`; `server/discover` replaces the handshake; change notifications
 * flow only on `subscriptions/listen` streams; servers ask clients for input with `input_required` results.
 */
export const modernProtocolVersion = '2026-07-28';

export function isModernRequest(request: RpcRequest): boolean {
  return metaOf(request)?.[PROTOCOL_VERSION_META_KEY] === modernProtocolVersion;
}

/** The protocol version a request claims in its `_meta`, if any (2026-style requests always claim one). */
export function claimedVersion(request: RpcRequest): string | undefined {
  const version = metaOf(request)?.[PROTOCOL_VERSION_META_KEY];
  return typeof version === 'string' ? version : undefined;
}

/** Methods the stateless revision removed: a 2026-07-28 request for one of them gets "method not found". */
export const removedInModernEra = new Set(['initialize', 'ping', 'logging/setLevel', 'resources/subscribe', 'resources/unsubscribe']);

export function requestClientCapabilities(request: RpcRequest): Record<string, unknown> {
  return (metaOf(request)?.[CLIENT_CAPABILITIES_META_KEY] as Record<string, unknown> | undefined) ?? {};
}

export function requestClientInfo(request: RpcRequest): { name?: string; version?: string } {
  return (metaOf(request)?.[CLIENT_INFO_META_KEY] as { name?: string; version?: string } | undefined) ?? {};
}

export function discoverResult(serverInfo: { name: string; version: string }, capabilities: Record<string, unknown>): Record<string, unknown> {
  return {
    supportedVersions: [modernProtocolVersion],
    capabilities,
    resultType: 'complete',
    ttlMs: 0,
    cacheScope: 'private',
    _meta: { [SERVER_INFO_META_KEY]: serverInfo },
  };
}

/** Results a 2026-era client may cache must say for how long and for whom (SEP-2549). */
const cacheableMethods = new Set(['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list', 'resources/read']);

/**
 * A modern result names its kind and the server that produced it; cacheable ones get "do not cache" hints,
 * because the gateway's lists change whenever a server is enabled, disabled or restarted.
 */
export function completeModernResult(method: string, result: Record<string, unknown>, serverInfo: { name: string; version: string }): Record<string, unknown> {
  const meta = (result._meta as Record<string, unknown> | undefined) ?? {};
  const cacheHints = cacheableMethods.has(method) && result.resultType !== 'input_required' ? { ttlMs: 0, cacheScope: 'private' } : {};
  return { resultType: 'complete', ...cacheHints, ...result, _meta: { ...meta, [SERVER_INFO_META_KEY]: serverInfo } };
}

/**
 * A 2026-era backend's result as a 2025-era client expects it: without the result kind, cache hints and the
 * backend's own identity (the client's server is the gateway).
 */
export function legacyView(result: Record<string, unknown>): Record<string, unknown> {
  const { resultType: _kind, ttlMs: _ttl, cacheScope: _scope, _meta: meta, ...rest } = result;
  if (!meta || typeof meta !== 'object') return rest;
  const { [SERVER_INFO_META_KEY]: _server, ...keptMeta } = meta as Record<string, unknown>;
  return Object.keys(keptMeta).length > 0 ? { ...rest, _meta: keptMeta } : rest;
}

function metaOf(request: RpcRequest): Record<string, unknown> | undefined {
  return request.params?._meta as Record<string, unknown> | undefined;
}

/** What a `subscriptions/listen` stream asked for. */
interface ListenFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  resourceSubscriptions?: string[];
}

const changeFilterKey: Record<string, keyof ListenFilter> = {
  'notifications/tools/list_changed': 'toolsListChanged',
  'notifications/prompts/list_changed': 'promptsListChanged',
  'notifications/resources/list_changed': 'resourcesListChanged',
};

/**
 * Open `subscriptions/listen` requests of one session. Change notifications reach a modern client only
 * through these, stamped with the subscription id (the listen request's id).
 */
export class ListenSubscriptions {
  private readonly filters = new Map<RequestId, ListenFilter>();

  get size(): number {
    return this.filters.size;
  }

  /** Registers a listen request; returns the acknowledgement to send on its stream, or undefined for bad params. */
  open(request: RpcRequest): RpcNotification | undefined {
    const requested = request.params?.notifications as ListenFilter | undefined;
    if (!requested || typeof requested !== 'object') return undefined;
    const honored: ListenFilter = {};
    if (requested.toolsListChanged === true) honored.toolsListChanged = true;
    if (requested.promptsListChanged === true) honored.promptsListChanged = true;
    if (requested.resourcesListChanged === true) honored.resourcesListChanged = true;
    if (Array.isArray(requested.resourceSubscriptions) && requested.resourceSubscriptions.length > 0) {
      honored.resourceSubscriptions = requested.resourceSubscriptions.filter((uri): uri is string => typeof uri === 'string');
    }
    this.filters.set(request.id, honored);
    return stamp({ jsonrpc: '2.0', method: 'notifications/subscriptions/acknowledged', params: { notifications: honored } }, request.id);
  }

  close(id: RequestId): boolean {
    return this.filters.delete(id);
  }

  /** Copies of a notification for each subscription that wants it (none for a change nobody asked for). */
  route(notification: RpcNotification): Array<{ id: RequestId; notification: RpcNotification }> {
    const out: Array<{ id: RequestId; notification: RpcNotification }> = [];
    for (const [id, filter] of this.filters) {
      if (accepts(filter, notification)) out.push({ id, notification: stamp(notification, id) });
    }
    return out;
  }
}

export function isChangeNotification(method: string): boolean {
  return method in changeFilterKey || method === 'notifications/resources/updated';
}

function accepts(filter: ListenFilter, notification: RpcNotification): boolean {
  const key = changeFilterKey[notification.method];
  if (key) return filter[key] === true;
  if (notification.method === 'notifications/resources/updated') {
    return filter.resourceSubscriptions?.includes(String(notification.params?.uri)) ?? false;
  }
  return false;
}

function stamp(notification: RpcNotification, id: RequestId): RpcNotification {
  const params = notification.params ?? {};
  const meta = (params._meta as Record<string, unknown> | undefined) ?? {};
  return { ...notification, params: { ...params, _meta: { ...meta, [SUBSCRIPTION_ID_META_KEY]: id } } };
}
