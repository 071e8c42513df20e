import { newCallId, newTraceId } from '../history/call-ids.js';
import type { RpcOutcome } from './json-rpc.js';

/** The calls that are recorded and governed: what a model asks a server to do. */
export const interceptedMethods = new Set(['tools/call', 'prompts/get', 'resources/read']);

/** One intercepted call, as every interceptor sees it. */
export interface CallInfo {
  id: string;
  /** Also written to the server's stderr log lines around the call, to find them again. */
  traceId: string;
  startedAt: number;
  /** `profile`: the profile the client attached to (see profile-view.ts). */
  client: { name?: string; version?: string; sessionId: string; profile?: string };
  server: string;
  method: string;
  /** Tool or prompt name, or resource URI, as the server knows it. */
  name: string;
  arguments: unknown;
}

export type CallEnd =
  | { kind: 'outcome'; outcome: RpcOutcome }
  | { kind: 'denied'; reason: string }
  | { kind: 'cancelled'; reason?: string }
  /** No answer within the call timeout: cancelled at the server, the caller got a timeout error. */
  | { kind: 'timeout'; afterMs: number };

/**
 * A step on the call path. `before` may deny a call (it never reaches the server; the caller gets a tool error
 * with the reason) or replace its arguments; `after` may replace the outcome (say, to block a result that
 * leaks a secret) or deny the result (the caller gets the reason, the call ends as denied). Interceptors run in
 * order; recording sees the final outcome. A call that times out skips `after`: the server gave nothing to inspect.
 */
export interface CallInterceptor {
  before?(call: CallInfo): Promise<{ deny: string } | { arguments: unknown } | void> | { deny: string } | { arguments: unknown } | void;
  after?(call: CallInfo, outcome: RpcOutcome): Promise<RpcOutcome | { deny: string } | void> | RpcOutcome | { deny: string } | void;
  /** Told once the call is over, however it ended (for recording). Never on the caller's critical path. */
  ended?(call: CallInfo, end: CallEnd, durationMs: number): void;
}

export function newCallInfo(fields: Omit<CallInfo, 'id' | 'traceId' | 'startedAt'>): CallInfo {
  const startedAt = Date.now();
  return { id: newCallId(startedAt), traceId: newTraceId(), startedAt, ...fields };
}

/** What a denied call answers: a tool error the model can read (tools), a JSON-RPC error otherwise. */
export function deniedOutcome(method: string, reason: string): RpcOutcome {
  const text = `Blocked by Switchyard policy: ${reason}`;
  if (method === 'tools/call') return { result: { content: [{ type: 'text', text }], isError: true } };
  return { error: { code: -32603, message: text } };
}
