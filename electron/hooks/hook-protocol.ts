import { z } from 'zod';
import type { CallInfo } from '../gateway/call-interceptors.js';
import type { RpcOutcome } from '../gateway/json-rpc.js';

export { hookUrlProblem } from '../settings/endpoint-checks.js';

/**
 * The wire protocol between Switchyard and a hook (see README, "Timeouts and hooks"): one JSON object in, one
 * JSON answer out. Pure shapes and parsing only; running the hook is command-hook.ts / http-hook.ts.
 */

export type HookWhen = 'before' | 'after';

/** A longer answer (stdout or response body) is not an answer: the hook is treated as failed. */
export const answerMaxBytes = 1024 * 1024;

/** What a hook receives: on stdin (command hooks) or as the POST body (HTTP hooks). */
export interface HookRequest {
  hook: string;
  when: HookWhen;
  traceId: string;
  client: { name?: string; version?: string };
  server: string;
  method: string;
  /** Tool or prompt name, or resource URI. */
  name: string;
  arguments: unknown;
  /** After hooks: the server's result, or its JSON-RPC error when it failed. */
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

/** What Switchyard does with the call, as the hook decided. */
export type HookDecision =
  | { action: 'allow' }
  | { action: 'block'; reason: string }
  | { action: 'rewrite-arguments'; arguments: Record<string, unknown> }
  | { action: 'rewrite-result'; result: Record<string, unknown> };

/** A hook that could not give a usable answer: non-zero exit, non-2xx status, invalid JSON, timeout. */
export class HookFailure extends Error {}

export function hookRequest(hook: { name: string; when: HookWhen }, call: CallInfo, outcome?: RpcOutcome): HookRequest {
  return {
    hook: hook.name,
    when: hook.when,
    traceId: call.traceId,
    client: { ...(call.client.name ? { name: call.client.name } : {}), ...(call.client.version ? { version: call.client.version } : {}) },
    server: call.server,
    method: call.method,
    name: call.name,
    arguments: call.arguments,
    ...(outcome ? ('result' in outcome ? { result: outcome.result } : { error: outcome.error }) : {}),
  };
}

const HookAnswerSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('allow') }),
  z.object({ action: z.literal('block'), reason: z.string().optional() }),
  z.object({
    action: z.literal('rewrite'),
    arguments: z.record(z.string(), z.unknown()).optional(),
    result: z.record(z.string(), z.unknown()).optional(),
  }),
]);

/**
 * Reads a hook's answer: empty text or `{}` allows; otherwise `{"action": "allow" | "block" | "rewrite", ...}`.
 * A before hook may rewrite `arguments`, an after hook `result`. Throws HookFailure naming what was wrong.
 */
export function parseHookAnswer(text: string, when: HookWhen): HookDecision {
  const trimmed = text.trim();
  if (trimmed === '') return { action: 'allow' };
  let raw: unknown;
  try {
    raw = JSON.parse(trimmed);
  } catch (error) {
    throw new HookFailure(`answered with invalid JSON (${(error as Error).message}): ${preview(trimmed)}`);
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !('action' in raw)) return { action: 'allow' };
  const parsed = HookAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HookFailure(
      `answered ${preview(trimmed)}, which is not a hook answer (${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'unexpected shape'}); expected {}, {"action":"block","reason":"..."} or {"action":"rewrite",...}`,
    );
  }
  const answer = parsed.data;
  if (answer.action === 'allow') return { action: 'allow' };
  if (answer.action === 'block') return { action: 'block', reason: answer.reason?.trim() || 'no reason given' };
  if (when === 'before') {
    if (!answer.arguments)
      throw new HookFailure('answered "rewrite" without "arguments" (a before hook rewrites the arguments: {"action":"rewrite","arguments":{...}})');
    return { action: 'rewrite-arguments', arguments: answer.arguments };
  }
  if (!answer.result) throw new HookFailure('answered "rewrite" without "result" (an after hook rewrites the result: {"action":"rewrite","result":{...}})');
  return { action: 'rewrite-result', result: answer.result };
}

function preview(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
