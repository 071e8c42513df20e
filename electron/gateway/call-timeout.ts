import type { RpcOutcome } from './json-rpc.js';

/** How a relayed call ended: the server's answer, or the limit ran out first (the call was cancelled at the server). */
export type TimedResponse = { outcome: RpcOutcome } | { timedOutAfterMs: number };

/**
 * Waits for a relayed call's answer for at most `limitMs` (undefined or 0: no limit). When the limit runs out
 * first, `cancel` is called (the gateway sends notifications/cancelled and drops the pending answer, so a late
 * reply from the server goes nowhere) and the call reports how long it waited. The clock starts here, when the
 * request has been relayed: starting the container never counts against the call.
 */
export async function awaitWithinLimit(response: Promise<RpcOutcome>, limitMs: number | undefined, cancel: (reason: string) => void): Promise<TimedResponse> {
  if (!limitMs || limitMs <= 0) return { outcome: await response };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), limitMs);
  });
  try {
    const first = await Promise.race([response, expired]);
    if (first !== 'expired') return { outcome: first };
  } finally {
    clearTimeout(timer);
  }
  cancel(`Switchyard call timeout: no answer within ${formatSeconds(limitMs)}`);
  return { timedOutAfterMs: performance.now() - started };
}

export interface TimedOutCall {
  method: string;
  server: string;
  /** Tool or prompt name, or resource URI. */
  name: string;
  limitMs: number;
}

/** What the caller gets for a call that ran out of time: a tool error the model can read (tools), a JSON-RPC error otherwise. */
export function timeoutOutcome(call: TimedOutCall): RpcOutcome {
  const text = timeoutMessage(call);
  if (call.method === 'tools/call') return { result: { content: [{ type: 'text', text }], isError: true } };
  return { error: { code: -32001, message: text, data: { server: call.server, name: call.name, limitMs: call.limitMs } } };
}

export function timeoutMessage({ method, server, name, limitMs }: TimedOutCall): string {
  const what = method === 'tools/call' ? `tool "${name}"` : method === 'prompts/get' ? `prompt "${name}"` : `resource "${name}"`;
  return (
    `Timed out: server "${server}" did not answer ${what} within ${formatSeconds(limitMs)}, so Switchyard cancelled the call. ` +
    `Raise the limit with "callTimeoutSeconds" for this server (servers.${server}.callTimeoutSeconds in settings.json) ` +
    `or for all servers (gateway.callTimeoutSeconds); 0 means no limit.`
  );
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
