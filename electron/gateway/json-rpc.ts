import type { JSONRPCMessage } from '@modelcontextprotocol/client';

/** JSON-RPC 2.0 shapes as the gateway relays them: plain objects, no schema parsing on the hot path. */
export type RequestId = string | number;

export interface RpcRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: Record<string, unknown>;
}
export interface RpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Record<string, unknown>;
}
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}
export type RpcResponse = { jsonrpc: '2.0'; id: RequestId; result: Record<string, unknown> } | { jsonrpc: '2.0'; id: RequestId | null; error: RpcErrorObject };

/** A response body before it gets the id of the request it answers. */
export type RpcOutcome = { result: Record<string, unknown> } | { error: RpcErrorObject };

export const rpcErrorCodes = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
} as const;

export type ClassifiedMessage =
  | { kind: 'request'; message: RpcRequest }
  | { kind: 'notification'; message: RpcNotification }
  | { kind: 'response'; message: RpcResponse }
  | { kind: 'invalid'; reason: string; id: RequestId | null };

/** A JSON-RPC request id as MCP allows it: a string or a finite number (never null, an object or an array). */
export function isRequestId(id: unknown): id is RequestId {
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

/** Sorts an incoming message, and says what is wrong with one that is not valid JSON-RPC. */
export function classify(message: JSONRPCMessage | Record<string, unknown>): ClassifiedMessage {
  const m = message as Record<string, unknown>;
  const id = m.id;
  const validId = isRequestId(id);
  if (m.jsonrpc !== '2.0') return { kind: 'invalid', reason: 'jsonrpc must be "2.0"', id: validId ? (id as RequestId) : null };
  if (m.params !== undefined && (typeof m.params !== 'object' || m.params === null || Array.isArray(m.params))) {
    return { kind: 'invalid', reason: 'params must be an object', id: validId ? (id as RequestId) : null };
  }
  if (typeof m.method === 'string') {
    if (id === undefined) return { kind: 'notification', message: m as unknown as RpcNotification };
    if (!validId) return { kind: 'invalid', reason: 'id must be a string or a number', id: null };
    return { kind: 'request', message: m as unknown as RpcRequest };
  }
  if (m.method !== undefined) return { kind: 'invalid', reason: 'method must be a string', id: validId ? (id as RequestId) : null };
  if (validId && ('result' in m || 'error' in m)) return { kind: 'response', message: m as unknown as RpcResponse };
  // An error answer to a message the peer could not read carries id null; it is a response, never answered back.
  if (id === null && 'error' in m) return { kind: 'response', message: m as unknown as RpcResponse };
  return { kind: 'invalid', reason: 'a message needs a method (request or notification) or a result/error (response)', id: validId ? (id as RequestId) : null };
}

export function withId(id: RequestId, outcome: RpcOutcome): RpcResponse {
  return 'result' in outcome ? { jsonrpc: '2.0', id, result: outcome.result } : { jsonrpc: '2.0', id, error: outcome.error };
}

export function errorOutcome(code: number, message: string, data?: unknown): RpcOutcome {
  return { error: data === undefined ? { code, message } : { code, message, data } };
}

export function outcomeOf(response: RpcResponse): RpcOutcome {
  return 'result' in response ? { result: response.result } : { error: response.error };
}
