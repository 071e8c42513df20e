import type { ServerDefinition } from '../runtime/server-definition.js';
import type { RpcOutcome } from './json-rpc.js';

/** How a relayed call ended: the server's answer, or the limit ran out first (the call was cancelled at the server). */
export type TimedResponse = { outcome: RpcOutcome } | { timedOutAfterMs: number };

/**
 * Waits for a relayed call's answer for at most `limitMs` (undefined or 0: no limit). When the limit runs out
 * first, `cancel` is called (the gateway sends notifications/cancelled and drops the pending answer, so a late
 * reply from the server goes nowhere) and the call reports how long it waited. The clock starts here, when the
 * request has been relayed: starting the container never counts against the call.
 */
export function awaitWithinLimit(response: Promise<RpcOutcome>, limitMs: number | undefined, cancel: (reason: string) => void): Promise<TimedResponse> {
  if (!limitMs || limitMs <= 0) return response.then((outcome) => ({ outcome }));
  return new Promise((resolve) => {
    const started = performance.now();
    const deadline = deadlines.add(started + limitMs, () => {
      cancel(`Switchyard call timeout: no answer within ${formatSeconds(limitMs)}`);
      resolve({ timedOutAfterMs: performance.now() - started });
    });
    void response.then((outcome) => {
      if (deadlines.remove(deadline)) resolve({ outcome });
    });
  });
}

interface Deadline {
  at: number;
  expire(): void;
}

/**
 * Every relayed call's deadline, watched by one timer set for the soonest: a timer per call (and a promise
 * race around it) cost more than the rest of a call's bookkeeping. With one limit for all calls the soonest
 * deadline is the oldest call's, so a new call almost never moves the timer.
 */
class Deadlines {
  private readonly pending = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  add(at: number, expire: () => void): Deadline {
    const deadline = { at, expire };
    this.pending.add(deadline);
    if (at < this.timerAt) this.arm(at);
    return deadline;
  }

  /** False when the deadline had already expired (or was removed). */
  remove(deadline: Deadline): boolean {
    return this.pending.delete(deadline);
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.sweep(), Math.max(0, at - performance.now()));
    // A pending call keeps the process alive by itself; its deadline must not.
    this.timer.unref();
  }

  private sweep(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let soonest = Number.POSITIVE_INFINITY;
    for (const deadline of this.pending) {
      if (deadline.at <= now) {
        this.pending.delete(deadline);
        deadline.expire();
      } else if (deadline.at < soonest) {
        soonest = deadline.at;
      }
    }
    if (soonest !== Number.POSITIVE_INFINITY) this.arm(soonest);
  }
}

const deadlines = new Deadlines();

/**
 * The limit of one call: a tool's own (servers.NAME.toolCallTimeoutSeconds.TOOL) when it has one, else the
 * server's (its own or the gateway's); undefined: no limit.
 */
export function callLimitMs(definition: Pick<ServerDefinition, 'callTimeoutMs' | 'toolCallTimeoutMs'>, method: string, name: string): number | undefined {
  const own = method === 'tools/call' ? definition.toolCallTimeoutMs?.[name] : undefined;
  const limitMs = own ?? definition.callTimeoutMs;
  return limitMs && limitMs > 0 ? limitMs : undefined;
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
  const forTool = method === 'tools/call' ? `for this tool (servers.${server}.toolCallTimeoutSeconds.${name} in settings.json), ` : '';
  return (
    `Timed out: server "${server}" did not answer ${what} within ${formatSeconds(limitMs)}, so Switchyard cancelled the call. ` +
    `Raise the limit ${forTool}with "callTimeoutSeconds" for this server (servers.${server}.callTimeoutSeconds in settings.json) ` +
    `or for all servers (gateway.callTimeoutSeconds); 0 means no limit.`
  );
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
